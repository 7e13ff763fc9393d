/// Where a session is as a whole.
public enum SessionPhase: String, Codable, Sendable {
    /// No mission yet.
    case empty
    /// A plan is being shaped; nothing runs.
    case planning
    /// The plan was approved with /go: tasks run.
    case running
    /// /finish wrote the PR description.
    case finished
}

/// Everything known about a session: a pure function of its events (see `reduce`).
public struct SessionState: Equatable, Sendable {
    public var id: String
    public var phase: SessionPhase = .empty
    public var mission: String?
    public var planner: String?
    public var plannerCostUSD: Double = 0
    /// Every version of the plan; `planIndex` points at the current one (undo/redo move it).
    public var planHistory: [Plan] = []
    public var planIndex = -1
    public var integrationBranch: String?
    public var baseCommit: String?
    public var progress: [String: TaskProgress] = [:]
    public var decisions: [Decision] = []
    public var notes: [String] = []
    public var parallelism = 4
    public var agentLimits: [String: Int] = [:]
    public var policy = Policy()
    public var budgetUSD: Double?
    public var budgetAsked = false
    public var permissionBypass = false
    /// Agents that refused work (a rejected rate limit) until a time, seconds since 1970:
    /// the scheduler starts no turn on them before it.
    public var rateLimitedUntil: [String: Double] = [:]
    public var summaryFile: String?
    public var lastEventAt: Double = 0
    public var createdAt: Double = 0

    public init(id: String) { self.id = id }

    /// The current plan (empty before the first proposal).
    public var plan: Plan {
        planHistory.indices.contains(planIndex) ? planHistory[planIndex] : Plan()
    }

    public var canUndo: Bool { planIndex > 0 && phase == .planning }
    public var canRedo: Bool { planIndex >= 0 && planIndex < planHistory.count - 1 && phase == .planning }

    public func status(of task: String) -> TaskStatus { progress[task]?.status ?? .planned }

    public var openDecisions: [Decision] { decisions.filter(\.isOpen) }

    public func decision(_ id: String) -> Decision? { decisions.first { $0.id == id } }

    /// Total spent on agents and the planner.
    public var totalCostUSD: Double { progress.values.reduce(plannerCostUSD) { $0 + $1.costUSD } }

    public var runningCount: Int { progress.values.filter { $0.status.isActive }.count }

    /// Tasks merged or done, out of all.
    public var doneCount: Int { plan.tasks.filter { status(of: $0.id).satisfiesDependents }.count }

    /// True when nothing is running: everything is finished, failed, or waits for the user
    /// (a task done by hand, once its worktree is ready, waits for the user's /done).
    public var isQuiescent: Bool {
        guard phase == .running else { return true }
        return !progress.values.contains { $0.status.isActive && !($0.status == .running && $0.agent == AgentName.human) }
    }

    /// A one-word description for `/sessions`.
    public var summaryState: String {
        switch phase {
        case .empty: return "empty"
        case .planning: return "planning"
        case .finished: return "finished"
        case .running:
            if !openDecisions.isEmpty { return "waiting" }
            if runningCount > 0 { return "running" }
            if doneCount == plan.tasks.count { return "done" }
            return "idle"
        }
    }

    /// Unfinished: a session worth offering to resume.
    public var isUnfinished: Bool { phase == .planning || phase == .running }
}
