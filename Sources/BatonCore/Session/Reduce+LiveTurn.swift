/// Turns that live on Baton's pipes (ACP): the agent's session is known as the turn starts,
/// and a permission request is a decision the running agent waits for.
extension SessionState {
    mutating func applyLiveTurnEvent(_ event: SessionEvent, at: Double) -> [Effect] {
        switch event {
        case .agentSessionOpened(let task, let sessionID):
            guard var p = progress[task] else { return [] }
            if p.agentSessionID != sessionID {
                p.sessionTokens = nil
                p.sessionCostUSD = nil
            }
            p.agentSessionID = sessionID
            progress[task] = p
            return []

        case .permissionAsked(let task, let request, let tool, let options, let ids, let kinds):
            // Asked by a turn that is no longer going (stopped, cancelled): nothing waits.
            guard status(of: task) == .running || status(of: task) == .waiting else {
                return [.answerPermission(task: task, request: request, optionID: nil)]
            }
            return openDecision(
                kind: .livePermission, task: task, question: "\(task) wants \(tool) — allow it?",
                options: options, context: [request] + ids + kinds)

        default:
            return []
        }
    }

    /// The answer goes back to the waiting agent as the chosen option; the turn goes on.
    /// Words instead of an option reject the request (its reject option, else cancelled)
    /// and reach the agent with its next turn.
    mutating func answerLivePermission(_ d: Decision, answer: String) -> [Effect] {
        guard let task = d.task, let request = d.context.first else { return [] }
        let ids = Array(d.context.dropFirst().prefix(d.options.count))
        let optionID: String?
        if let i = d.options.firstIndex(of: answer), i < ids.count {
            optionID = ids[i]
        } else {
            optionID = rejectOption(of: d)
            progress[task]?.pendingMessages.append("The user answered your permission request (\(d.question)): \(answer)")
        }
        if status(of: task) == .waiting, !openDecisions.contains(where: { $0.task == task }) {
            progress[task]?.status = .running
        }
        return [.answerPermission(task: task, request: request, optionID: optionID)]
    }

    /// The reject option of a live permission decision (reject_once first), nil when it has
    /// none. Its context is `[request] + optionIDs + optionKinds`.
    private func rejectOption(of d: Decision) -> String? {
        let n = d.options.count
        let ids = Array(d.context.dropFirst().prefix(n))
        let kinds = Array(d.context.dropFirst(1 + n).prefix(n))
        let pairs = Array(zip(ids, kinds))
        return pairs.first(where: { $0.1 == "reject_once" })?.0 ?? pairs.first(where: { $0.1 == "reject_always" })?.0
    }

    /// A live turn ended (finished, interrupted): its open permission requests are moot,
    /// and a task waiting only on them is running again (so the turn's end counts).
    mutating func closeLivePermissions(_ task: String) {
        var closed = false
        for d in openDecisions where d.task == task && d.kind == .livePermission {
            updateDecision(d.id) { $0.answer = "the turn ended" }
            closed = true
        }
        if closed, status(of: task) == .waiting, !openDecisions.contains(where: { $0.task == task }) {
            progress[task]?.status = .running
        }
    }
}
