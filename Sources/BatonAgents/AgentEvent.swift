/// Something an agent did during a turn, decoded from its output stream, for live lines.
public enum AgentEvent: Sendable, Equatable {
    /// The agent's own session/thread id (used to continue the conversation).
    case sessionStarted(String)
    /// Assistant text (raw, untrusted; sanitize before printing).
    case text(String)
    /// A short, sanitized, one-line description: "reading X", "editing X", "running tests",
    /// "running: cmd".
    case activity(String)
    /// A file the agent created or edited (path as the agent gave it).
    case fileChanged(String)
    /// Tokens (input + output) and cost so far, when the agent reports them.
    case usage(tokens: Int, costUSD: Double?)
    /// Something odd in the stream (corrupt line, non-fatal agent error), one line.
    case warning(String)
}
