/// What the user asked routing to favour: `/route --prefer best|cheap|fast`.
public enum RoutePreference: String, Codable, Sendable, CaseIterable {
    /// The strongest fit for the task (default).
    case best
    /// The cheapest agent that fits.
    case cheap
    /// The fastest agent that fits.
    case fast
}

/// One agent's score for a task, with the terms that made it.
public struct RouteCandidate: Sendable, Equatable {
    public var agent: String
    public var score: Double
    /// The scoring terms, e.g. "code +2 · depth +3 · cost 3 +1.5".
    public var why: String

    public init(agent: String, score: Double, why: String) {
        self.agent = agent
        self.score = score
        self.why = why
    }
}

/// The router's answer for one task.
public struct RouteChoice: Sendable, Equatable {
    /// The chosen agent's name.
    public var agent: String
    /// One line saying why, e.g. "well-scoped code (endpoint) — codex's strength".
    public var reason: String
    /// The next best agent, if any other was available.
    public var runnerUp: String?
    /// Every scored agent, best first.
    public var ranking: [RouteCandidate]

    public init(agent: String, reason: String, runnerUp: String?, ranking: [RouteCandidate]) {
        self.agent = agent
        self.reason = reason
        self.runnerUp = runnerUp
        self.ranking = ranking
    }
}
