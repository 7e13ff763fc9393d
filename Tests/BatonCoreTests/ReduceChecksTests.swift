import BatonCore
import Testing

/// Verification in the core: checks after done, the queue, rework, the decision, merge rules,
/// integration checks.
@Suite struct ReduceChecksTests {
    static let unit = CheckSpec(name: "unit", argv: ["sh", "check.sh"], source: ".baton/agents.json")

    static func red(_ failing: String = "test_value") -> CheckVerdict {
        CheckVerdict(
            results: [
                CheckResult(
                    name: "unit", outcome: .failed, exitCode: 1,
                    summary: TestSummary(passed: 2, failed: 1, failures: [failing], message: "boom"))
            ], seconds: 2, tail: "check unit failed\nfailing: \(failing)", log: "runs/T1-1.check.log")
    }

    static let green = CheckVerdict(
        results: [CheckResult(name: "unit", outcome: .passed, exitCode: 0, summary: TestSummary(passed: 3))], seconds: 2)

    /// A session with checks, `tasks` approved; T1 (and others) running.
    func harness(_ tasks: [PlanTask] = [task("T1")], slots: Int = 1, policy: [(String, String)] = []) -> Harness {
        var h = Harness()
        h.apply(.checksConfigured(checks: [Self.unit], slots: slots))
        h.approve(tasks, policy: policy)
        for t in tasks where h.status(t.id) == .preparing { h.run(t.id) }
        return h
    }

    @Test func doneRunsTheChecksAndTheQueueWaitsForASlot() {
        var h = harness([task("T1"), task("T2")])
        #expect(h.checkpoint("T1", .done) == [.runChecks(task: "T1", run: 1)])
        #expect(h.status("T1") == .checking && h.progress("T1").checksRunning)
        #expect(h.checkpoint("T2", .done, files: ["b.swift"]) == [], "one slot: T2 waits")
        #expect(h.state.checksQueue == ["T2"])
        #expect(!h.state.isQuiescent, "checks keep the session busy")
        h.apply(.checksStarted(task: "T1", run: 1, pid: 77, pidStartTime: 1, log: "runs/T1-1.check.log"))
        #expect(h.progress("T1").checkPid == 77)
        // T1 green: review, and T2's checks take the slot.
        let effects = h.apply(.checksFinished(task: "T1", run: 1, verdict: Self.green, alternative: nil))
        #expect(effects == [.runChecks(task: "T2", run: 1)])
        #expect(h.status("T1") == .review && h.progress("T1").verdict == Self.green)
    }

    @Test func redChecksReworkThenAskWithTheFourOptions() {
        var h = harness(policy: [("rework", "1")])
        h.checkpoint("T1", .done)
        let effects = h.apply(.checksFinished(task: "T1", run: 1, verdict: Self.red(), alternative: "codex"))
        guard case .startTurn("T1", 2, let messages) = effects.first else {
            Issue.record("expected a rework turn, got \(effects)")
            return
        }
        #expect(messages.count == 1 && messages[0].contains("failing: test_value") && messages[0].contains("checks failed"))
        #expect(h.progress("T1").reworkTurns == 1 && h.status("T1") == .running)
        h.started("T1")
        h.checkpoint("T1", .done)
        #expect(h.progress("T1").checkRuns == 2)
        h.apply(.checksFinished(task: "T1", run: 2, verdict: Self.red(), alternative: "codex"))
        let d = h.lastDecision
        #expect(d?.kind == .checks && d?.task == "T1" && h.status("T1") == .waiting)
        #expect(d?.options == ["another round", "reroute to codex", "take it as is", "reject"])
        #expect(d?.question == "T1's checks are still red after 1 rework round — unit: 1 failed — test_value: boom")
        // Merging it is refused, naming why and the override.
        #expect(h.state.mergeRefusal("T1")?.message == "T1's checks are red (unit: 1 failed) — answer D1, or /merge T1 --force")
        #expect(h.state.mergeRefusal("T1", force: true) == nil)
        // Rerouted: the other agent gets a fresh session and the failing tail.
        let reroute = h.apply(.decisionAnswered(id: "D1", answer: "2"))
        #expect(h.progress("T1").agent == "codex" && h.progress("T1").agentSessionID == nil)
        #expect(reroute.contains { if case .startTurn("T1", 3, _) = $0 { return true } else { return false } })
    }

    @Test func takenAsIsGoesToReviewAndMayMerge() {
        var h = harness(policy: [("rework", "0")])
        h.checkpoint("T1", .done)
        h.apply(.checksFinished(task: "T1", run: 1, verdict: Self.red(), alternative: nil))
        #expect(h.lastDecision?.options == ["another round", "take it as is", "reject"])
        h.apply(.decisionAnswered(id: "D1", answer: "take it as is"))
        #expect(h.status("T1") == .review && h.progress("T1").checksWaived)
        #expect(h.state.mergeRefusal("T1") == nil)
    }

    @Test func mergeIsRefusedWhileChecksRunOrNeverRan() {
        var h = harness([task("T1"), task("T2")], slots: 2)
        h.checkpoint("T1", .done)
        #expect(h.state.mergeRefusal("T1")?.message == "T1's checks are running — /wait for them, or /merge T1 --force")
        // A task in review without a verdict (e.g. from an old session): never ran.
        h.state.progress["T2"]?.status = .review
        #expect(h.state.mergeRefusal("T2")?.message == "T2's checks never ran — /checks T2 runs them, or /merge T2 --force")
        #expect(h.state.nextMergeable() == nil, "/merge all and /finish skip tasks without green checks")
    }

    @Test func cancelStopsTheChecksAndFreesTheSlot() {
        var h = harness([task("T1"), task("T2")])
        h.checkpoint("T1", .done)
        h.checkpoint("T2", .done, files: ["b.swift"])
        let effects = h.apply(.taskCancelled(task: "T1"))
        #expect(effects.first == .stopRun(task: "T1"))
        #expect(effects.contains(.runChecks(task: "T2", run: 1)))
        // The cancelled run's verdict changes nothing.
        #expect(h.apply(.checksFinished(task: "T1", run: 1, verdict: Self.green, alternative: nil)) == [])
        #expect(h.status("T1") == .cancelled)
    }

    @Test func interruptedChecksRunAgain() {
        var h = harness()
        h.checkpoint("T1", .done)
        h.apply(.checksStarted(task: "T1", run: 1, pid: 77, pidStartTime: 1, log: "l"))
        #expect(h.apply(.checksInterrupted(task: "T1")) == [.runChecks(task: "T1", run: 2)])
        // A late verdict of the first run is ignored.
        #expect(h.apply(.checksFinished(task: "T1", run: 1, verdict: Self.green, alternative: nil)) == [])
        #expect(h.status("T1") == .checking)
    }

    @Test func redTogetherNamesTheMergeAndHoldsDependents() {
        var h = harness([task("T1"), task("T2"), task("T3", deps: ["T2"])], slots: 2)
        for t in ["T1", "T2"] {
            h.checkpoint(t, .done, files: ["\(t).swift"])
            h.apply(.checksFinished(task: t, run: 1, verdict: Self.green, alternative: nil))
        }
        #expect(h.apply(.taskMerged(task: "T1", commit: "m1")).first == .checkIntegration(after: "T1"))
        #expect(h.state.mergeRefusal("T2")?.message == "the integration checks after T1 are running — /wait, then /merge T2")
        h.apply(.mergeChecked(task: "T1", verdict: Self.green))
        h.apply(.taskMerged(task: "T2", commit: "m2"))
        #expect(h.status("T3") == .ready, "T3 waits for the integration checks")
        h.apply(.mergeChecked(task: "T2", verdict: Self.red()))
        let d = h.lastDecision
        #expect(d?.kind == .integration && d?.context == ["T2"])
        #expect(
            d?.question == "checks are red on baton/s-test/main after merging T2 (T2 was green alone) — unit: 1 failed — test_value: boom")
        #expect(d?.options.first == "revert the merge of T2")
        #expect(h.status("T3") == .ready, "dependents start only from a green integration branch")
        #expect(h.apply(.decisionAnswered(id: "D1", answer: "1")) == [.recordDecision(id: "D1"), .revertMerge(task: "T2")])
        h.apply(.mergeReverted(task: "T2", commit: "r2"))
        #expect(h.status("T2") == .review && h.progress("T2").mergeReverted && h.state.integrationBrokenBy == nil)
    }

    @Test func anAgentFixesTheIntegrationBranchThenItsChecksRunAgain() {
        var h = harness([task("T1"), task("T2"), task("T3", deps: ["T2"])], slots: 2)
        for t in ["T1", "T2"] {
            h.checkpoint(t, .done, files: ["\(t).swift"])
            h.apply(.checksFinished(task: t, run: 1, verdict: Self.green, alternative: nil))
        }
        h.apply(.taskMerged(task: "T1", commit: "m1"))
        h.apply(.mergeChecked(task: "T1", verdict: Self.green))
        h.apply(.taskMerged(task: "T2", commit: "m2"))
        h.apply(.mergeChecked(task: "T2", verdict: Self.red()))
        #expect(h.lastDecision?.options == ["revert the merge of T2", "an agent fixes it on the integration branch", "keep it"])
        // The fix runs on the integration branch: nothing is reverted, dependents still wait.
        #expect(
            h.apply(.decisionAnswered(id: "D1", answer: "2")) == [.recordDecision(id: "D1"), .fixIntegration(task: "T2", decision: "D1")])
        #expect(h.state.integrationFix == IntegrationFix(task: "T2", decision: "D1") && !h.state.isQuiescent)
        h.apply(.integrationFixStarted(task: "T2", agent: "claude", pid: 91, pidStartTime: 5))
        #expect(h.state.integrationFix?.pid == 91 && h.status("T3") == .ready)
        // A failed fix asks again.
        let cost = h.progress("T2").costUSD
        h.apply(.integrationFixFinished(task: "T2", commit: nil, failure: "its agent changed nothing", costUSD: 0.5, tokens: 10))
        #expect(h.state.integrationFix == nil && h.state.integrationBrokenBy == "T2" && abs(h.progress("T2").costUSD - cost - 0.5) < 1e-9)
        #expect(h.lastDecision?.id == "D2" && h.lastDecision?.question.hasSuffix("the fix failed: its agent changed nothing") == true)
        h.apply(.decisionAnswered(id: "D2", answer: "2"))
        // Its commit lands: the integration checks run again; green lets T3 start.
        let effects = h.apply(.integrationFixFinished(task: "T2", commit: "f1", failure: nil, costUSD: 0.25, tokens: 5))
        #expect(effects == [.checkIntegration(after: "T2")] && h.state.integrationChecking == "T2")
        #expect(h.apply(.integrationFixFinished(task: "T2", commit: "f1", failure: nil, costUSD: 0.25, tokens: 5)) == [], "recorded once")
        #expect(abs(h.progress("T2").costUSD - cost - 0.75) < 1e-9 && h.status("T2") == .merged)
        #expect(h.status("T3") == .ready, "not before the checks are green")
        #expect(h.apply(.mergeChecked(task: "T2", verdict: Self.green)) == [.prepareWorkspace(task: "T3")])
    }

    @Test func withoutChecksDoneGoesStraightToReview() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        #expect(h.checkpoint("T1", .done) == [])
        #expect(h.status("T1") == .review && h.state.mergeRefusal("T1") == nil)
    }

    @Test func checksCommandRules() {
        var h = harness([task("T1")])
        let context = CommandContext(agents: AgentRoster(profiles: BuiltinProfiles.all, installed: ["claude"]))
        func run(_ c: Command) -> Result<[SessionEvent], CommandError> { decide(c, in: h.state, at: .now, context: context) }
        #expect((try? run(.runChecks(task: "t1")).get()) == nil, "running tasks cannot")
        h.checkpoint("T1", .done)
        h.apply(.checksFinished(task: "T1", run: 1, verdict: Self.green, alternative: nil))
        #expect((try? run(.runChecks(task: "t1")).get()) == [.checksRequested(task: "T1")])
        #expect(h.apply(.checksRequested(task: "T1")) == [.runChecks(task: "T1", run: 2)])
    }
}
