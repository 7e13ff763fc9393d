extension SessionState {
    /// Who reviews `task` after green checks, by the policy: `auto` — an installed agent other
    /// than the author, when there is one; `on` — the same, else the author's own agent;
    /// `off` — nobody; a name — that agent.
    public func reviewer(for task: String) -> String? {
        let author = progress[task]?.agent
        switch policy.review {
        case "off": return nil
        case "auto", "on":
            if let other = reviewAgents.first(where: { $0 != author && $0 != AgentName.human }) { return other }
            return policy.review == "on" ? author.flatMap { $0 == AgentName.human ? nil : $0 } : nil
        default: return policy.review
        }
    }

    /// A reviewer's verdict: blocker or major findings start one rework turn; anything else
    /// goes to the user's review (merged by policy only when approved).
    mutating func applyReview(_ task: String, reviewer: String, _ review: ReviewVerdict, cost: Double?, at: Double) -> [Effect] {
        guard var p = progress[task] else { return [] }
        p.costUSD += cost ?? 0
        p.review = review
        p.reviewer = reviewer
        let wasReviewing = p.status == .reviewing
        progress[task] = p
        guard wasReviewing else { return [] }
        if review.asksForRework && p.reviewReworks < 1 {
            progress[task]?.reviewReworks += 1
            progress[task]?.reworkTurns += 1
            progress[task]?.endedAt = nil
            return startTurn(task, messages: [review.reworkMessage]) + schedule(at: at)
        }
        if review.approved { return readyToMerge(task) + schedule(at: at) }
        progress[task]?.status = .review
        return schedule(at: at)
    }
}
