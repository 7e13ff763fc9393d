/// Everything known about the run of one task.
public struct TaskProgress: Codable, Equatable, Sendable {
    public var status: TaskStatus = .planned
    public var agent: String?
    /// Number of the latest turn started (0 before the first).
    public var turn: Int = 0
    public var agentSessionID: String?
    public var worktree: String?
    public var branch: String?
    public var baseCommit: String?
    public var checkpoints: [Checkpoint] = []
    public var tokens: Int = 0
    /// Input tokens the agent read from its prompt cache (shown apart from `tokens`).
    public var cachedTokens: Int?
    /// True once a turn's cost was Baton's estimate from a price table (shown with `~`).
    public var costEstimated: Bool?
    /// The agent CLI's version at its latest turn.
    public var agentVersion: String?
    public var costUSD: Double = 0
    public var costKnown = true
    /// False once a turn's tokens rested on placeholders (shown as approximate).
    public var tokensExact = true
    /// The running totals the agent last reported for `agentSessionID` (see `TurnResult`).
    public var sessionTokens: Int?
    public var sessionCostUSD: Double?
    public var startedAt: Double?
    public var endedAt: Double?
    public var lastActivity: String?
    public var lastActivityAt: Double?
    /// Guidance (@T2 ...) and answers waiting for the next turn.
    public var pendingMessages: [String] = []
    public var allowedTools: [String] = []
    /// Tools allowed for the next turn only ("allow once").
    public var allowedOnce: [String] = []
    public var failure: String?
    public var pid: Int32?
    public var pidStartTime: UInt64?
    public var streamFile: String?
    public var unstructuredTurns = 0
    public var mergedCommit: String?
    /// Status to return to after /continue.
    public var pausedFrom: TaskStatus?
    public var stallReported = false
    /// A finished turn whose checkpoint is not recorded yet (reconcile finishes it).
    public var awaitingCheckpoint: CheckpointReport?
    /// The latest turn whose end is recorded: a turn ends once, however often it is reported.
    public var finishedTurn: Int?
    /// Runs of its checks started so far (numbers the check logs `T2-N.check.log`).
    public var checkRuns = 0
    /// Its checks run now (false while they wait in the queue).
    public var checksRunning = false
    /// The process of the check running now (recorded so resume can stop it).
    public var checkPid: Int32?
    public var checkPidStartTime: UInt64?
    /// The latest verdict of its checks.
    public var verdict: CheckVerdict?
    /// Rework rounds since the last decision about red checks (compared with the policy).
    public var reworkRounds = 0
    /// Rework turns in all (shown: `2 turns + 1 rework`).
    public var reworkTurns = 0
    /// The user took it as is with red checks (or merged it with --force).
    public var checksWaived = false
    /// The reviewer's latest verdict, and who gave it.
    public var review: ReviewVerdict?
    public var reviewer: String?
    /// Rework turns a review started (one at most per task).
    public var reviewReworks = 0
    /// Its merge was reverted after the integration checks went red.
    public var mergeReverted = false

    public init() {}

    public var lastCheckpoint: Checkpoint? { checkpoints.last }
    public var filesChanged: Int { checkpoints.last?.stat.files.count ?? 0 }
}
