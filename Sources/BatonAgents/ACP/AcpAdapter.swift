import BatonCore

/// An agent driven over the Agent Client Protocol. The runtime holds the connection (the
/// agent lives on Baton's pipes); this adapter gives its argv and the transcript decoder.
public struct AcpAdapter: AgentAdapter {
    public var name: String
    /// The whole argv that starts the agent in ACP mode (`["goose", "acp"]`).
    public var command: [String]

    public init(name: String, command: [String]) {
        self.name = name
        self.command = command
    }

    /// The same argv for every turn (the prompt goes over the connection).
    public func argv(firstTurn options: TurnOptions) -> [String] {
        command + AdapterArguments.extra(options)
    }

    public func argv(continuing agentSessionID: String, _ options: TurnOptions) -> [String] {
        argv(firstTurn: options)
    }

    public func makeDecoder() -> any StreamDecoder { AcpTurnDecoder() }

    public func makeDecoder(worktree: String) -> any StreamDecoder { AcpTurnDecoder(worktree: worktree) }

    /// Continuation is decided per turn: `session/load` when the agent advertises it.
    public var supportsResume: Bool { true }
}
