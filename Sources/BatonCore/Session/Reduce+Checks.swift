extension SessionState {
    /// Check runs allowed at once.
    public var checkSlots: Int { max(1, policy.checkSlots ?? defaultCheckSlots) }

    /// Check runs going now (tasks' and the integration branch's).
    public var checksRunningCount: Int {
        progress.values.filter { $0.status == .checking && $0.checksRunning }.count + (integrationChecking == nil ? 0 : 1)
    }

    /// Tasks whose checks wait for a free slot, in plan order.
    public var checksQueue: [String] {
        runIDs.filter { status(of: $0) == .checking && progress[$0]?.checksRunning == false }
    }

    /// Events of verification: checks, their verdicts, integration checks, reverts.
    mutating func applyCheckEvent(_ event: SessionEvent, at: Double) -> [Effect] {
        switch event {
        case .checksConfigured(let checks, let slots, let agents):
            self.checks = checks
            defaultCheckSlots = max(1, slots)
            reviewAgents = agents ?? []
            return []

        case .checksRequested(let task):
            guard progress[task]?.worktree != nil, !status(of: task).isActive else { return [] }
            progress[task]?.status = .checking
            progress[task]?.checksRunning = false
            return dispatchChecks()

        case .checksStarted(let task, let run, let pid, let start, _):
            guard progress[task]?.checkRuns == run else { return [] }
            progress[task]?.checkPid = pid
            progress[task]?.checkPidStartTime = start
            progress[task]?.lastActivity = "checking"
            progress[task]?.lastActivityAt = at
            return []

        case .checksFinished(let task, let run, let verdict, let alternative):
            guard var p = progress[task], p.checkRuns == run else { return [] }
            let wasChecking = p.status == .checking
            p.checksRunning = false
            p.checkPid = nil
            p.checkPidStartTime = nil
            p.verdict = verdict
            progress[task] = p
            guard wasChecking else { return dispatchChecks() }  // cancelled or paused meanwhile
            return judge(task, verdict, alternative: alternative, at: at) + schedule(at: at)

        case .checksInterrupted(let task):
            progress[task]?.checksRunning = false
            progress[task]?.checkPid = nil
            return dispatchChecks()

        case .mergeChecked(let task, let verdict):
            integrationChecking = nil
            integrationVerdict = verdict
            if verdict.green {
                let next = policy.autoMerge ? nextMergeable().map { [Effect.merge(task: $0)] } ?? [] : []
                return next + schedule(at: at)
            }
            let alone = progress[task]?.verdict?.green == true ? " (\(task) was green alone)" : ""
            return openIntegrationDecision(after: task, "\(alone) — \(verdict.line.dropFirst(2))") + dispatchChecks()

        case .taskReviewed(let task, let reviewer, let review, let cost):
            return applyReview(task, reviewer: reviewer, review, cost: cost, at: at)

        case .mergeReverted(let task, _):
            progress[task]?.status = .review
            progress[task]?.mergedCommit = nil
            progress[task]?.mergeReverted = true
            if integrationBrokenBy == task { integrationBrokenBy = nil }
            return schedule(at: at)

        default:
            return []
        }
    }

    /// A task reached its done checkpoint: its checks run (or wait for a slot); with no
    /// checks it goes to review as before.
    mutating func reachedDone(_ task: String, at: Double) -> [Effect] {
        progress[task]?.endedAt = at
        guard !checks.isEmpty else {
            progress[task]?.status = .review
            return policy.autoMerge ? [.merge(task: task)] : []
        }
        progress[task]?.status = .checking
        progress[task]?.checksRunning = false
        return dispatchChecks()
    }

    /// Starts queued check runs while slots are free.
    mutating func dispatchChecks() -> [Effect] {
        var running = checksRunningCount
        var effects: [Effect] = []
        for task in checksQueue where running < checkSlots {
            progress[task]?.checksRunning = true
            progress[task]?.checkRuns += 1
            effects.append(.runChecks(task: task, run: progress[task]?.checkRuns ?? 1))
            running += 1
        }
        return effects
    }

    /// What a verdict sets in motion: green → review (and merge, by policy); red → a rework
    /// turn, up to the policy's rounds, then one decision.
    private mutating func judge(_ task: String, _ verdict: CheckVerdict, alternative: String?, at: Double) -> [Effect] {
        guard let p = progress[task] else { return [] }
        if verdict.green {
            if let reviewer = reviewer(for: task) {
                progress[task]?.status = .reviewing
                return [.reviewTask(task: task, reviewer: reviewer)] + dispatchChecks()
            }
            return readyToMerge(task) + dispatchChecks()
        }
        if p.reworkRounds < policy.reworkRounds {
            let turn = rework(task, verdict.reworkMessage)
            return turn + dispatchChecks()
        }
        if isContestant(task) {
            progress[task]?.status = .review  // a race compares it as it is; no question
            return dispatchChecks()
        }
        var options = ["another round"]
        if let alternative { options.append("reroute to \(alternative)") }
        options += ["take it as is", "reject"]
        let rounds = p.reworkRounds
        let after = rounds == 0 ? "" : " after \(rounds) rework round\(rounds == 1 ? "" : "s")"
        let ask = openDecision(
            kind: .checks, task: task,
            question: "\(task)'s checks are still red\(after) — \(verdict.line.dropFirst(2))",
            options: options, context: alternative.map { [$0] } ?? [])
        return ask + dispatchChecks()
    }

    /// In review (the user's): by policy it merges now — or, while the integration branch is
    /// checked, after that.
    mutating func readyToMerge(_ task: String) -> [Effect] {
        progress[task]?.status = .review
        let merge = policy.autoMerge && integrationChecking == nil && integrationBrokenBy == nil
        return merge ? [.merge(task: task)] : []
    }

    /// A rework turn of the same agent session, counted.
    mutating func rework(_ task: String, _ message: String) -> [Effect] {
        progress[task]?.reworkRounds += 1
        progress[task]?.reworkTurns += 1
        progress[task]?.endedAt = nil
        return startTurn(task, messages: [message])
    }

    /// The user's answer to red checks (``DecisionKind/checks``).
    mutating func actOnChecks(_ d: Decision, _ task: String, answer: String, at: Double) -> [Effect] {
        let message = progress[task]?.verdict?.reworkMessage ?? "The checks failed; fix them."
        switch answer {
        case "another round":
            return rework(task, message)
        case let a where a.hasPrefix("reroute to "):
            let agent = String(a.dropFirst("reroute to ".count))
            progress[task]?.agent = agent
            progress[task]?.agentSessionID = nil
            return rework(task, "Another agent worked on this task before you; its work is in this worktree. " + message)
        case "take it as is":
            progress[task]?.status = .review
            progress[task]?.checksWaived = true
            return policy.autoMerge ? [.merge(task: task)] : []
        case "reject":
            progress[task]?.status = .failed
            progress[task]?.failure = "rejected after red checks"
            return schedule(at: at)
        default:
            return rework(task, "Guidance from the user: \(answer)\n\n" + message)
        }
    }

    /// The user's answer to red integration checks (``DecisionKind/integration``).
    mutating func actOnIntegration(_ d: Decision, answer: String, at: Double) -> [Effect] {
        guard let task = d.context.first else { return [] }
        switch d.options.firstIndex(of: answer) {
        case 0:
            return [.revertMerge(task: task)]
        case 1 where answer.hasPrefix("revert it and let"):
            return [.revertMerge(task: task)]  // a log from before the fix on the integration branch
        case 1:
            // An agent fixes it where it broke; the integration checks then run again.
            integrationFix = IntegrationFix(task: task, decision: d.id)
            return [.fixIntegration(task: task, decision: d.id)]
        default:
            integrationBrokenBy = nil
            return schedule(at: at)
        }
    }
}
