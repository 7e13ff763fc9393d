/// A tool call an agent was refused (or deferred to Baton), with the allow rules that would
/// let it through, in the agent's own rule syntax.
///
/// For claude: `Bash(git push origin HEAD)` once, `Bash(git push:*)` for the task; MCP tools by
/// their bare name `mcp__server__tool` (a rule with parentheses is ignored); file tools as
/// `Edit(rel/path)` inside the worktree, `Edit(//abs/path)` outside; `WebFetch(domain:x)`;
/// other tools by bare name.
public struct PermissionRequest: Codable, Equatable, Sendable {
    /// What the agent tried, for the question (`Bash(git push origin HEAD)`).
    public var description: String
    /// The rule that allows exactly this call (for the next turn only).
    public var onceRule: String
    /// The rule that allows calls like it for the rest of the task.
    public var taskRule: String

    public init(description: String, onceRule: String, taskRule: String) {
        self.description = description
        self.onceRule = onceRule
        self.taskRule = taskRule
    }

    /// A request whose rules are its description (older sessions recorded only that).
    public init(legacy tool: String) {
        self.init(description: tool, onceRule: tool, taskRule: tool)
    }
}
