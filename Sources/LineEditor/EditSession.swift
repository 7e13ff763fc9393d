@preconcurrency import CEditLine
@preconcurrency import Glibc
import Synchronization

/// The interactive editor: one libedit instance driven on the editor thread.
///
/// Everything except `emit`/`setCompletion` (which go through `shared`) runs on
/// the single editor thread that calls `readMessage`, including the C callbacks.
final class EditSession: @unchecked Sendable {
    struct Shared {
        var reading = false
        var queue: [String] = []
        /// A new prompt for the read in progress (see `LineEditor.updatePrompt`).
        var promptUpdate: String?
        var completion: (@Sendable (String) -> [String])?
    }

    /// A line already entered with a trailing `\`, still shown above the edit line.
    struct CommittedLine {
        var prompt: String
        var text: [UInt32]
    }

    let shared = Mutex(Shared())
    private let el: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: String?
    private let wakeRead: Int32
    private let wakeWrite: Int32

    private var scanner = InputScanner()
    private var promptC: UnsafeMutablePointer<CChar>
    private var promptText = ""
    private var committed: [CommittedLine] = []
    private var cancelled = false
    private var closed = false

    init?(historyFile: String?) {
        TerminalLayout.ensureUTF8Locale()
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        guard let e = el_init("baton", stdin, stdout, stderr), let h = history_init() else {
            close(fds[0])
            close(fds[1])
            return nil
        }
        el = e
        history = h
        wakeRead = fds[0]
        wakeWrite = fds[1]
        self.historyFile = historyFile
        promptC = strdup("")
        configure()
        TerminalSignals.install(wakeFD: wakeWrite)
    }

    private func configure() {
        _ = cel_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        _ = cel_set_editor(el, "emacs")
        _ = cel_set_signal(el, 0)
        _ = cel_set_getcfn(el, readKeyCallback)
        _ = cel_set_prompt_esc(el, promptCallback, 1)
        _ = cel_history_setsize(history, 1000)
        _ = cel_history_setunique(history, 1)
        _ = cel_set_hist(el, history)
        if let file = historyFile {
            HistoryFile.createParentDirectory(of: file)
            _ = cel_history_load(history, file)
        }
        // Ctrl-C and Ctrl-Z arrive as keys; we handle them ourselves.
        _ = cel_setty(el, "-d", "-isig")
        _ = cel_addfn(el, "baton-cancel", "Cancel the message being typed", cancelCallback)
        _ = cel_addfn(el, "baton-suspend", "Suspend the program", suspendCallback)
        _ = cel_addfn(el, "baton-complete", "Complete the word at the cursor", completeCallback)
        _ = cel_bind(el, "^C", "baton-cancel")
        _ = cel_bind(el, "^Z", "baton-suspend")
        _ = cel_bind(el, "^I", "baton-complete")
        for (key, fn) in [
            ("\\e[1~", "ed-move-to-beg"), ("\\e[7~", "ed-move-to-beg"), ("\\e[H", "ed-move-to-beg"),
            ("\\eOH", "ed-move-to-beg"), ("\\e[4~", "ed-move-to-end"), ("\\e[8~", "ed-move-to-end"),
            ("\\e[F", "ed-move-to-end"), ("\\eOF", "ed-move-to-end"), ("\\e[3~", "ed-delete-next-char"),
            ("\\e[1;5D", "ed-prev-word"), ("\\e[1;5C", "em-next-word"),
            ("\\e[1;3D", "ed-prev-word"), ("\\e[1;3C", "em-next-word"),
        ] {
            _ = cel_bind(el, key, fn)
        }
        // Decoded Latin-1 letters (é = U+00E9 …) index libedit's 8-bit keymap,
        // where emacs mode puts meta commands: make them plain insertions.
        for value in 0xA0...0xFF {
            let key: [wchar_t] = [wchar_t(value), 0]
            let fn: [wchar_t] = "ed-insert".unicodeScalars.map { wchar_t($0.value) } + [0]
            _ = cel_wbind(el, key, fn)
        }
    }

    // MARK: Reading a message

    /// Reads one message (blocking; editor thread only).
    func readMessage(prompt: String) -> LineInput {
        guard !closed else { return .eof }
        shared.withLock { $0.reading = true }
        committed = []
        TerminalOutput.write("\u{1B}[?2004h")
        defer {
            TerminalOutput.write("\u{1B}[?2004l")
            Self.echo(false)
            let pending = shared.withLock { state -> [String] in
                state.reading = false
                defer { state.queue = [] }
                return state.queue
            }
            if !pending.isEmpty { TerminalOutput.write(pending.joined()) }
        }
        var lines: [String] = []
        while true {
            setPrompt(lines.isEmpty ? prompt : Continuation.prompt)
            cancelled = false
            var count: Int32 = 0
            let raw = el_gets(el, &count)
            if cancelled { return .cancelled }
            guard let raw, count > 0 else {
                TerminalOutput.write("\n")
                return lines.isEmpty ? .eof : finish(lines)
            }
            var text = String(cString: raw)
            if text.hasSuffix("\n") { text.removeLast() }
            let (line, continues) = Continuation.split(text)
            lines.append(line)
            guard continues else { return finish(lines) }
            committed.append(CommittedLine(prompt: promptText, text: text.unicodeScalars.map(\.value)))
        }
    }

    /// Between reads the terminal does not echo: what the user types while a command runs
    /// waits in the input queue and appears, once, on the next prompt line.
    static func echo(_ on: Bool) {
        var settings = termios()
        guard tcgetattr(0, &settings) == 0 else { return }
        if on { settings.c_lflag |= tcflag_t(ECHO) } else { settings.c_lflag &= ~tcflag_t(ECHO) }
        tcsetattr(0, TCSANOW, &settings)
    }

    private func finish(_ lines: [String]) -> LineInput {
        let message = Continuation.join(lines)
        if message.contains(where: { !$0.isWhitespace }) {
            _ = cel_history_enter(history, message)
            saveHistory()
        }
        return .line(message)
    }

    func saveHistory() {
        if let file = historyFile { _ = cel_history_save(history, file) }
    }

    private func setPrompt(_ text: String) {
        promptText = text
        free(promptC)
        promptC = strdup(TerminalLayout.markInvisible(text))
    }

    fileprivate var promptPointer: UnsafeMutablePointer<CChar> { promptC }

    // MARK: The read function (EL_GETCFN)

    /// Delivers the next key to libedit; handles wake-ups and pastes in between.
    fileprivate func readKey(_ out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            var event = scanner.next()
            if event == .needMoreSoon {
                if waitForStdin(milliseconds: 50) {
                    if fillFromStdin() == 0 { return 0 }
                    continue
                }
                event = scanner.next(escapeTimedOut: true)
            }
            switch event {
            case .key(let value):
                out.pointee = wchar_t(bitPattern: value)
                return 1
            case .paste(let text):
                insertPaste(text)
            case .needMore, .needMoreSoon:
                var fds = [
                    pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
                ]
                let n = poll(&fds, 2, -1)
                if n < 0 {
                    if errno == EINTR { continue }
                    return -1
                }
                if fds[1].revents != 0 {
                    drainWakePipe()
                    handleWake()
                }
                if fds[0].revents != 0 {
                    let got = fillFromStdin()
                    if got == 0 { return 0 }
                    if got < 0 { return -1 }
                }
            }
        }
    }

    /// Reads available bytes from stdin into the scanner: >0 bytes, 0 at EOF, -1 on error.
    private func fillFromStdin() -> Int {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(0, &buffer, buffer.count)
            if n > 0 {
                scanner.append(buffer[0..<n])
                return n
            }
            if n == 0 { return 0 }
            if errno == EINTR { continue }
            return errno == EAGAIN ? 1 : -1
        }
    }

    private func waitForStdin(milliseconds: Int32) -> Bool {
        var fd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        while true {
            let n = poll(&fd, 1, milliseconds)
            if n < 0 && errno == EINTR { continue }
            return n > 0
        }
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(wakeRead, &buffer, buffer.count) > 0 {}
    }

    /// Pokes the editor thread (from any thread).
    func wake() {
        var byte: UInt8 = 0x21
        _ = write(wakeWrite, &byte, 1)
    }

    // MARK: Redrawing

    /// Where the edit area (committed lines, prompt and buffer) is: the row of
    /// the cursor and the number of rows, counted from its first row.
    struct Area: Equatable {
        var cursorRow: Int
        var rows: Int
    }

    private func editArea() -> Area {
        let columns = Int(cel_columns(el))
        let above = committed.reduce(0) { $0 + TerminalLayout.rowsUsed(prompt: $1.prompt, text: $1.text, columns: columns) }
        let before = lineBeforeCursor()
        let cursor = TerminalLayout.cursorPosition(prompt: promptText, text: before, columns: columns).row
        let end = TerminalLayout.cursorPosition(prompt: promptText, text: before + lineAfterCursor(), columns: columns).row
        return Area(cursorRow: above + cursor, rows: above + end + 1)
    }

    private func lineBeforeCursor() -> [UInt32] {
        guard let info = el_wline(el), let start = info.pointee.buffer, let cursor = info.pointee.cursor else { return [] }
        let count = start.distance(to: cursor)
        return (0..<max(0, count)).map { UInt32(bitPattern: start[$0]) }
    }

    private func lineAfterCursor() -> [UInt32] {
        guard let info = el_wline(el), let cursor = info.pointee.cursor, let last = info.pointee.lastchar else { return [] }
        let count = cursor.distance(to: last)
        return (0..<max(0, count)).map { UInt32(bitPattern: cursor[$0]) }
    }

    /// Erases the edit `area`, writes `text` there, reprints the committed
    /// continuation lines and lets libedit redraw the prompt, buffer and cursor.
    private func redraw(_ area: Area, writing text: String) {
        cel_flush_stdout()  // stdout only (see shim.h)
        var out = TerminalLayout.eraseSequence(cursorRow: area.cursorRow, totalRows: area.rows)
        out += TerminalOutput.rawNewlines(text)
        for line in committed {
            var s = String.UnicodeScalarView()
            for v in line.text { if let u = Unicode.Scalar(v) { s.append(u) } }
            out += line.prompt + TerminalOutput.rawNewlines(String(s)) + "\r\n"
        }
        TerminalOutput.write(out)
        _ = cel_refresh(el)
    }

    /// Handles emitted text, terminal resizes and SIGCONT.
    private func handleWake() {
        let pending = takeQueue()
        var area = editArea()
        if let prompt = shared.withLock({ state -> String? in
            defer { state.promptUpdate = nil }
            return state.promptUpdate
        }),
            committed.isEmpty
        {
            setPrompt(prompt)  // the area above was measured with the old prompt
        }
        if TerminalSignals.resized.exchange(false, ordering: .acquiringAndReleasing) {
            el_resize(el)
            area = editArea()
        }
        let continuedCount = TerminalSignals.continued.load(ordering: .acquiring)
        if continuedCount != lastContinued {
            // Continued by someone else's SIGSTOP/SIGCONT: re-apply raw mode, draw on a fresh line.
            lastContinued = continuedCount
            _ = cel_prep_term(el, 0)
            _ = cel_prep_term(el, 1)
            TerminalOutput.write("\u{1B}[?2004h")
            area = Area(cursorRow: 0, rows: 1)
        }
        redraw(area, writing: pending)
    }

    private var lastContinued = TerminalSignals.continued.load(ordering: .acquiring)

    private func insertPaste(_ text: String) {
        guard !text.isEmpty else { return }
        let area = editArea()
        let wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        _ = el_winsertstr(el, wide)
        redraw(area, writing: "")
    }

    // MARK: Bound keys

    fileprivate func cancelLine() -> UInt8 {
        cancelled = true
        let area = editArea()
        _ = el_cursor(el, Int32(clamping: lineAfterCursor().count))
        redraw(area, writing: "")
        TerminalOutput.write("^C\r\n")
        return UInt8(CC_NEWLINE)
    }

    fileprivate func suspend() -> UInt8 {
        let before = TerminalSignals.continued.load(ordering: .acquiring)
        TerminalOutput.write("\r\n\u{1B}[?2004l")
        _ = cel_prep_term(el, 0)
        kill(0, SIGTSTP)
        while TerminalSignals.continued.load(ordering: .acquiring) == before {
            var fd = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, 100)
        }
        lastContinued = TerminalSignals.continued.load(ordering: .acquiring)
        _ = cel_prep_term(el, 1)
        TerminalOutput.write("\u{1B}[?2004h")
        redraw(Area(cursorRow: 0, rows: 1), writing: takeQueue())
        return UInt8(CC_NORM)
    }

    private func takeQueue() -> String {
        shared.withLock { state -> String in
            defer { state.queue = [] }
            return state.queue.joined()
        }
    }

    fileprivate func complete() -> UInt8 {
        guard let provider = shared.withLock({ $0.completion }) else { return UInt8(CC_REFRESH_BEEP) }
        var before = String.UnicodeScalarView()
        for v in lineBeforeCursor() { if let u = Unicode.Scalar(v) { before.append(u) } }
        let plan = Completion.plan(lineBeforeCursor: String(before), candidates: provider(String(before)))
        if plan.insert.isEmpty && plan.listing.isEmpty { return UInt8(CC_REFRESH_BEEP) }
        let area = editArea()
        if !plan.insert.isEmpty {
            let wide = plan.insert.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
            _ = el_winsertstr(el, wide)
        }
        guard !plan.listing.isEmpty else { return UInt8(CC_REFRESH) }
        redraw(area, writing: Completion.columns(plan.listing, width: Int(cel_columns(el))))
        return UInt8(CC_NORM)
    }

    // MARK: Teardown

    /// Saves history and releases libedit (restores the terminal). Editor thread only.
    func end() {
        guard !closed else { return }
        closed = true
        saveHistory()
        TerminalSignals.detach(wakeFD: wakeWrite)
        el_end(el)
        history_end(history)
        if TerminalSignals.haveSavedTermios.load(ordering: .acquiring) {
            tcsetattr(0, TCSANOW, TerminalSignals.savedTermios)
        } else {
            Self.echo(true)
        }
        free(promptC)
        close(wakeRead)
        close(wakeWrite)
    }
}

private func session(_ e: OpaquePointer?) -> EditSession {
    Unmanaged<EditSession>.fromOpaque(cel_get_clientdata(e)!).takeUnretainedValue()
}

private let readKeyCallback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<wchar_t>?) -> Int32 = { e, out in
    guard let out else { return -1 }
    return session(e).readKey(out)
}

private let promptCallback: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { e in
    session(e).promptPointer
}

private let cancelCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { e, _ in session(e).cancelLine() }
private let suspendCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { e, _ in session(e).suspend() }
private let completeCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { e, _ in session(e).complete() }
