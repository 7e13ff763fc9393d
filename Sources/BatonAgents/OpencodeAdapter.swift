/// opencode: `opencode run --format json [-m provider/model] [-s SESSION] [extra] PROMPT`.
/// Never passes `--auto` (permission requests stay auto-rejected).
public struct OpencodeAdapter: AgentAdapter {
    public let name = "opencode"
    public let command: String
    public var supportsResume: Bool { true }

    public init(command: String = "opencode") { self.command = command }

    public func argv(firstTurn options: TurnOptions) -> [String] { build(options, session: nil) }

    public func argv(continuing agentSessionID: String, _ options: TurnOptions) -> [String] {
        build(options, session: agentSessionID)
    }

    public func makeDecoder() -> any StreamDecoder { OpencodeStreamDecoder() }

    private func build(_ options: TurnOptions, session: String?) -> [String] {
        var argv = [command, "run", "--format", "json"]
        argv += AdapterArguments.model("-m", options.model)
        if let session { argv += ["-s", session] }
        argv += AdapterArguments.extra(options, also: ["--auto"])
        return argv + [AdapterArguments.positional(options.prompt)]
    }
}
