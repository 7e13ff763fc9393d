/// How one turn of an agent ended, as decoded from its stream.
public struct TurnResult: Codable, Equatable, Sendable {
    public var exitCode: Int32
    /// The agent's final message (the checkpoint block is parsed from it).
    public var finalText: String
    /// The agent's own session/thread id, for continuation turns.
    public var agentSessionID: String?
    public var tokens: Int
    public var costUSD: Double?
    public var durationMs: Int
    /// Set when the turn failed: what went wrong, in one line.
    public var error: String?
    /// Tools the agent asked for and was denied (e.g. `Bash(git push origin HEAD)`).
    public var permissionDenials: [String]

    public init(
        exitCode: Int32, finalText: String = "", agentSessionID: String? = nil, tokens: Int = 0,
        costUSD: Double? = nil, durationMs: Int = 0, error: String? = nil, permissionDenials: [String] = []
    ) {
        self.exitCode = exitCode
        self.finalText = finalText
        self.agentSessionID = agentSessionID
        self.tokens = tokens
        self.costUSD = costUSD
        self.durationMs = durationMs
        self.error = error
        self.permissionDenials = permissionDenials
    }

    public var succeeded: Bool { exitCode == 0 && error == nil }
}
