/// Aider: `aider --message PROMPT --yes-always --no-stream --no-pretty --no-auto-commits
/// [--model M] [extra]`. Plain text output; no resume (each turn is a fresh chat), and
/// `--no-auto-commits` because Baton commits at checkpoints.
public struct AiderAdapter: AgentAdapter {
    public let name = "aider"
    public let command: String
    public var supportsResume: Bool { false }

    public init(command: String = "aider") { self.command = command }

    public func argv(firstTurn options: TurnOptions) -> [String] {
        [
            command, "--message", AdapterArguments.positional(options.prompt),
            "--yes-always", "--no-stream", "--no-pretty", "--no-auto-commits",
        ]
            + AdapterArguments.model("--model", options.model) + AdapterArguments.extra(options)
    }

    public func argv(continuing agentSessionID: String, _ options: TurnOptions) -> [String] {
        argv(firstTurn: options)
    }

    public var flagsUsed: [String] { ["--message", "--yes-always", "--no-stream", "--no-pretty", "--no-auto-commits", "--model"] }

    public func makeDecoder() -> any StreamDecoder { PlainTextDecoder() }
}
