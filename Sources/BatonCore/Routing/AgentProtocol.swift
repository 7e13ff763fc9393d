/// Which adapter drives an agent: how Baton launches a turn and reads its output.
public enum AgentProtocol: String, Codable, Sendable, CaseIterable {
    /// Claude Code: `claude -p … --output-format stream-json --verbose`.
    case claude
    /// OpenAI Codex: `codex exec --json …`.
    case codex
    /// Gemini CLI: `gemini -p … -o stream-json`.
    case gemini
    /// Antigravity CLI (Gemini CLI's successor): `agy --print …`, stream-json when offered.
    case antigravity
    /// Aider: `aider --message … --yes-always --no-stream` (plain text).
    case aider
    /// opencode: `opencode run --format json …`.
    case opencode
    /// Any command, from an argv template with {prompt} {prompt_file} {worktree} placeholders.
    case command
    /// The user does the task in its worktree and says /done.
    case human
    /// Agent Client Protocol: JSON-RPC 2.0 on the agent's stdin/stdout (`command` is the
    /// whole argv, e.g. `["goose", "acp"]`). Live permission requests and fs calls; the
    /// turn lives on Baton's pipes, so it ends when Baton stops.
    case acp

    /// Protocols a user may give in `.baton/agents.json` (`human` is reserved).
    public static var configurable: [AgentProtocol] { allCases.filter { $0 != .human } }
}
