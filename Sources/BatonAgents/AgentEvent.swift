/// Something an agent did during a turn, decoded from its output stream, for live lines.
public enum AgentEvent: Sendable, Equatable {
    /// The agent's own session/thread id (used to continue the conversation).
    case sessionStarted(String)
    /// Assistant text (raw, untrusted; sanitize before printing).
    case text(String)
    /// A short, sanitized, one-line description: "reading X", "editing X", "running tests",
    /// "running: cmd".
    case activity(String)
    /// A file the agent created or edited (relative to the worktree when inside it, else as
    /// the agent gave it).
    case fileChanged(String)
    /// Tokens (input + output) and cost so far, when the agent reports them. `approximate`
    /// while the figure rests on placeholders (claude's assistant lines before the result).
    case usage(tokens: Int, costUSD: Double?, approximate: Bool = false)
    /// Something odd in the stream (corrupt line, non-fatal agent error), one line.
    case warning(String)
    /// The agent is retrying a failed model API call (claude's `api_retry`, codex's
    /// "Reconnecting..."), one line. Not progress: the stall clock does not restart for it.
    case retrying(String)
    /// A subagent's text or activity (claude's lines with a `parent_tool_use_id`): shown in
    /// `/log` under the main agent, never its final text. One line.
    case subagent(String)
    /// A warning the user must see once per session, not condensed with activity: a rate
    /// limit nearly used up. One line.
    case notice(String)
    /// The agent CLI sent something Baton does not know: shown once per CLI version and kind.
    case drift(AgentDrift)
}
