import Dispatch
@preconcurrency import Glibc
import Synchronization

/// Reads the user's messages with real line editing (libedit, emacs keys,
/// history, Tab completion, multi-line paste) and prints asynchronous output
/// above the prompt without breaking the line being typed.
///
/// - Interactive when stdin and stdout are terminals (unless `forcePlain`);
///   otherwise plain: no prompt, no escape sequences, one message per line.
/// - All blocking reads run on the editor's own thread, never on the
///   cooperative pool. One `readLine` at a time (calls are serialized).
/// - Prompts may contain ANSI colour sequences as they are: the editor marks
///   them invisible for libedit itself (no markers needed from callers).
/// - While a read may be in progress, write all output through `emit(_:)`;
///   a plain `print` would land in the middle of the edit line.
public final class LineEditor: @unchecked Sendable {
    /// Whether the editor talks to a terminal (line editing, prompt, colours).
    public let isInteractive: Bool

    private let session: EditSession?
    private let plain: PlainLineReader?
    private let editorQueue = DispatchQueue(label: "baton.line-editor")
    private let directOutput = Mutex(false)

    /// - Parameters:
    ///   - historyFile: where history is loaded from and saved to (interactive
    ///     mode only); missing parent directories are created with mode 0700.
    ///   - forcePlain: read plain lines even on a terminal.
    public init(historyFile: String?, forcePlain: Bool = false) {
        let terminal = !forcePlain && isatty(0) == 1 && isatty(1) == 1
        // Piped too: table widths (`wcwidth`) count ✓ — × as one column, not zero.
        if !terminal { TerminalLayout.ensureUTF8Locale() }
        let session = terminal ? EditSession(historyFile: historyFile) : nil
        self.session = session
        self.isInteractive = session != nil
        self.plain = session == nil ? PlainLineReader() : nil
    }

    /// Reads one message. Ctrl-C → `.cancelled` (the REPL continues), Ctrl-D on
    /// an empty line → `.eof`, end of piped input → `.eof`. Lines ending in `\`
    /// and pasted blocks are joined with "\n" into one message. Ctrl-D on an
    /// empty continuation line sends the lines typed so far.
    public func readLine(prompt: String) async -> LineInput {
        await withCheckedContinuation { continuation in
            editorQueue.async {
                continuation.resume(returning: self.readBlocking(prompt: prompt))
            }
        }
    }

    private func readBlocking(prompt: String) -> LineInput {
        if let session { return session.readMessage(prompt: prompt) }
        return plain?.readMessage() ?? .eof
    }

    /// Prints text (one or more lines; a final newline is added when missing)
    /// above the prompt, from any thread or task, without breaking the typed
    /// line. When no read is in progress, or not interactive, it is written
    /// straight to stdout. The text is written as given: sanitize it first.
    public func emit(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        guard let session else {
            directOutput.withLock { _ in TerminalOutput.write(line) }
            return
        }
        session.shared.withLock { state in
            if state.reading {
                state.queue.append(line)
                session.wake()
            } else {
                TerminalOutput.write(line)
            }
        }
    }

    /// How many times Ctrl-C was pressed while no line was being read (on a terminal): a
    /// long command can watch it to stop early. While reading, Ctrl-C cancels the line.
    public var interruptCount: Int { TerminalSignals.interrupts.load(ordering: .acquiring) }

    /// Changes the prompt of the read in progress (e.g. when a decision starts waiting),
    /// redrawing it with the typed line intact. The next read uses its own prompt.
    public func updatePrompt(_ prompt: String) {
        guard let session else { return }
        session.shared.withLock { state in
            guard state.reading else { return }
            state.promptUpdate = prompt
            session.wake()
        }
    }

    /// Sets the Tab completion provider: given the text before the cursor, it
    /// returns candidate full words for the word at the cursor (the text after
    /// the last space). One match: the rest and a space are inserted. Several:
    /// their common prefix is inserted and they are listed above the prompt.
    /// The provider runs on the editor thread while the user waits: keep it fast.
    public func setCompletion(_ provider: @escaping @Sendable (_ lineBeforeCursor: String) -> [String]) {
        session?.shared.withLock { $0.completion = provider }
    }

    /// Saves history and restores the terminal. Call after the last `readLine`
    /// has returned; further reads return `.eof`.
    public func close() {
        guard let session else { return }
        let reading = session.shared.withLock { $0.reading }
        if reading {
            // A read is still blocked on the editor thread: restore the terminal now.
            if TerminalSignals.haveSavedTermios.load(ordering: .acquiring) {
                tcsetattr(0, TCSANOW, TerminalSignals.savedTermios)
            }
            TerminalOutput.write("\u{1B}[?2004l")
            return
        }
        editorQueue.sync { session.end() }
    }
}
