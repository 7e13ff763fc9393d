/// The outcome of one `LineEditor.readLine(prompt:)` call.
public enum LineInput: Sendable, Equatable {
    /// A complete message. Continued (`\`) or pasted lines are joined with "\n".
    case line(String)
    /// The user pressed Ctrl-C: the typed message was dropped; the REPL should continue.
    case cancelled
    /// Ctrl-D on an empty line, or the end of piped input: the REPL should exit.
    case eof
}
