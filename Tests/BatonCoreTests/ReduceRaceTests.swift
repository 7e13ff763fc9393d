import BatonCore
import Testing

/// Races in the core: contestants start with the task, each a run of its own; checks per
/// contestant; the judge once all settle; the pick; dependents wait; budgets count all.
@Suite struct ReduceRaceTests {
    static let unit = ReduceChecksTests.unit

    /// T1 raced on claude and codex (with checks), T2 after T1; approved.
    func harness(policy: [(String, String)] = [], checks: Bool = true) -> (Harness, [Effect]) {
        var h = Harness()
        if checks { h.apply(.checksConfigured(checks: [Self.unit], slots: 2, agents: ["claude", "codex", "gemini"])) }
        h.apply(.missionSet(text: "Build it"))
        h.apply(.planProposed(planner: "offline", tasks: [task("T1"), task("T2", deps: ["T1"])], costUSD: nil, note: nil))
        h.apply(.raceSet(task: "T1", agents: ["claude", "codex"], deadlineSeconds: nil))
        for (name, value) in policy { h.apply(.policySet(name: name, value: value)) }
        let effects = h.apply(.planApproved(integrationBranch: "baton/s-test/main", baseCommit: "base0"))
        return (h, effects)
    }

    /// The contestant ran to a done checkpoint.
    func done(_ h: inout Harness, _ id: String, files: [String] = ["a.swift"]) -> [Effect] {
        h.workspace(id)
        h.started(id)
        h.finished(id, cost: 0.25)
        return h.checkpoint(id, .done, files: files)
    }

    @Test func theRaceStartsEveryContestantInItsOwnWorkspaceAndDependentsWait() {
        let (h, effects) = harness()
        #expect(effects == [.prepareWorkspace(task: "T1.claude"), .prepareWorkspace(task: "T1.codex")])
        #expect(h.status("T1") == .racing && h.status("T2") == .planned)
        #expect(h.progress("T1.codex").agent == "codex" && h.status("T1.codex") == .preparing)
        #expect(h.state.runIDs == ["T1", "T2", "T1.claude", "T1.codex"])
        #expect(h.state.runTask("T1.codex")?.route == "codex" && h.state.runTask("T1.codex")?.title == "Task T1")
        #expect(!h.state.isQuiescent)
    }

    @Test func eachContestantRunsItsChecksAndNeverMergesOnItsOwn() {
        var (h, _) = harness(policy: [("merge", "auto"), ("review", "off")])
        #expect(done(&h, "T1.claude") == [.runChecks(task: "T1.claude", run: 1)])
        let effects = h.apply(.checksFinished(task: "T1.claude", run: 1, verdict: ReduceChecksTests.green, alternative: nil))
        #expect(!effects.contains(.merge(task: "T1.claude")), "\(effects)")
        #expect(h.status("T1.claude") == .review && h.status("T1") == .racing)
    }

    @Test func redChecksAfterTheReworkRoundsSettleTheContestantWithoutAQuestion() {
        var (h, _) = harness(policy: [("rework", "0"), ("review", "off")])
        _ = done(&h, "T1.codex")
        h.apply(.checksFinished(task: "T1.codex", run: 1, verdict: ReduceChecksTests.red(), alternative: nil))
        #expect(h.state.openDecisions.isEmpty && h.status("T1.codex") == .review)
        #expect(h.state.contestantFinished("T1.codex") && !h.state.contestantGood("T1.codex"))
    }

    @Test func whenAllSettleTheJudgeIsAskedAndTheOnlyGreenOneIsPickedByPolicy() {
        var (h, _) = harness(policy: [("rework", "0"), ("review", "off"), ("race", "auto")])
        _ = done(&h, "T1.claude")
        #expect(h.apply(.checksFinished(task: "T1.claude", run: 1, verdict: ReduceChecksTests.green, alternative: nil)).isEmpty)
        _ = done(&h, "T1.codex")
        let effects = h.apply(.checksFinished(task: "T1.codex", run: 1, verdict: ReduceChecksTests.red(), alternative: nil))
        #expect(effects == [.judgeRace(task: "T1", judge: "gemini")], "gemini races not: it judges")
        #expect(!h.state.isQuiescent, "the judge keeps the session busy")
        let verdict = RaceVerdict(pick: "claude", reason: "green", ranking: ["claude", "codex"])
        let picked = h.apply(.raceJudged(task: "T1", judge: "gemini", verdict: verdict, costUSD: 0.05))
        #expect(h.state.races["T1"]?.picked == "claude" && h.state.races["T1"]?.pickedBy == "policy")
        #expect(h.status("T1") == .review && h.progress("T1").branch == "baton/s-test/T1.claude")
        #expect(picked.isEmpty, "merge is manual: \(picked)")
        // Budgets count every contestant and the judge, once.
        #expect(abs(h.state.totalCostUSD - 0.55) < 1e-9 && abs(h.state.raceCostUSD("T1") - 0.55) < 1e-9)
        // T2 waits for T1's merge, not for the race.
        #expect(h.status("T2") == .planned)
        let merged = h.apply(.taskMerged(task: "T1", commit: "m1"))
        #expect(merged.contains(.checkIntegration(after: "T1")))
        h.apply(.mergeChecked(task: "T1", verdict: ReduceChecksTests.green))
        #expect(h.status("T2") == .preparing)
    }

    @Test func twoGreenContestantsWaitForTheUsersPick() {
        var (h, _) = harness(policy: [("review", "off"), ("race", "auto"), ("merge", "auto")])
        for id in ["T1.claude", "T1.codex"] {
            _ = done(&h, id)
            h.apply(.checksFinished(task: id, run: 1, verdict: ReduceChecksTests.green, alternative: nil))
        }
        h.apply(.raceJudged(task: "T1", judge: "gemini", verdict: RaceVerdict(pick: "codex", reason: "r"), costUSD: nil))
        #expect(h.state.races["T1"]?.phase == .compared && h.state.races["T1"]?.picked == nil)
        #expect(h.state.isQuiescent)
        let effects = h.apply(.racePicked(task: "T1", agent: "codex", by: "you"))
        #expect(effects == [.merge(task: "T1")], "green and merge auto: merged")
        #expect(h.progress("T1").agent == "codex" && h.progress("T1").worktree == "/wt/T1.codex")
    }

    @Test func theDeadlineStopsStragglersAndTheRaceIsJudgedWithWhatFinished() {
        var h = Harness()
        h.apply(.missionSet(text: "Build it"))
        h.apply(.planProposed(planner: "offline", tasks: [task("T1")], costUSD: nil, note: nil))
        h.apply(.raceSet(task: "T1", agents: ["claude", "codex"], deadlineSeconds: 600))
        let start = h.apply(.planApproved(integrationBranch: "baton/s-test/main", baseCommit: "base0"))
        #expect(start.contains(.raceDeadline(task: "T1", at: h.now + 600)))
        _ = done(&h, "T1.claude")
        h.workspace("T1.codex")
        h.started("T1.codex")
        #expect(h.apply(.raceDeadlinePassed(task: "T1")).isEmpty, "an early timer (a moved deadline) changes nothing")
        h.now += 600
        let effects = h.apply(.raceDeadlinePassed(task: "T1"))
        #expect(effects == [.stopRun(task: "T1.codex"), .judgeRace(task: "T1", judge: nil)], "one finished: no judge")
        #expect(h.state.races["T1"]?.stopped == ["codex"] && h.status("T1.codex") == .cancelled)
    }

    @Test func cancellingAContestantSettlesItAndMoreAddsOneToAStartedRace() {
        var (h, _) = harness(checks: false)
        _ = done(&h, "T1.claude")
        h.workspace("T1.codex")
        h.started("T1.codex")
        let effects = h.apply(.taskCancelled(task: "T1.codex"))
        #expect(effects == [.stopRun(task: "T1.codex"), .judgeRace(task: "T1", judge: nil)])
        h.apply(.raceJudged(task: "T1", judge: nil, verdict: nil, costUSD: nil))
        let more = h.apply(.raceSet(task: "T1", agents: ["gemini"], deadlineSeconds: nil))
        #expect(more == [.prepareWorkspace(task: "T1.gemini")] && h.state.races["T1"]?.phase == .running)
    }

    @Test func resumeReplaysARaceToTheSameState() {
        var (h, _) = harness(policy: [("review", "off")])
        _ = done(&h, "T1.claude")
        var replayed = SessionState(id: "s-test")
        var at = 1_000.0
        for event in h.events {
            at += 1
            _ = reduce(into: &replayed, event, at: at)
        }
        #expect(replayed == h.state)
    }

    @Test func judgeVerdictsAreReadFromTheReplyAndMustNameAContestant() {
        let agents = ["claude", "codex"]
        let v = RaceVerdict.parse(
            "Here:\n```json\n{\"pick\": \"T3.codex\", \"reason\": \"it streams\", \"ranking\": [\"codex\", \"claude\"]}\n```",
            agents: agents)
        #expect(v == RaceVerdict(pick: "codex", reason: "it streams", ranking: ["codex", "claude"]))
        #expect(RaceVerdict.parse(#"{"pick": "gemini", "reason": "x", "ranking": []}"#, agents: agents) == nil)
        #expect(RaceVerdict.parse("claude is better", agents: agents) == nil)
        #expect(RaceVerdict.parse(#"{"pick": "Claude", "reason": "x"}"#, agents: agents)?.ranking == ["claude", "codex"])
    }
}
