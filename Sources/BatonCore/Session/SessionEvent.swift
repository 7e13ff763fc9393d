/// A past-tense fact about a session. The event log is the session; state is `reduce` over it.
///
/// Encoded with Swift's synthesized Codable: `{"planApproved":{"integrationBranch":"…",…}}`.
/// Adding a case or an optional field is backward compatible; anything else bumps
/// ``SessionLogHeader/currentSchema``.
public enum SessionEvent: Codable, Equatable, Sendable {
    // Conversation and plan
    case missionSet(text: String)
    case userSaid(text: String)
    case planProposed(planner: String, tasks: [PlanTask], costUSD: Double?, note: String?)
    case planEdited(command: String, tasks: [PlanTask])
    case planUndone
    case planRedone
    case planApproved(integrationBranch: String, baseCommit: String)
    /// `/replan`: the user asked the planner to revise the plan with this feedback.
    case replanRequested(feedback: String)
    /// The planner gave no new plan (the offline planner cannot revise from feedback); the
    /// plan stays as it was. `reason` is one line for the user.
    case plannerFailed(planner: String, reason: String)

    // Settings
    case parallelismSet(limit: Int)
    case agentLimitsSet(limits: [String: Int])
    case policySet(name: String, value: String)
    case budgetSet(usd: Double?)
    case permissionBypassSet(enabled: Bool)

    // Runs
    case workspaceCreated(task: String, worktree: String, branch: String, baseCommit: String)
    case turnStarted(task: String, turn: Int, agent: String, pid: Int32?, pidStartTime: UInt64?, streamFile: String?)
    case taskActivity(task: String, text: String)
    case turnFinished(task: String, turn: Int, result: TurnResult)
    case checkpointRecorded(task: String, checkpoint: Checkpoint)
    case taskFailed(task: String, reason: String)
    case runInterrupted(task: String, reason: String)
    /// No output for a while; `seconds` (newer logs) is exact, `minutes` rounded up.
    case runStalled(task: String, minutes: Int, seconds: Int? = nil)
    /// An agent's rate limit has reset: its waiting tasks may start again.
    case agentAvailable(agent: String)

    // The human in the loop
    case decisionAnswered(id: String, answer: String)
    case guidanceGiven(task: String, text: String)
    case noteRecorded(text: String)
    case taskPaused(task: String)
    case taskContinued(task: String)
    case taskCancelled(task: String)
    case taskRetried(task: String, agent: String?)
    case humanFinished(task: String, summary: String)

    // Review and integration
    case taskMerged(task: String, commit: String)
    case mergeConflicted(task: String, files: [String])
    case taskRejected(task: String, feedback: String)
    case sessionFinished(summaryFile: String)
}

/// One line of the log: a sequence number, the time, and the event.
public struct SessionRecord: Codable, Equatable, Sendable {
    public var seq: Int
    /// Seconds since 1970 (UTC).
    public var at: Double
    public var event: SessionEvent

    public init(seq: Int, at: Double, event: SessionEvent) {
        self.seq = seq
        self.at = at
        self.event = event
    }
}

/// The first line of every events.jsonl.
public struct SessionLogHeader: Codable, Equatable, Sendable {
    public static let currentSchema = 1
    public var baton: String
    public var schema: Int
    public var session: String
    public var created: Double
    public var repository: String

    public init(session: String, created: Double, repository: String, schema: Int = SessionLogHeader.currentSchema) {
        self.baton = "session"
        self.schema = schema
        self.session = session
        self.created = created
        self.repository = repository
    }
}
