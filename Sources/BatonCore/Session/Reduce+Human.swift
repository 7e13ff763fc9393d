extension SessionState {
    /// Events the user causes: answers, guidance, notes, pause/continue/cancel/retry.
    mutating func applyHumanEvent(_ event: SessionEvent, at: Double) -> [Effect] {
        switch event {
        case .decisionAnswered(let id, let raw):
            guard let decision = decision(id) else { return [] }
            if decision.contradicts != nil { return resolveContradiction(decision, choice: raw, at: at) }
            if !decision.isOpen, decision.reusedFrom != nil { return changeReusedAnswer(decision, raw, at: at) }
            guard decision.isOpen else { return [] }
            let answer = decision.resolve(raw)
            updateDecision(id) {
                $0.answer = answer
                $0.settles = true
            }
            if let request = decision.request, let task = decision.task {
                return [.recordDecision(id: id)] + answerAgentCall(decision, task: task, request: request, answer: answer)
                    + answerSameQuestions(as: id, at: at)
            }
            return [.recordDecision(id: id)] + act(on: decision, answer: answer, at: at) + answerSameQuestions(as: id, at: at)

        case .answerContradicted(let id, let raw, let earlier):
            updateDecision(id) {
                $0.contradicts = earlier
                $0.proposedAnswer = $0.resolve(raw)
            }
            return []

        case .guidanceGiven(let task, let text):
            progress[task, default: TaskProgress()].pendingMessages.append("Guidance from the user: \(text)")
            return []

        case .noteRecorded(let text):
            notes.append(text)
            let id = "D\(decisions.count + 1)"
            decisions.append(Decision(id: id, kind: .note, task: nil, question: "Note", options: [], answer: text))
            return [.recordDecision(id: id)]

        case .taskPaused(let task):
            guard let p = progress[task] else { return [] }
            progress[task]?.pausedFrom = p.status
            progress[task]?.status = .paused
            return p.status.isActive ? [.stopRun(task: task)] + schedule(at: at) : []

        case .taskContinued(let task):
            guard let p = progress[task], p.status == .paused else { return [] }
            let from = p.pausedFrom ?? .planned
            progress[task]?.pausedFrom = nil
            if from == .reviewing {
                progress[task]?.status = .review
                return []
            }
            if from == .checking {
                progress[task]?.status = .checking
                progress[task]?.checksRunning = false
                return dispatchChecks()
            }
            if p.worktree != nil && (from.isActive || from == .waiting) {
                return startTurn(task, messages: ["The user paused you and now asks you to continue."])
            }
            progress[task]?.status = from.isActive ? .planned : from
            return schedule(at: at)

        case .taskCancelled(let task):
            guard let p = progress[task] else { return [] }
            progress[task]?.status = .cancelled
            progress[task]?.endedAt = at
            for d in openDecisions where d.task == task { updateDecision(d.id) { $0.answer = "cancelled" } }
            return (p.status.isActive ? [.stopRun(task: task)] : []) + schedule(at: at)

        case .taskRetried(let task, let agent):
            guard var p = progress[task] else { return [] }
            if let agent, agent != p.agent {
                p.agent = agent
                p.agentSessionID = nil
            }
            p.failure = nil
            p.endedAt = nil
            p.reworkRounds = 0  // a retry gets its rework rounds again
            progress[task] = p
            if p.worktree == nil {
                progress[task]?.status = .planned
                return schedule(at: at)
            }
            let note = p.agentSessionID == nil ? [] : ["Your previous turn was interrupted; continue from your last checkpoint."]
            return startTurn(task, messages: note)

        default:
            return []
        }
    }

    /// What an answer sets in motion, by the kind of decision.
    mutating func act(on d: Decision, answer: String, at: Double) -> [Effect] {
        let choice = d.options.firstIndex(of: answer).map { $0 + 1 }  // nil: free text
        if d.kind == .integration { return actOnIntegration(d, answer: answer, at: at) }
        guard let task = d.task else {
            if d.kind == .budget, choice == 1 {
                budgetUSD = nil
                var effects: [Effect] = []
                for t in d.context where status(of: t) == .waiting { effects += startTurn(t) }
                return effects + schedule(at: at)
            }
            return []
        }
        let stillOpen = openDecisions.contains { $0.task == task }
        switch d.kind {
        case .livePermission:
            return answerLivePermission(d, answer: answer)
        case .permission:
            return answerPermission(d, task: task, choice: choice, stillOpen: stillOpen)
        case .conflict:
            let other = d.context.first ?? ""
            let files = d.context.dropFirst().joined(separator: ", ")
            switch choice {
            case 1:
                let from: TaskStatus = status(of: task) == .review ? .review : .waiting
                progress[task]?.pausedFrom = from
                progress[task]?.status = .paused
                return []
            case 3:
                return startTurn(task, messages: ["Stay out of \(files): \(other) is changing them. Undo your changes there if you can."])
            default:
                if status(of: task) == .review || status(of: task) == .checking || stillOpen { return [] }
                return startTurn(task)
            }
        case .mergeConflict:
            switch choice {
            case 1:
                let files = d.context.joined(separator: ", ")
                let branch = integrationBranch ?? "the integration branch"
                return startTurn(
                    task,
                    messages: [
                        "Your branch conflicts with \(branch) in \(files). Change these files so your work fits what is already merged there (read it with `git show \(branch):FILE`), then end with a done checkpoint."
                    ])
            case 2:
                progress[task]?.status = .running
                return []
            default:
                progress[task]?.status = .review
                return []
            }
        case .checks:
            return actOnChecks(d, task, answer: answer, at: at)
        case .stall:
            switch choice {
            case 1: return []
            case 2:
                progress[task]?.status = .cancelled
                progress[task]?.endedAt = at
                return [.stopRun(task: task)] + schedule(at: at)
            default:
                progress[task]?.status = .interrupted
                return [.stopRun(task: task)]
                    + startTurn(task, messages: ["You stopped printing anything; continue from your last checkpoint."])
            }
        case .turnLimit:
            switch choice {
            case 2:
                return reachedDone(task, at: at)
            case 3:
                progress[task]?.status = .failed
                let turns = progress[task]?.turn ?? 0
                progress[task]?.failure = "stopped after \(turns) turns"
                return schedule(at: at)
            default:
                progress[task]?.unstructuredTurns = 0
                return stillOpen ? [] : startTurn(task)
            }
        default:
            if d.kind == .question, d.options == ["continue", "pause"], choice == 2 {
                progress[task]?.pausedFrom = .waiting
                progress[task]?.status = .paused
                return []
            }
            let earlier = d.reusedFrom.map { " (decided earlier as \($0); see DECISIONS.md)" } ?? ""
            let message = "Decision \(d.id) — \(d.question) Answer: \(answer)\(earlier)"
            if stillOpen {
                progress[task]?.pendingMessages.append(message)
                return []
            }
            return startTurn(task, messages: [message])
        }
    }
}
