/// Gemini CLI: `gemini -p PROMPT -o stream-json --approval-mode auto_edit [-m M] [-r ID]
/// [extra]`. `yolo` only when `allowPermissionBypass`.
public struct GeminiAdapter: AgentAdapter {
    public let name = "gemini"
    public let command: String
    public var supportsResume: Bool { true }

    public init(command: String = "gemini") { self.command = command }

    public func argv(firstTurn options: TurnOptions) -> [String] { build(options, resume: nil) }

    public func argv(continuing agentSessionID: String, _ options: TurnOptions) -> [String] {
        build(options, resume: agentSessionID)
    }

    public var flagsUsed: [String] { ["--prompt", "--output-format", "--approval-mode", "--model", "--resume"] }

    public func makeDecoder() -> any StreamDecoder { GeminiStreamDecoder() }

    private func build(_ options: TurnOptions, resume: String?) -> [String] {
        var argv = [
            command, "-p", AdapterArguments.positional(options.prompt), "-o", "stream-json",
            "--approval-mode", options.allowPermissionBypass ? "yolo" : "auto_edit",
        ]
        argv += AdapterArguments.model("-m", options.model)
        if let resume { argv += ["-r", resume] }
        argv += AdapterArguments.extra(options, also: ["-y"])
        return argv
    }
}
