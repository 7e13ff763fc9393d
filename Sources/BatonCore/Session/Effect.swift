/// What the runtime must do next, as plain data. `reduce` returns these; the runtime
/// executes them and reports the outcomes back as new events.
public enum Effect: Equatable, Sendable {
    /// Ask the planner for a plan of `mission` (a first plan when `feedback` is nil, else a
    /// revision of the current one). The outcome is `planProposed` or `plannerFailed`.
    case proposePlan(mission: String, feedback: String?)
    /// Create the task's worktree (from the integration branch) and write its brief.
    case prepareWorkspace(task: String)
    /// Start a turn of the task's agent. `messages` are answers, guidance or feedback for a
    /// continuation turn (empty for a first turn).
    case startTurn(task: String, turn: Int, messages: [String])
    /// Commit the worktree and record the checkpoint parsed from the turn's final message.
    case recordCheckpoint(task: String, turn: Int, report: CheckpointReport)
    /// Stop the task's agent process group (gracefully, then kill).
    case stopRun(task: String)
    /// A decision was opened: ring the bell / notify (terminal only).
    case notifyDecision(id: String)
    /// Append an entry to DECISIONS.md on the integration branch and commit it.
    case recordDecision(id: String)
    /// Give the answer to the agent's `ask_human` call `request` (it waits for it in the
    /// task's MCP server, `baton mcp`).
    case answerAgent(task: String, request: String, answer: String)
    /// Answer the live permission request `request` of the task's running turn with the
    /// option `optionID` (nil: the request is cancelled).
    case answerPermission(task: String, request: String, optionID: String?)
    /// Merge the task branch into the integration branch (after a dry run).
    case merge(task: String)
    /// Run the task's checks in its worktree (run number `run`), then record `checksFinished`.
    case runChecks(task: String, run: Int)
    /// Run the checks on the integration worktree after `task` merged; record `mergeChecked`.
    case checkIntegration(after: String)
    /// Revert the merge of `task` on the integration branch; record `mergeReverted`.
    case revertMerge(task: String)
    /// An agent fixes the red integration branch after `task`'s merge (answering `decision`)
    /// in the integration worktree and commits there; record `integrationFixFinished`.
    case fixIntegration(task: String, decision: String)
    /// Ask `reviewer` (read-only) for a verdict on the task's diff; record `taskReviewed`.
    case reviewTask(task: String, reviewer: String)
    /// At `time` (seconds since 1970) record that `agent` may take turns again (its rate
    /// limit has reset).
    case wakeAgent(agent: String, at: Double)
    /// Every contestant of the race on `task` settled: ask `judge` (read-only; nil: nobody)
    /// to compare the finished ones; record `raceJudged`.
    case judgeRace(task: String, judge: String?)
    /// At `time` (seconds since 1970) record `raceDeadlinePassed`.
    case raceDeadline(task: String, at: Double)
}
