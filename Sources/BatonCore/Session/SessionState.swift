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
public struct SessionState: Codable, Equatable, Sendable {
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
    /// Ids of the mid-turn calls (MCP) already recorded: a call is recorded once.
    public var agentCalls: Set<String> = []
    public var parallelism = 4
    public var agentLimits: [String: Int] = [:]
    public var policy = Policy()
    public var budgetUSD: Double?
    public var budgetAsked = false
    public var permissionBypass = false
    /// Agents that refused work (a rejected rate limit) until a time, seconds since 1970:
    /// the scheduler starts no turn on them before it.
    public var rateLimitedUntil: [String: Double] = [:]
    /// Keys of the once-only warnings already given (``SessionEvent/warningGiven(task:key:text:)``).
    public var warningsGiven: Set<String> = []
    public var summaryFile: String?
    public var lastEventAt: Double = 0
    public var createdAt: Double = 0
    /// The checks every task passes before it merges (empty: none).
    public var checks: [CheckSpec] = []
    /// Check runs at once unless the policy says otherwise.
    public var defaultCheckSlots = 1
    /// Installed agents that may review another's work, best first.
    public var reviewAgents: [String] = []
    /// The task whose merge the integration checks are checking now.
    public var integrationChecking: String?
    /// The merge after which the integration checks went red, until the user decides.
    public var integrationBrokenBy: String?
    /// The latest verdict of the integration checks.
    public var integrationVerdict: CheckVerdict?
    /// Raced tasks (best of N), by parent task id.
    public var races: [String: Race] = [:]
    /// An agent fixing the integration branch now.
    public var integrationFix: IntegrationFix?

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

    public var runningCount: Int { progress.values.reduce(0) { $0 + ($1.status.isActive ? 1 : 0) } }

    /// Tasks merged or done, out of all.
    public var doneCount: Int { plan.tasks.reduce(0) { $0 + (status(of: $1.id).satisfiesDependents ? 1 : 0) } }

    /// True when nothing is running: everything is finished, failed, or waits for the user
    /// (a task done by hand, once its worktree is ready, waits for the user's /done; a run
    /// that asked a question mid-turn — `ask_human`, a live permission — waits for its answer).
    public var isQuiescent: Bool {
        guard phase == .running else { return true }
        if integrationChecking != nil || integrationFix != nil { return false }
        if races.values.contains(where: { $0.phase == .judging }) { return false }
        return !progress.contains { task, p in
            p.status.isActive && !(p.status == .running && (p.agent == AgentName.human || asksMidTurn(task)))
        }
    }

    /// The task's agent waits, mid-turn, for the answer to an `ask_human` call.
    public func waitsOnAgentQuestion(_ task: String) -> Bool {
        decisions.contains { $0.isOpen && $0.task == task && $0.request != nil }
    }

    /// The task's run goes on but waits on the user: a question of its own is open (not a
    /// stall, which is Baton asking about the run).
    public func asksMidTurn(_ task: String) -> Bool {
        openDecisions.contains { $0.task == task && $0.kind != .stall }
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
