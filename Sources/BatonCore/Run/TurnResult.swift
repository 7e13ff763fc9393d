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
    /// The agent session's running totals at this turn's end, when the agent reports them
    /// (claude's `total_cost_usd`, codex's `turn.completed.usage`: on a resumed session they
    /// count every turn so far). A turn then counts the difference to the previous total of
    /// the same agent session; `tokens`/`costUSD` are the figures used without one.
    public var sessionTokens: Int?
    public var sessionCostUSD: Double?
    /// True when `tokens` rests on placeholders (the turn ended before its final figures).
    public var tokensApproximate: Bool?
    /// The denied (or deferred) tool calls with the rules that would allow them; when set,
    /// `permissionDenials` holds their descriptions.
    public var permissionRequests: [PermissionRequest]?
    /// Input tokens served from the model's prompt cache (not counted in `tokens`).
    public var cachedTokens: Int?
    /// The agent refused to work until this time (a rejected rate limit, seconds since 1970).
    public var rateLimitedUntil: Double?
    /// The agent CLI's version, when its stream or `--version` says.
    public var agentVersion: String?
    /// True when `costUSD` is Baton's estimate from a price table (shown with `~`).
    public var costEstimated: Bool?

    public init(
        exitCode: Int32, finalText: String = "", agentSessionID: String? = nil, tokens: Int = 0,
        costUSD: Double? = nil, durationMs: Int = 0, error: String? = nil, permissionDenials: [String] = [],
        sessionTokens: Int? = nil, sessionCostUSD: Double? = nil, tokensApproximate: Bool? = nil,
        permissionRequests: [PermissionRequest]? = nil, cachedTokens: Int? = nil, rateLimitedUntil: Double? = nil,
        agentVersion: String? = nil, costEstimated: Bool? = nil
    ) {
        self.exitCode = exitCode
        self.finalText = finalText
        self.agentSessionID = agentSessionID
        self.tokens = tokens
        self.costUSD = costUSD
        self.durationMs = durationMs
        self.error = error
        self.permissionDenials = permissionDenials
        self.sessionTokens = sessionTokens
        self.sessionCostUSD = sessionCostUSD
        self.tokensApproximate = tokensApproximate
        self.permissionRequests = permissionRequests
        self.cachedTokens = cachedTokens
        self.rateLimitedUntil = rateLimitedUntil
        self.agentVersion = agentVersion
        self.costEstimated = costEstimated
    }

    public var succeeded: Bool { exitCode == 0 && error == nil }
}
