/// Claude Code: `claude -p PROMPT --output-format stream-json --verbose --permission-mode
/// acceptEdits [--allowedTools a,b] [--model M] [extra]`; continuation adds `--resume ID`.
/// `bypassPermissions` only when `allowPermissionBypass`.
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

    public func makeDecoder() -> any StreamDecoder { ClaudeStreamDecoder() }

    private func build(_ options: TurnOptions, resume: String?) -> [String] {
        var argv = [command, "-p", AdapterArguments.positional(options.prompt),
                    "--output-format", "stream-json", "--verbose",
                    "--permission-mode", options.allowPermissionBypass ? "bypassPermissions" : "acceptEdits"]
        if !options.allowedTools.isEmpty {
            argv += ["--allowedTools", options.allowedTools.joined(separator: ",")]
        }
        argv += AdapterArguments.model("--model", options.model)
        if let resume { argv += ["--resume", resume] }
        argv += AdapterArguments.extra(options)
        return argv
    }
}
