/// The integration decision and its fix: an agent repairs the integration branch itself.
extension SessionState {
    /// The answers to red integration checks, in order.
    static func integrationOptions(_ task: String) -> [String] {
        ["revert the merge of \(task)", "an agent fixes it on the integration branch", "keep it"]
    }

    /// Asks what to do about the red integration branch `task`'s merge left.
    mutating func openIntegrationDecision(after task: String, _ why: String) -> [Effect] {
        integrationBrokenBy = task
        let branch = integrationBranch ?? "the integration branch"
        return openDecision(
            kind: .integration, task: nil, question: "checks are red on \(branch) after merging \(task)\(why)",
            options: Self.integrationOptions(task), context: [task])
    }

    /// Events of the fix: started (its process), finished (its commit, or why not).
    mutating func applyIntegrationFixEvent(_ event: SessionEvent, at: Double) -> [Effect] {
        switch event {
        case .integrationFixStarted(let task, let agent, let pid, let start):
            guard integrationFix?.task == task else { return [] }
            integrationFix?.agent = agent
            integrationFix?.pid = pid
            integrationFix?.pidStartTime = start
            return []

        case .integrationFixFinished(let task, let commit, let failure, let cost, let tokens):
            guard integrationFix?.task == task else { return [] }  // recorded once
            integrationFix = nil
            progress[task]?.costUSD += cost ?? 0
            progress[task]?.tokens += tokens ?? 0
            guard commit != nil else {
                return openIntegrationDecision(after: task, " — the fix failed: \(failure ?? "no change")")
            }
            // The fix is on the branch: its checks decide whether dependents may start.
            integrationBrokenBy = nil
            integrationChecking = task
            return [.checkIntegration(after: task)]

        default:
            return []
        }
    }
}
