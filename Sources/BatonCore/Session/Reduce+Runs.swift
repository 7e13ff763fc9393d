extension SessionState {
    /// Events from runs: workspaces, turns, checkpoints, merges.
    mutating func applyRunEvent(_ event: SessionEvent, at: Double) -> [Effect] {
        switch event {
        case .workspaceCreated(let task, let worktree, let branch, let base):
            progress[task, default: TaskProgress()].worktree = worktree
            progress[task]?.branch = branch
            progress[task]?.baseCommit = base
            guard status(of: task) == .preparing else { return [] }
            if progress[task]?.agent == AgentName.human {
                progress[task]?.status = .running
                return []
            }
            return startTurn(task)

        case .turnStarted(let task, let turn, let agent, let pid, let start, let file):
            var p = progress[task, default: TaskProgress()]
            if p.agent != agent { p.agentSessionID = nil }
            p.turn = turn
            p.agent = agent
            p.pid = pid
            p.pidStartTime = start
            p.streamFile = file
            p.pendingMessages = []
            p.allowedOnce = []
            p.stallReported = false
            p.lastActivityAt = at
            if p.status != .paused && p.status != .cancelled { p.status = .running }
            progress[task] = p
            return []

        case .taskActivity(let task, let text):
            progress[task]?.lastActivity = text
            progress[task]?.lastActivityAt = at
            // The agent speaks again: a stall question about it answers itself.
            for d in openDecisions where d.kind == .stall && d.task == task {
                updateDecision(d.id) { $0.answer = "it went on" }
            }
            return []

        case .warningGiven(let task, let key, let text):
            warningsGiven.insert(key)
            return applyRunEvent(.taskActivity(task: task, text: "warning: " + text), at: at)

        case .turnFinished(let task, let turn, let result):
            // Reported again (a run followed by two paths around a crash): already counted.
            if let p = progress[task], p.pid == nil, p.finishedTurn == turn { return [] }
            progress[task]?.finishedTurn = turn
            closeLivePermissions(task)
            let wasActive = status(of: task).isActive
            return finishTurn(task, result, at: at) + scheduleIfFreed(task, wasActive: wasActive, at: at)

        case .checkpointRecorded(let task, let checkpoint):
            let wasActive = status(of: task).isActive
            return applyCheckpoint(task, checkpoint, at: at) + scheduleIfFreed(task, wasActive: wasActive, at: at)

        case .taskFailed(let task, let reason):
            progress[task, default: TaskProgress()].status = .failed
            progress[task]?.failure = reason
            progress[task]?.pid = nil
            progress[task]?.endedAt = at
            return schedule(at: at)

        case .runInterrupted(let task, let reason):
            closeLivePermissions(task)
            progress[task]?.status = .interrupted
            progress[task]?.failure = reason
            progress[task]?.pid = nil
            return schedule(at: at)

        case .runStalled(let task, let minutes, let seconds):
            // An agent waiting on the user's answer to its ask_human call is silent by design.
            guard let p = progress[task], p.status == .running, !p.stallReported, !waitsOnAgentQuestion(task) else { return [] }
            progress[task]?.stallReported = true
            return openDecision(
                kind: .stall, task: task,
                question:
                    "\(task) has printed nothing for \(Elapsed.format(seconds: Double(seconds ?? minutes * 60))) — keep waiting, or stop it?",
                options: ["keep waiting", "stop it", "stop it and retry"])

        case .taskMerged(let task, let commit):
            progress[task]?.status = .merged
            progress[task]?.mergedCommit = commit
            progress[task]?.mergeReverted = false
            // Merged with --force: a question about its red checks is moot.
            for d in openDecisions where d.task == task && d.kind == .checks { updateDecision(d.id) { $0.answer = "merged" } }
            if progress[task]?.endedAt == nil { progress[task]?.endedAt = at }
            // The checks run on the integration branch; dependents wait for them.
            var checking: [Effect] = []
            if !checks.isEmpty {
                integrationChecking = task
                checking = [.checkIntegration(after: task)]
            }
            return checking + resumeHeldFor(task) + schedule(at: at)

        case .mergeConflicted(let task, let files):
            if let effects = mergeConflictSettled(task, files: files, at: at) { return effects }
            return openDecision(
                kind: .mergeConflict, task: task,
                question: Self.mergeConflictQuestion(task, files), options: Self.mergeConflictOptions(task), context: files)

        case .taskRejected(let task, let feedback):
            progress[task]?.endedAt = nil
            return startTurn(task, messages: ["Review feedback from the user — address it: \(feedback)"])

        case .humanFinished(let task, let summary):
            let turn = progress[task]?.turn ?? 0
            let report = CheckpointReport(kind: .done, summary: summary.isEmpty ? "Done by hand." : summary)
            progress[task]?.awaitingCheckpoint = report
            return [.recordCheckpoint(task: task, turn: turn, report: report)]

        default:
            return []
        }
    }

    /// Tasks the user paused "until `merged` merges" (conflict decisions, option 1) go on:
    /// a new turn where they stopped at a checkpoint, or back to review.
    private mutating func resumeHeldFor(_ merged: String) -> [Effect] {
        var effects: [Effect] = []
        for d in decisions where d.kind == .conflict && d.context.first == merged && d.answer == d.options.first {
            guard let task = d.task, let p = progress[task], p.status == .paused else { continue }
            let from = p.pausedFrom ?? .waiting
            progress[task]?.pausedFrom = nil
            if from == .review {
                progress[task]?.status = .review
                continue
            }
            let files = d.context.dropFirst().joined(separator: ", ")
            let branch = integrationBranch ?? "the integration branch"
            effects += startTurn(
                task,
                messages: [
                    "\(merged) has merged into \(branch); it changed \(files) (read them with `git show \(branch):FILE`). Go on, and keep your changes there compatible with it."
                ])
        }
        return effects
    }

    /// A task that stopped being active (in review, waiting for the user) frees its slot:
    /// start what was held back by the parallelism or the agent's limit.
    private mutating func scheduleIfFreed(_ task: String, wasActive: Bool, at: Double) -> [Effect] {
        wasActive && !status(of: task).isActive ? schedule(at: at) : []
    }

    private mutating func finishTurn(_ task: String, _ result: TurnResult, at: Double) -> [Effect] {
        guard var p = progress[task] else { return [] }
        p.count(result)
        p.pid = nil
        progress[task] = p
        // The run ended, so a question about it printing nothing is moot (and must not hold
        // back the answer to what the turn asks next).
        for d in openDecisions where d.task == task && d.kind == .stall {
            updateDecision(d.id) { $0.answer = "the turn ended" }
        }
        // A turn the user stopped (pause, cancel) changes nothing else.
        guard p.status == .running else { return [] }
        if !result.permissionDenials.isEmpty {
            return openPermissionDecision(
                task, result.permissionRequests ?? result.permissionDenials.map(PermissionRequest.init(legacy:)))
        }
        var wake: [Effect] = []
        if let until = result.rateLimitedUntil, until > at, let agent = p.agent {
            rateLimitedUntil[agent] = max(until, rateLimitedUntil[agent] ?? 0)
            wake = [.wakeAgent(agent: agent, at: until)]
        }
        if let error = result.error ?? (result.exitCode != 0 ? "exited with status \(result.exitCode)" : nil) {
            progress[task]?.status = .failed
            progress[task]?.failure = error
            progress[task]?.endedAt = at
            return wake + schedule(at: at)
        }
        let report = CheckpointBlockParser.parse(finalText: result.finalText)
        progress[task]?.awaitingCheckpoint = report
        return [.recordCheckpoint(task: task, turn: p.turn, report: report)]
    }

    private mutating func applyCheckpoint(_ task: String, _ checkpoint: Checkpoint, at: Double) -> [Effect] {
        guard var p = progress[task] else { return [] }
        // Reconcile may report a checkpoint already recorded: never twice.
        if p.checkpoints.contains(where: { $0.number == checkpoint.number }) { return [] }
        p.checkpoints.append(checkpoint)
        p.awaitingCheckpoint = nil
        p.lastActivity = "checkpoint \(checkpoint.number)"
        p.lastActivityAt = at
        let report = checkpoint.report
        p.unstructuredTurns = report.kind == .unstructured ? p.unstructuredTurns + 1 : 0
        progress[task] = p
        guard p.status == .running || p.status == .waiting else { return [] }

        let others = conflictingTasks(of: task, files: checkpoint.stat.files)
        if let other = others.first(where: { !conflictAsked(task, $0.task) }) {
            let effects = openDecision(
                kind: .conflict, task: task,
                question: "\(task) and \(other.task) both changed \(other.files.joined(separator: ", ")) — how should they go on?",
                options: ["pause \(task) until \(other.task) merges", "let both go on", "tell \(task) to stay out of those files"],
                context: [other.task] + other.files)
            if report.kind == .done { return effects + reachedDone(task, at: at) }
            return effects
        }
        if report.kind == .done { return reachedDone(task, at: at) }
        switch report.kind {
        case .beforeDestructive, .needsDecision:
            let options = report.options.isEmpty ? ["yes, go ahead", "no, find another way"] : report.options
            return openQuestion(
                kind: report.kind == .needsDecision ? .question : .destructive, task: task,
                question: report.question ?? report.summary, options: options, at: at)
        case .unstructured where p.unstructuredTurns > policy.unstructuredTurnLimit:
            return openDecision(
                kind: .turnLimit, task: task,
                question: "\(task) ended \(p.unstructuredTurns) turns without a checkpoint — go on, or review what it did?",
                options: ["continue", "review it as done", "stop it"])
        default:
            if p.turn >= policy.maxTurns {
                return openDecision(
                    kind: .turnLimit, task: task,
                    question: "\(task) has taken \(p.turn) turns — go on?",
                    options: ["continue", "review it as done", "stop it"])
            }
            if !policy.autoContinue {
                return openDecision(
                    kind: .question, task: task,
                    question: "\(task) reached checkpoint \(checkpoint.number) (\(report.kind.label)) — continue?",
                    options: ["continue", "pause"])
            }
            return startTurn(task, messages: [])
        }
    }

    /// Active tasks (not merged, cancelled or failed) whose latest changes touch `files`.
    func conflictingTasks(of task: String, files: [String]) -> [(task: String, files: [String])] {
        let mine = Set(files)
        guard !mine.isEmpty else { return [] }
        return plan.tasks.compactMap { other in
            guard other.id != task, let p = progress[other.id],
                [.running, .checking, .reviewing, .waiting, .review, .paused, .interrupted].contains(p.status),
                let theirs = p.lastCheckpoint?.stat.files
            else { return nil }
            let shared = mine.intersection(theirs).sorted()
            return shared.isEmpty ? nil : (other.id, shared)
        }
    }

    private func conflictAsked(_ a: String, _ b: String) -> Bool {
        decisions.contains { d in
            d.kind == .conflict && ((d.task == a && d.context.first == b) || (d.task == b && d.context.first == a))
        }
    }
}

/// Agent names with a meaning of their own.
public enum AgentName {
    /// The user does the task by hand in its worktree and says /done.
    public static let human = "human"
}
