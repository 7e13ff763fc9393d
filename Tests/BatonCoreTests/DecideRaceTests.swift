import BatonCore
import Foundation
import Testing

/// `/race` and `/pick` decided in the core.
@Suite struct DecideRaceTests {
    @Test func raceNamesInstalledAgentsOrTheNBestSuited() {
        let h = Sessions.planning
        #expect(
            accepted(.race(task: "t3", agents: ["claude", "codex"], count: nil, more: false, deadline: nil), h) == [
                .raceSet(task: "T3", agents: ["claude", "codex"], deadlineSeconds: nil)
            ])
        #expect(
            accepted(.race(task: "T3", agents: [], count: 2, more: false, deadline: "20m"), h)?.first.map {
                if case .raceSet(_, let agents, let deadline) = $0 { return Set(agents) == ["claude", "codex"] && deadline == 1200 }
                return false
            } == true)
        #expect(
            refusal(.race(task: "T3", agents: [], count: 3, more: false, deadline: nil), h)?.contains("only 2 agents are installed") == true
        )
        #expect(
            refusal(.race(task: "T3", agents: ["claude", "gemini"], count: nil, more: false, deadline: nil), h)?.contains(
                "gemini is not installed") == true)
        #expect(
            refusal(.race(task: "T3", agents: ["claude"], count: nil, more: false, deadline: nil), h)?.contains("two agents or more")
                == true)
        #expect(
            refusal(.race(task: "T9", agents: ["claude", "codex"], count: nil, more: false, deadline: nil), h)?.contains("unknown task T9")
                == true)
        #expect(refusal(.race(task: "T3", agents: [], count: nil, more: false, deadline: "20m"), h)?.contains("T3 is not raced") == true)
        #expect(
            refusal(.race(task: "T3", agents: ["claude", "codex"], count: nil, more: false, deadline: "soon"), h)?.contains("a duration")
                == true)
    }

    @Test func aStartedTaskCannotBeRacedAndPickNeedsFinishedWork() {
        let running = Sessions.running
        #expect(
            refusal(.race(task: "T1", agents: ["claude", "codex"], count: nil, more: false, deadline: nil), running)?.contains(
                "T1 has started") == true)
        var h = Harness()
        h.apply(.missionSet(text: "Build it"))
        h.apply(.planProposed(planner: "offline", tasks: [task("T1")], costUSD: nil, note: nil))
        h.apply(.raceSet(task: "T1", agents: ["claude", "codex"], deadlineSeconds: nil))
        h.apply(.planApproved(integrationBranch: "baton/s-test/main", baseCommit: "base0"))
        #expect(refusal(.pick(task: "T1", agent: "codex"), h)?.contains("T1.codex has no finished work") == true)
        #expect(refusal(.pick(task: "T1", agent: "gemini"), h)?.contains("its contestants are claude codex") == true)
        h.workspace("T1.claude")
        h.started("T1.claude")
        h.finished("T1.claude")
        h.checkpoint("T1.claude", .done)
        #expect(accepted(.pick(task: "t1", agent: "Claude"), h) == [.racePicked(task: "T1", agent: "claude", by: "you")])
        // Contestants are addressed as T1.codex by every command that takes a task.
        #expect(accepted(.cancel(task: "t1.codex"), h) == [.taskCancelled(task: "T1.codex")])
        #expect(accepted(.race(task: "T1", agents: [], count: nil, more: true, deadline: nil), h) == nil, "every installed agent races")
    }
}
