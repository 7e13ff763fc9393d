/// Claude Code: `claude -p PROMPT --output-format stream-json --verbose --permission-mode
/// acceptEdits [--allowedTools a,b] [--model M] [extra]`; continuation adds `--resume ID`.
/// `bypassPermissions` only when `allowPermissionBypass`, and never as root (claude refuses it
/// there: the turn would fail; its bypass flags in `extraArguments` are dropped too).
public struct ClaudeAdapter: AgentAdapter {
    public let name = "claude"
    public let command: String
    public var supportsResume: Bool { true }

    public init(command: String = "claude") { self.command = command }

    public func argv(firstTurn options: TurnOptions) -> [String] {
        build(options, resume: nil)
    }

    public func argv(continuing agentSessionID: String, _ options: TurnOptions) -> [String] {
        build(options, resume: agentSessionID)
    }

    public var flagsUsed: [String] {
        ["--print", "--output-format", "--verbose", "--permission-mode", "--allowedTools", "--model", "--resume"]
    }

    public func makeDecoder() -> any StreamDecoder { ClaudeStreamDecoder() }

    public func makeDecoder(worktree: String) -> any StreamDecoder { ClaudeStreamDecoder(worktree: worktree) }

    private func build(_ options: TurnOptions, resume: String?) -> [String] {
        var options = options
        options.allowPermissionBypass = PermissionBypass.applies(
            to: name, allowed: options.allowPermissionBypass, runningAsRoot: options.runningAsRoot)
        var argv = [
            command, "-p", AdapterArguments.positional(options.prompt),
            "--output-format", "stream-json", "--verbose",
            "--permission-mode", options.allowPermissionBypass ? "bypassPermissions" : "acceptEdits",
        ]
        if !options.allowedTools.isEmpty {
            argv += ["--allowedTools", options.allowedTools.joined(separator: ",")]
        }
        argv += AdapterArguments.model("--model", options.model)
        if let resume { argv += ["--resume", resume] }
        argv += mcpArguments(options)
        argv += AdapterArguments.extra(options)
        return argv
    }
}
