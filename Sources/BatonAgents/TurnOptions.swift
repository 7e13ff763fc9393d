/// Everything an adapter needs to build the argv of one turn.
public struct TurnOptions: Sendable, Equatable {
    /// The prompt text (passed as an argument).
    public var prompt: String
    /// The same prompt written to a file (for `{prompt_file}` templates).
    public var promptFile: String
    /// The task's worktree; the runtime also makes it the process's working directory.
    public var worktree: String
    /// Baton's session directory (`{session}` in generic templates).
    public var sessionDir: String
    /// Model override, when configured.
    public var model: String?
    /// User-configured extra arguments, appended before the prompt. Known permission-bypass
    /// flags are removed unless `allowPermissionBypass` is true.
    public var extraArguments: [String]
    /// Tools the user allowed for this task (claude `--allowedTools`, e.g. `Bash(git push)`).
    public var allowedTools: [String]
    /// Only when the user explicitly configured it: lets adapters pass bypass modes.
    public var allowPermissionBypass: Bool
    /// True when the agent runs as root (claude then refuses bypass: see `PermissionBypass`).
    public var runningAsRoot: Bool
    /// Baton's MCP server for this turn (`baton-mcp`), for adapters whose CLI takes one.
    public var mcpServer: MCPServer?
    /// Files of the worktree the task changed so far (relative paths, existing ones): aider
    /// adds them to its chat (`--file`); without them it holds back a later turn's edits to
    /// them and asks its model again.
    public var changedFiles: [String] = []

    public init(
        prompt: String, promptFile: String = "", worktree: String = "", sessionDir: String = "",
        model: String? = nil, extraArguments: [String] = [], allowedTools: [String] = [],
        allowPermissionBypass: Bool = false, runningAsRoot: Bool = false, mcpServer: MCPServer? = nil
    ) {
        self.prompt = prompt
        self.promptFile = promptFile
        self.worktree = worktree
        self.sessionDir = sessionDir
        self.model = model
        self.extraArguments = extraArguments
        self.allowedTools = allowedTools
        self.allowPermissionBypass = allowPermissionBypass
        self.runningAsRoot = runningAsRoot
        self.mcpServer = mcpServer
    }
}
