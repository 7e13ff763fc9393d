import BatonCore
import BatonRuntime

/// The lines of verification: checks, their verdicts, the queue, integration checks.
extension TranscriptRenderer {
    func checkLines(for update: SessionUpdate) -> [String] {
        let state = update.state
        let before = update.previous
        switch update.record.event {
        case .checksConfigured(let checks, _, _):
            let sources = Array(Set(checks.map(\.source))).sorted().joined(separator: ", ")
            return ["checks for every task: " + checks.map(\.name).joined(separator: " · ") + " (from \(sources)) · /checks"]
        case .checksStarted(let task, _, _, _, _):
            guard !replaying, before.progress[task]?.checkPid == nil else { return [] }
            return [prefix(task, state) + "checking · " + state.checks.map(\.name).joined(separator: " · ")]
        case .checksFinished(let task, let run, let verdict, _):
            guard before.status(of: task) == .checking, before.progress[task]?.checkRuns == run else { return [] }
            return [prefix(task, state) + verdictLine(task, verdict, state)]
        case .mergeChecked(let task, let verdict):
            let branch = state.integrationBranch ?? "the integration branch"
            if verdict.green {
                return [
                    "integration checks " + style.ok("✓") + " on \(branch) after merging \(task) · " + String(verdict.line.dropFirst(2))
                ]
            }
            return ["integration checks " + style.bad("✗") + " on \(branch) after merging \(task) · " + String(verdict.line.dropFirst(2))]
        case .taskReviewed(let task, let reviewer, let review, _):
            return reviewLines(task, reviewer: reviewer, review, state)
        case .mergeReverted(let task, _):
            return ["reverted the merge of \(task) on \(state.integrationBranch ?? "the integration branch") · \(task) is back in review"]
        case .integrationFixStarted(let task, let agent, _, _):
            guard before.integrationFix?.pid == nil else { return [] }
            return [
                "\(agent) fixes \(state.integrationBranch ?? "the integration branch") after the merge of \(task) · its checks run again after"
            ]
        case .integrationFixFinished(let task, let commit, let failure, _, _):
            let branch = state.integrationBranch ?? "the integration branch"
            guard let commit else {
                return ["could not fix \(branch) after the merge of \(task): " + TerminalText.oneLine(failure ?? "no change", limit: 200)]
            }
            return ["fixed \(branch) after the merge of \(task) · \(commit.prefix(8)) · checking it again"]
        default:
            return []
        }
    }

    /// `checks ✓ test 41 passed · build ✓ · 38s · /diff T2 · /merge T2` or
    /// `checks ✗ test: 2 failed — Suite.test: message · rework 1/2`.
    func verdictLine(_ task: String, _ verdict: CheckVerdict, _ state: SessionState) -> String {
        let mark = verdict.green ? style.ok("✓") : style.bad("✗")
        var line = "checks " + mark + String(verdict.line.dropFirst(1))
        let p = state.progress[task]
        switch state.status(of: task) {
        case .review:
            line += verdict.green && !state.isContestant(task) ? " · /diff \(task) · /merge \(task) · /reject \(task) <why>" : ""
        case .merged:
            break
        case .reviewing:
            line += " · review by \(state.reviewer(for: task) ?? "a reviewer")"
        case .running:
            line += " · rework \(p?.reworkRounds ?? 1)/\(max(state.policy.reworkRounds, p?.reworkRounds ?? 1))"
        default:
            if !verdict.green { line += " · log: \(relative(verdict.log))" }
        }
        return line
    }

    /// `[T3 claude] checks wait for a free slot …` for tasks that just joined the queue.
    func checkQueueLines(_ update: SessionUpdate) -> [String] {
        if update.record.event.isAgentActivity { return [] }  // moves no check
        let state = update.state
        let waiting = Set(update.previous.checksQueue)
        return state.checksQueue.filter { !waiting.contains($0) }.map { task in
            prefix(task, state) + "checks wait for a free slot (\(state.checksRunningCount) running · /policy checks N)"
        }
    }

    /// `  T2 review (codex): changes · rework` and a line per finding.
    func reviewLines(_ task: String, reviewer: String, _ review: ReviewVerdict, _ state: SessionState) -> [String] {
        let head = "  \(style.id(task)) review (\(reviewer)): "
        let next: String
        switch state.status(of: task) {
        case .running: next = " · \(task) reworks it"
        case .review where !state.isContestant(task): next = " · /diff \(task) · /merge \(task) · /reject \(task) <why>"
        default: next = ""
        }
        switch review.outcome {
        case .unavailable:
            return [head + style.warn("review unavailable") + " — \(TerminalText.oneLine(review.note ?? "", limit: 160))" + next]
        case .approve, .changes:
            let word = review.approved ? style.ok(review.outcome == .approve ? "approve" : "approve with notes") : style.warn("changes")
            var lines = [head + word + next]
            lines += review.findings.map { head + $0.summary }
            lines += review.acceptance.filter { !$0.met }.map {
                head + "acceptance not met — " + TerminalText.oneLine($0.criterion, limit: 120)
            }
            return lines
        }
    }

    /// `3 turns`, or `2 turns + 1 rework`.
    func turnsLabel(_ turns: Int, _ p: TaskProgress?) -> String {
        let rework = p?.reworkTurns ?? 0
        let own = max(0, turns - rework)
        return "\(own) turn\(own == 1 ? "" : "s")" + (rework > 0 ? " + \(rework) rework" : "")
    }
}
