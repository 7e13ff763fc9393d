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
    /// A warning given once per session, resumed runs included (an agent CLI's drift, a rate
    /// limit nearly used up); `key` says what it is about (``SessionState/warningsGiven``).
    case warningGiven(task: String, key: String, text: String)
    case turnFinished(task: String, turn: Int, result: TurnResult)
    case checkpointRecorded(task: String, checkpoint: Checkpoint)
    case taskFailed(task: String, reason: String)
    case runInterrupted(task: String, reason: String)
    /// No output for a while; `seconds` (newer logs) is exact, `minutes` rounded up.
    case runStalled(task: String, minutes: Int, seconds: Int? = nil)
    /// The agent's own session for this task is known before its turn ends (ACP
    /// `session/new`): a crash mid-turn can still continue it (`session/load`).
    case agentSessionOpened(task: String, sessionID: String)
    /// The agent waits for the user's permission (ACP `session/request_permission`):
    /// `request` is its JSON-RPC id, `options` the choices' names, `optionIDs` and
    /// `optionKinds` (allow_once, allow_always, reject_once, reject_always) in the same order.
    case permissionAsked(task: String, request: String, tool: String, options: [String], optionIDs: [String], optionKinds: [String])
    /// An agent's rate limit has reset: its waiting tasks may start again.
    case agentAvailable(agent: String)

    // The human in the loop
    case decisionAnswered(id: String, answer: String)
    /// `/decide` gave an answer that contradicts the earlier decision `earlier` on the same
    /// question: not recorded yet; the user chooses (this task only, replace, keep).
    case answerContradicted(id: String, answer: String, earlier: String)
    case guidanceGiven(task: String, text: String)
    case noteRecorded(text: String)
    case taskPaused(task: String)
    case taskContinued(task: String)
    case taskCancelled(task: String)
    case taskRetried(task: String, agent: String?)
    case humanFinished(task: String, summary: String)

    // Mid-turn calls: the task's agent called a tool of Baton's MCP server (`baton mcp`).
    // `request` is the call's id in runs/<task>.mcp.jsonl (Sessions/README.md): a call is
    // recorded once, however often that file is read (live, and again on resume).
    /// `ask_human`: opens a decision at once; the agent keeps its turn and gets the answer.
    case agentAsked(task: String, request: String, question: String, options: [String])
    /// `note_decision`: recorded like /note, attributed to the task.
    case agentNoted(task: String, request: String, text: String)
    /// `report_progress`: a checkpoint-style line; the turn goes on.
    case progressReported(task: String, request: String, summary: String, next: String)

    // Review and integration
    case taskMerged(task: String, commit: String)
    case mergeConflicted(task: String, files: [String])
    case taskRejected(task: String, feedback: String)
    case sessionFinished(summaryFile: String)

    // Verification (checks, rework, integration checks)
    /// At /go: the checks every task must pass (found from the manifests, or agents.json) and
    /// how many may run at once by default (half the cores, at least 1). Not recorded when
    /// the repository has no checks.
    /// `agents`: the installed agents that could review (in order of preference).
    case checksConfigured(checks: [CheckSpec], slots: Int, agents: [String]? = nil)
    /// `/checks T2`: the user asked for the task's checks to run now.
    case checksRequested(task: String)
    /// A run of the task's checks started (the process of its first check).
    case checksStarted(task: String, run: Int, pid: Int32?, pidStartTime: UInt64?, log: String)
    /// A run of the task's checks ended; `alternative` is an agent the task could be rerouted to.
    case checksFinished(task: String, run: Int, verdict: CheckVerdict, alternative: String?)
    /// Baton stopped while the checks ran: they run again.
    case checksInterrupted(task: String)
    /// The checks ran on the integration branch after `task` merged.
    case mergeChecked(task: String, verdict: CheckVerdict)
    /// The merge of `task` was reverted on the integration branch (`commit` is the revert).
    case mergeReverted(task: String, commit: String)
    /// A reviewer (read-only agent) gave its verdict on the task; its cost counts to the task.
    case taskReviewed(task: String, reviewer: String, review: ReviewVerdict, costUSD: Double?)

    // Races (best of N): one task run by several agents, compared, one picked
    /// `/race T3 claude codex`: T3 runs on each of `agents` (contestants `T3.claude`, …), each
    /// in its own worktree from the same base. Agents already racing are kept (new ones join a
    /// started race); `deadlineSeconds` (when given) stops stragglers that long after the start.
    case raceSet(task: String, agents: [String], deadlineSeconds: Double?)
    /// The race's deadline passed: contestants still running are stopped (and kept).
    case raceDeadlinePassed(task: String)
    /// Every contestant settled and the judge (nil: none asked) compared them; `verdict` nil
    /// when no judge was asked, its `pick` nil when the judge was unavailable.
    case raceJudged(task: String, judge: String?, verdict: RaceVerdict?, costUSD: Double?)
    /// `/pick T3 claude` (`by` you) or the policy: that contestant's work is the task's result.
    case racePicked(task: String, agent: String, by: String)
    /// An agent started fixing the integration branch after `task`'s merge turned it red.
    case integrationFixStarted(task: String, agent: String, pid: Int32?, pidStartTime: UInt64?)
    /// The fix ended: `commit` is on the integration branch, or nil and `failure` says why.
    /// Its cost and tokens count to `task`.
    case integrationFixFinished(task: String, commit: String?, failure: String?, costUSD: Double?, tokens: Int?)
}

extension SessionEvent {
    /// An agent's activity line: routine (dozens a second with many agents). It changes only
    /// its task's last line (and may answer a stall question about the task), so it is logged
    /// without an fsync and its update carries no copy of the state before it.
    public var isAgentActivity: Bool {
        if case .taskActivity = self { return true }
        return false
    }
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
