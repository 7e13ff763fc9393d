/// Where a race is: contestants planned, running, being judged, compared, or one picked.
public enum RacePhase: String, Codable, Sendable {
    /// Set on a task that has not started: its contestants start with it.
    case planned
    /// Contestants run (each a run of its own: worktree, branch, turns, checks, review).
    case running
    /// Every contestant finished (or the deadline passed); the judge compares them.
    case judging
    /// The comparison is shown; the user picks (or the policy did).
    case compared
    /// One contestant's work is the task's result; the others are archived.
    case picked
}

/// One task raced on several agents (best of N): each contestant is a run keyed
/// `T3.claude`, from the same base with the same brief; their evidence is compared and one
/// is picked. The race lives on the parent task, which waits (status ``TaskStatus/racing``)
/// until the pick; its dependents wait with it.
public struct Race: Codable, Equatable, Sendable {
    /// The parent task (`T3`).
    public var task: String
    /// The contestants' agents, in the order given.
    public var agents: [String]
    /// Stragglers are stopped this long after the race starts (nil: no deadline).
    public var deadlineSeconds: Double?
    public var phase: RacePhase = .planned
    public var startedAt: Double?
    /// Contestants (agents) stopped at the deadline: kept, compared as they are.
    public var stopped: [String] = []
    /// The agent asked to judge (nil: none was).
    public var judge: String?
    public var verdict: RaceVerdict?
    /// The picked contestant's agent, and who picked it (`you` or `policy`).
    public var picked: String?
    public var pickedBy: String?

    public init(task: String, agents: [String], deadlineSeconds: Double? = nil) {
        self.task = task
        self.agents = agents
        self.deadlineSeconds = deadlineSeconds
    }

    /// `T3.claude`: the run id of `agent`'s contestant.
    public func contestant(_ agent: String) -> String { Self.contestantID(task, agent) }

    /// Every contestant's run id, in order.
    public var contestants: [String] { agents.map(contestant) }

    public static func contestantID(_ task: String, _ agent: String) -> String { "\(task).\(agent)" }

    /// When the deadline passes (seconds since 1970), once started.
    public var deadline: Double? {
        guard let startedAt, let deadlineSeconds else { return nil }
        return startedAt + deadlineSeconds
    }

    /// `×2 (claude, codex)` for the plan.
    public var label: String { "×\(agents.count) (\(agents.joined(separator: ", ")))" }
}

/// The judge's answer: which contestant is best, why, and the order of all.
public struct RaceVerdict: Codable, Equatable, Sendable {
    /// The picked agent (nil: the judge was unavailable).
    public var pick: String?
    public var reason: String
    /// Agents, best first.
    public var ranking: [String]

    public init(pick: String?, reason: String, ranking: [String] = []) {
        self.pick = pick
        self.reason = reason
        self.ranking = ranking
    }

    public var available: Bool { pick != nil }
}
