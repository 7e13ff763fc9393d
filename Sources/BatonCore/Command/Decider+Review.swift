import Foundation

/// Decisions and review: /decide /note /done /reject /merge.
extension Decider {
    func answerDecision(_ raw: String, _ answer: String) throws -> [SessionEvent] {
        let id = raw.uppercased()
        guard let d = state.decision(id) else {
            let open = state.openDecisions.map(\.id).joined(separator: " ")
            throw CommandError(
                .unknown, "unknown decision \(raw) — " + (open.isEmpty ? "no decision is waiting" : "waiting: \(open)"), subject: raw)
        }
        guard d.isOpen else { throw CommandError(.wrongState, "\(id) was already answered: \(d.answer ?? "")", subject: id) }
        let text = answer.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw CommandError(.invalidValue, "give an answer — usage: /decide D ANSWER", subject: id) }
        if let n = Int(text), !d.options.isEmpty, !(1...d.options.count).contains(n) {
            throw CommandError(.invalidValue, "\(id) has options 1–\(d.options.count) — pick one, or answer in words", subject: id)
        }
        return [.decisionAnswered(id: id, answer: answer)]
    }

    /// A task done by hand (human) or a conflict the user resolved in the worktree.
    func done(_ raw: String, summary: String) throws -> [SessionEvent] {
        let task = try taskID(raw)
        guard state.status(of: task) == .running, state.progress[task]?.worktree != nil, state.progress[task]?.pid == nil else {
            throw CommandError(
                .wrongState,
                "\(task) is \(state.status(of: task).label) — /done is for tasks you do by hand (human) or conflicts you resolved",
                subject: task)
        }
        return [.humanFinished(task: task, summary: summary)]
    }

    func reject(_ raw: String, feedback: String) throws -> [SessionEvent] {
        let task = try taskID(raw)
        guard !feedback.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandError(.invalidValue, "say why, so the agent can fix it — usage: /reject T WHY", subject: task)
        }
        let status = state.status(of: task)
        guard status == .review || status == .done else {
            throw CommandError(
                .wrongState, "\(task) is \(status.label) — /reject is for a task in review (after its done checkpoint)", subject: task)
        }
        return [.taskRejected(task: task, feedback: feedback)]
    }

    /// The merge intent: accepted when the runtime may merge now (it records the outcome).
    func merge(_ target: MergeTarget) throws -> [SessionEvent] {
        switch target {
        case .task(let raw):
            let task = try taskID(raw)
            if let refusal = state.mergeRefusal(task) { throw refusal }
        case .forced(let raw):
            let task = try taskID(raw)
            if let refusal = state.mergeRefusal(task, force: true) { throw refusal }
        case .all:
            guard state.phase == .running, state.integrationBranch != nil else {
                throw CommandError(.wrongPhase, "nothing runs yet — /go first")
            }
            guard state.nextMergeable() != nil else {
                let waiting = state.plan.tasks.filter { state.status(of: $0.id) == .review }.map(\.id)
                throw CommandError(
                    .wrongState,
                    waiting.isEmpty
                        ? "nothing is in review — tasks can be merged after their done checkpoint (/status)"
                        : "\(waiting.joined(separator: " ")) wait for tasks not merged yet — /status shows them")
            }
        }
        return []
    }
}

extension SessionState {
    /// Why `task` cannot be merged now, or nil when it can. The runtime asks again right
    /// before it merges (an automatic merge goes through the same rule).
    public func mergeRefusal(_ task: String, force: Bool = false) -> CommandError? {
        if let refusal = raceMergeRefusal(task) { return refusal }
        guard integrationBranch != nil, let p = progress[task], let planTask = plan.task(task) else {
            return CommandError(.wrongPhase, "nothing runs yet — /go first")
        }
        if p.status == .merged { return CommandError(.wrongState, "\(task) is already merged", subject: task) }
        // Dependencies first: a dependent cannot be in review before them, so this is the
        // refusal that says what to do next.
        let waiting = planTask.deps.filter { status(of: $0) != .merged }
        if !waiting.isEmpty {
            return CommandError(
                .wrongState, "\(task) depends on \(waiting.joined(separator: " ")), not merged yet — /merge \(waiting[0]) first",
                subject: task)
        }
        if let refusal = checksRefusal(task, p, force: force) ?? integrationRefusal(task, force: force) { return refusal }
        let forcible =
            p.status == .checking || p.status == .reviewing
            || (p.status == .waiting && openDecisions.contains { $0.task == task && $0.kind == .checks })
        guard p.status == .review || p.status == .done || (force && forcible) else {
            return CommandError(
                .wrongState, "\(task) is \(p.status.label) — it can be merged after its done checkpoint (/status)", subject: task)
        }
        guard p.branch != nil else { return CommandError(.wrongState, "\(task) has no branch yet", subject: task) }
        return nil
    }

    /// The next task `/merge all` and `/finish` merge: in dependency order, in review, with
    /// every dependency merged; `skipping` those tried already.
    public func nextMergeable(skipping: Set<String> = []) -> String? {
        PlanGraph(plan).topologicalOrder().first { task in
            !skipping.contains(task) && status(of: task) == .review
                && (plan.task(task)?.deps ?? []).allSatisfy { status(of: $0) == .merged }
                && progress[task].map { checksRefusal(task, $0, force: false) == nil } ?? true
        }
    }
}
