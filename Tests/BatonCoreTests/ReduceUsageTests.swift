import BatonCore
import Testing

/// Tokens and cost of turns, when agents report running totals of their own session.
@Suite struct ReduceUsageTests {
    /// T1 ran `results.count` turns on one agent session.
    func ran(_ results: [TurnResult]) -> Harness {
        var h = Harness()
        h.approve([task("T1")])
        h.workspace("T1")
        for (i, result) in results.enumerated() {
            if i > 0 { h.started("T1") }
            h.apply(.turnFinished(task: "T1", turn: h.progress("T1").turn, result: result))
            if result.error == nil { h.checkpoint("T1", .firstChange) }
        }
        return h
    }

    func claude(total: Double, perRun: Double?, tokens: Int, error: String? = nil, session: String = "c-1") -> TurnResult {
        TurnResult(exitCode: 0, agentSessionID: session, tokens: tokens, costUSD: perRun ?? total, error: error, sessionCostUSD: total)
    }

    @Test func claudeSessionTotalsOnResumeAreCountedOnce() {
        // Three turns of $0.05, $0.04, $0.02: claude reports 0.05, 0.09, 0.11 as total_cost_usd.
        let h = ran([
            claude(total: 0.05, perRun: nil, tokens: 100), claude(total: 0.09, perRun: nil, tokens: 80),
            claude(total: 0.11, perRun: nil, tokens: 40),
        ])
        #expect(abs(h.progress("T1").costUSD - 0.11) < 1e-9)
        #expect(h.progress("T1").tokens == 220, "claude's `usage` is per run: summed")
        #expect(h.progress("T1").costKnown)
    }

    @Test func aTurnWhoseAPICallsAllFailedAddsNoCost() {
        let h = ran([
            claude(total: 0.05, perRun: nil, tokens: 100),
            claude(total: 0.05, perRun: nil, tokens: 0, error: "API Error: 500 (API status 500)"),
        ])
        #expect(abs(h.progress("T1").costUSD - 0.05) < 1e-9)
        #expect(h.status("T1") == .failed)
    }

    @Test func theDifferenceSurvivesReplay() {
        // The previous total comes from the recorded events: replaying them gives the same figure.
        let h = ran([claude(total: 0.05, perRun: nil, tokens: 100), claude(total: 0.09, perRun: nil, tokens: 80)])
        var replayed = SessionState(id: "s-test")
        var now = 1_000.0
        for event in h.events {
            now += 1
            _ = reduce(into: &replayed, event, at: now)
        }
        #expect(abs(replayed.progress["T1"]!.costUSD - 0.09) < 1e-9)
        #expect(replayed.progress["T1"]!.sessionCostUSD == 0.09)
    }

    @Test func aNewAgentSessionStartsItsOwnTotals() {
        let h = ran([claude(total: 0.05, perRun: nil, tokens: 100), claude(total: 0.03, perRun: 0.03, tokens: 50, session: "c-2")])
        #expect(abs(h.progress("T1").costUSD - 0.08) < 1e-9)
        #expect(h.progress("T1").agentSessionID == "c-2")
    }

    @Test func codexThreadTotalsOnResumeAreCountedOnce() {
        // Two turns of 2.1k tokens each: codex reports 2.1k, then 4.2k for the thread.
        func codex(_ total: Int) -> TurnResult {
            TurnResult(exitCode: 0, agentSessionID: "thread-1", tokens: total, sessionTokens: total)
        }
        let h = ran([codex(2_100), codex(4_200)])
        #expect(h.progress("T1").tokens == 4_200)
        #expect(!h.progress("T1").costKnown)
    }

    @Test func theBudgetRestsOnTheCorrectedCost() {
        var h = ran([claude(total: 0.6, perRun: nil, tokens: 100)])
        h.apply(.budgetSet(usd: 1))
        h.started("T1")
        // Claude's total says 0.9 for the session: $0.90 spent, under the $1 budget (not $1.50).
        h.apply(.turnFinished(task: "T1", turn: 2, result: claude(total: 0.9, perRun: nil, tokens: 10)))
        h.checkpoint("T1", .firstChange)
        #expect(abs(h.state.totalCostUSD - 0.9) < 1e-9)
        #expect(!h.state.decisions.contains { $0.kind == .budget })
    }

    @Test func placeholderTokensAreMarkedApproximate() {
        let h = ran([TurnResult(exitCode: 137, agentSessionID: "c-1", tokens: 12, error: "killed by signal 9", tokensApproximate: true)])
        #expect(h.progress("T1").tokens == 12 && !h.progress("T1").tokensExact)
    }
}
