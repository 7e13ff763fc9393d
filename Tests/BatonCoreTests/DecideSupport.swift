import BatonCore
import Foundation
import Testing

/// claude and codex installed; gemini, aider, opencode known but missing; human always.
let roster = AgentRoster(profiles: BuiltinProfiles.all, installed: ["claude", "codex"])
let headFacts = HeadFacts(branch: "main", commit: "c0ffee1234", dirtyFiles: [], integrationBranch: "baton/s-test/main")

/// Sessions in the states the commands are decided in.
enum Sessions {
    /// No mission yet.
    static var empty: Harness { Harness() }

    /// A proposed plan (the diamond: T1, T2 on codex, T3 after both), not approved.
    static var planning: Harness {
        var h = Harness()
        h.apply(.missionSet(text: "Build it"))
        h.apply(.planProposed(planner: "offline", tasks: diamond, costUSD: nil, note: nil))
        return h
    }

    /// The diamond approved with parallelism 1: T1 preparing, T2 and T3 not started.
    static var running: Harness {
        var h = Harness()
        h.approve(diamond, parallelism: 1)
        return h
    }

    /// T1 done and in review; T2 running.
    static var review: Harness {
        var h = Harness()
        h.approve(diamond, parallelism: 2)
        h.run("T1")
        h.finished("T1")
        h.checkpoint("T1", .done)
        h.run("T2")
        return h
    }
}

/// What `decide` gives for `command` in `h`'s state.
func decided(_ command: Command, _ h: Harness, head: HeadFacts? = nil) -> Result<[SessionEvent], CommandError> {
    decide(command, in: h.state, at: Date(timeIntervalSince1970: h.now + 1), context: CommandContext(agents: roster, head: head))
}

/// The events of an accepted command (nil when refused).
func accepted(_ command: Command, _ h: Harness, head: HeadFacts? = nil) -> [SessionEvent]? {
    try? decided(command, h, head: head).get()
}

/// The one line of a refused command (nil when accepted).
func refusal(_ command: Command, _ h: Harness, head: HeadFacts? = nil) -> String? {
    if case .failure(let error) = decided(command, h, head: head) { return ErrorLine.render(error) }
    return nil
}

/// The plan a command would record (from its `planEdited` event).
func editedPlan(_ command: Command, _ h: Harness) -> [PlanTask]? {
    guard case .planEdited(_, let tasks)? = accepted(command, h)?.first else { return nil }
    return tasks
}
