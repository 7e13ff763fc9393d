@preconcurrency import Glibc
import Synchronization

/// Process-wide signal handling for the interactive editor.
///
/// Dispatch worker threads block most signals, so handlers only record what
/// happened and poke the active editor's wake pipe; the editor thread does the
/// real work (resize, redraw) between keys. TERM, HUP and QUIT restore the
/// terminal and re-raise with the default action.
enum TerminalSignals {
    /// Write end of the active editor's wake pipe, or -1.
    static let wakeFD = Atomic<Int32>(-1)
    /// Set by SIGWINCH, cleared by the editor when it resizes.
    static let resized = Atomic<Bool>(false)
    /// Counts SIGCONTs, so a suspend can wait until the process is continued.
    static let continued = Atomic<Int>(0)
    /// Counts Ctrl-C pressed while no line is being read (the REPL is busy with a command).
    static let interrupts = Atomic<Int>(0)
    /// Whether `savedTermios` holds the terminal's cooked settings.
    static let haveSavedTermios = Atomic<Bool>(false)
    /// Cooked terminal settings to restore on TERM/HUP/QUIT (written once before handlers run).
    nonisolated(unsafe) static let savedTermios: UnsafeMutablePointer<termios> = {
        let p = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        p.initialize(to: termios())
        return p
    }()
    private static let installed = Mutex<Bool>(false)

    /// Saves the terminal settings of stdin and installs the handlers (once).
    static func install(wakeFD fd: Int32) {
        // Touch every global before a handler can run (lazy initialization is not signal-safe).
        _ = savedTermios
        _ = resized.load(ordering: .relaxed)
        _ = continued.load(ordering: .relaxed)
        _ = interrupts.load(ordering: .relaxed)
        if tcgetattr(0, savedTermios) == 0 { haveSavedTermios.store(true, ordering: .releasing) }
        wakeFD.store(fd, ordering: .releasing)
        installed.withLock { done in
            guard !done else { return }
            done = true
            for sig in [SIGWINCH, SIGCONT, SIGINT] { setHandler(sig, flags: SA_RESTART) }
            for sig in [SIGTERM, SIGHUP, SIGQUIT] { setHandler(sig, flags: Int32(bitPattern: UInt32(SA_RESETHAND))) }
        }
    }

    /// Stops poking `fd` (the editor is closing).
    static func detach(wakeFD fd: Int32) {
        _ = wakeFD.compareExchange(expected: fd, desired: -1, ordering: .acquiringAndReleasing)
    }

    private static func setHandler(_ sig: Int32, flags: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = signalHandler
        action.sa_flags = flags
        sigemptyset(&action.sa_mask)
        sigaction(sig, &action, nil)
    }

    /// Writes one byte to the wake pipe (async-signal-safe).
    static func poke() {
        let fd = wakeFD.load(ordering: .acquiring)
        guard fd >= 0 else { return }
        var byte: UInt8 = 0x21
        _ = write(fd, &byte, 1)
    }
}

private let signalHandler: @convention(c) (Int32) -> Void = { sig in
    let savedErrno = errno
    switch sig {
    case SIGWINCH:
        TerminalSignals.resized.store(true, ordering: .releasing)
        TerminalSignals.poke()
    case SIGCONT:
        TerminalSignals.continued.add(1, ordering: .acquiringAndReleasing)
        TerminalSignals.poke()
    case SIGINT:
        // Between reads: the REPL decides (e.g. stop waiting); Baton is not killed.
        TerminalSignals.interrupts.add(1, ordering: .acquiringAndReleasing)
    default:
        if TerminalSignals.haveSavedTermios.load(ordering: .acquiring) {
            tcsetattr(0, TCSANOW, TerminalSignals.savedTermios)
            let off: StaticString = "\u{1B}[?2004l"
            _ = write(1, off.utf8Start, off.utf8CodeUnitCount)
        }
        signal(sig, SIG_DFL)
        raise(sig)
    }
    errno = savedErrno
}
