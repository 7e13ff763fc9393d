/// Antigravity CLI (`agy`), Gemini CLI's successor. Its headless surface changed between
/// versions, so the argv follows what `agy --help` offers (see ``AntigravitySurface``):
/// `agy --print PROMPT [--output-format stream-json] [--model M] [--conversation ID] [extra]`.
/// With stream-json its events are Gemini's (init, message, tool_use, tool_result, error,
/// result); without, the output is plain text. A later turn resumes by conversation id only
/// when the CLI offers `--conversation` and streams the id. `--dangerously-skip-permissions`
/// only when `allowPermissionBypass`.
public struct AntigravityAdapter: AgentAdapter {
    public let name = "antigravity"
    public let command: String
    public let surface: AntigravitySurface

    public init(command: String = "agy", surface: AntigravitySurface) {
        self.command = command
        self.surface = surface
    }

    public var supportsResume: Bool { surface.streamJSON && surface.conversation }

    public func argv(firstTurn options: TurnOptions) -> [String] { build(options, resume: nil) }

    public func argv(continuing agentSessionID: String, _ options: TurnOptions) -> [String] {
        build(options, resume: supportsResume ? agentSessionID : nil)
    }

    public var flagsUsed: [String] { surface.streamJSON ? ["--print", "--output-format"] : ["--print"] }

    public func makeDecoder() -> any StreamDecoder {
        surface.streamJSON ? GeminiStreamDecoder() : PlainTextDecoder()
    }

    private func build(_ options: TurnOptions, resume: String?) -> [String] {
        var argv = [command, "--print", AdapterArguments.positional(options.prompt)]
        if surface.streamJSON { argv += ["--output-format", "stream-json"] }
        if surface.model { argv += AdapterArguments.model("--model", options.model) }
        if let resume { argv += ["--conversation", resume] }
        if options.allowPermissionBypass && surface.skipPermissions { argv.append("--dangerously-skip-permissions") }
        argv += AdapterArguments.extra(options)
        return argv
    }
}
