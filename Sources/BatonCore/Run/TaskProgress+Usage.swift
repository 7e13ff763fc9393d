extension TaskProgress {
    /// Adds what one turn used to the task's tokens and cost.
    ///
    /// Agents that report running totals of their own session (claude's `total_cost_usd`,
    /// codex's thread usage, which on resume count every earlier turn again) are counted by the
    /// difference to the previous total of the same agent session; that total comes from the
    /// previous `turnFinished` event, so it survives a restart. A turn without such a previous
    /// total counts the turn's own figures. A total that went down (a new session under the
    /// same id) counts as new.
    public mutating func count(_ result: TurnResult) {
        let sameSession = result.agentSessionID != nil && result.agentSessionID == agentSessionID
        tokens += Self.delta(total: result.sessionTokens, previous: sameSession ? sessionTokens : nil) ?? result.tokens
        if result.tokensApproximate == true { tokensExact = false }
        if let cached = result.cachedTokens, cached > 0 { cachedTokens = (cachedTokens ?? 0) + cached }
        if result.costEstimated == true, result.costUSD != nil { costEstimated = true }
        if let version = result.agentVersion { agentVersion = version }
        if let cost = Self.delta(total: result.sessionCostUSD, previous: sameSession ? sessionCostUSD : nil) ?? result.costUSD {
            costUSD += cost
        } else if result.tokens > 0 {
            costKnown = false
        }
        if let sid = result.agentSessionID {
            if sid != agentSessionID {
                sessionTokens = nil
                sessionCostUSD = nil
            }
            agentSessionID = sid
        }
        if let total = result.sessionTokens { sessionTokens = total }
        if let total = result.sessionCostUSD { sessionCostUSD = total }
    }

    private static func delta<N: Numeric & Comparable>(total: N?, previous: N?) -> N? {
        guard let total, let previous else { return nil }
        return total >= previous ? total - previous : total
    }
}
