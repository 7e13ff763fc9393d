import BatonCore
import Testing

/// `decide` for plain text, guidance and the plan edits.
@Suite struct DecidePlanTests {
    @Test func sayIsTheMissionThenFeedbackThenARemark() {
        #expect(accepted(.say("Add CSV export"), Sessions.empty) == [.missionSet(text: "Add CSV export")])
        #expect(accepted(.say("smaller tasks"), Sessions.planning) == [.userSaid(text: "smaller tasks")])
        #expect(accepted(.say("how is it going"), Sessions.running) == [.userSaid(text: "how is it going")])
        #expect(refusal(.say("   "), Sessions.empty) == "error: say what you want done")
    }

    @Test func guidanceNeedsAKnownTaskAndText() {
        #expect(
            accepted(.guide(task: "t2", text: " use the token store "), Sessions.running) == [
                .guidanceGiven(task: "T2", text: "use the token store")
            ])
        #expect(refusal(.guide(task: "T9", text: "x"), Sessions.running) == "error: unknown task T9 — tasks are T1 T2 T3")
        #expect(refusal(.guide(task: "T2", text: " "), Sessions.running) == "error: say what T2 should know: @T2 TEXT")
        #expect(refusal(.guide(task: "T1", text: "x"), Sessions.empty) == "error: unknown task T1 — there is no plan yet")
    }

    @Test func editFieldChangesOneFieldOrSaysWhatIsWrong() {
        let h = Sessions.planning
        var expected = diamond
        expected[1].scope = ["Sources/API/", "Tests/API/"]
        #expect(
            accepted(.editField(task: "t2", field: "scope", value: "Sources/API/, Tests/API/"), h)
                == [.planEdited(command: "/edit T2 scope Sources/API/, Tests/API/", tasks: expected)])
        #expect(editedPlan(.editField(task: "T1", field: "kind", value: "docs"), h)?[0].kind == .docs)
        #expect(editedPlan(.editField(task: "T1", field: "acceptance", value: "a; b;"), h)?[0].acceptance == ["a", "b"])
        #expect(
            refusal(.editField(task: "T1", field: "titel", value: "x"), h)
                == "error: unknown field titel — did you mean title? (fields: title detail kind scope avoid acceptance)")
        #expect(refusal(.editField(task: "T1", field: "title", value: ""), h) == "error: a title cannot be empty")
        #expect(
            refusal(.editField(task: "T1", field: "kind", value: "poetry"), h)
                == "error: unknown kind poetry — kinds are code refactor tests docs research ops")
        #expect(refusal(.editField(task: "T1", field: "scope", value: "../outside"), h)?.hasPrefix("error: ") == true)
        #expect(accepted(.editField(task: "T1", field: "title", value: "Task T1"), h) == [], "no change: nothing to record")
    }

    @Test func startedTasksCannotChangeAndAFinishedSessionNothing() {
        let h = Sessions.running
        #expect(
            refusal(.editField(task: "T1", field: "title", value: "New"), h)
                == "error: T1 has started (preparing) — only tasks that have not started can change")
        #expect(editedPlan(.editField(task: "T3", field: "title", value: "New"), h)?[2].title == "New")
        var finished = Sessions.running
        finished.apply(.sessionFinished(summaryFile: "/s/PR.md"))
        #expect(
            refusal(.editField(task: "T3", field: "title", value: "New"), finished)
                == "error: the session is finished — /new starts another")
    }

    @Test func replacePlanIsValidatedFirst() {
        var tasks = diamond
        tasks[0].title = "First"
        #expect(accepted(.replacePlan(tasks: tasks), Sessions.planning) == [.planEdited(command: "/edit", tasks: tasks)])
        let cyclic = [task("T1", deps: ["T2"]), task("T2", deps: ["T1"])]
        #expect(refusal(.replacePlan(tasks: cyclic), Sessions.planning)?.hasSuffix("— nothing changed") == true)
        #expect(refusal(.replacePlan(tasks: tasks), Sessions.empty) == "error: there is no plan yet — type a mission first")
    }

    @Test func addRoutesTheNewTaskUnlessTold() throws {
        let h = Sessions.planning
        let routed = try #require(editedPlan(.add(title: "Write a migration guide", after: ["t3"], kind: "docs", route: nil), h))
        #expect(routed.count == 4)
        #expect(routed[3].id == "T4" && routed[3].deps == ["T3"] && routed[3].kind == .docs)
        #expect(routed[3].route == Router.route(task: routed[3], available: roster.available).agent && !routed[3].routeOverridden)
        let chosen = try #require(editedPlan(.add(title: "Try it", after: [], kind: nil, route: "gemini"), h))
        #expect(chosen[3].route == "gemini" && chosen[3].routeReason == "you chose" && chosen[3].routeOverridden)
        #expect(
            accepted(.add(title: "Docs", after: [], kind: nil, route: nil), h)?.first.map {
                if case .planEdited(let c, _) = $0 { c } else { "" }
            } == "/add Docs")
        #expect(refusal(.add(title: "  ", after: [], kind: nil, route: nil), h) == "error: give the task a title: /add TITLE")
        #expect(refusal(.add(title: "X", after: ["T7"], kind: nil, route: nil), h) == "error: unknown task T7 — tasks are T1 T2 T3")
        #expect(
            refusal(.add(title: "X", after: [], kind: "poem", route: nil), h)
                == "error: unknown kind poem — kinds are code refactor tests docs research ops")
        #expect(
            refusal(.add(title: "X", after: [], kind: nil, route: "claud"), h)
                == "error: unknown agent claud — did you mean claude? agents are claude codex gemini aider opencode antigravity human")
        #expect(
            refusal(.add(title: "X", after: [], kind: nil, route: nil), Sessions.empty)
                == "error: there is no plan yet — type a mission first")
    }

    @Test func dropRewiresDependents() {
        #expect(
            accepted(.drop(task: "t1"), Sessions.planning)
                == [.planEdited(command: "/drop T1", tasks: [diamond[1], task("T3", deps: ["T2"])])])
        var chain = Harness()
        chain.apply(.missionSet(text: "m"))
        chain.apply(
            .planProposed(
                planner: "offline", tasks: [task("T1"), task("T2", deps: ["T1"]), task("T3", deps: ["T2"])], costUSD: nil, note: nil))
        #expect(editedPlan(.drop(task: "T2"), chain)?.last?.deps == ["T1"], "T3 now waits for what T2 waited for")
        #expect(refusal(.drop(task: "T8"), Sessions.planning) == "error: unknown task T8 — tasks are T1 T2 T3")
        #expect(
            refusal(.drop(task: "T1"), Sessions.running)
                == "error: T1 has started (preparing) — only tasks that have not started can change")
    }

    @Test func depAndUndep() {
        let h = Sessions.planning
        #expect(
            accepted(.addDependency(task: "T2", waitsFor: "t1"), h)
                == [.planEdited(command: "/dep T2 T1", tasks: [diamond[0], task("T2", deps: ["T1"], route: "codex"), diamond[2]])])
        #expect(refusal(.addDependency(task: "T2", waitsFor: "T2"), h) == "error: T2 cannot wait for itself")
        #expect(refusal(.addDependency(task: "T1", waitsFor: "T3"), h)?.hasSuffix("— nothing changed") == true, "a cycle")
        #expect(
            accepted(.removeDependency(task: "T3", waitsFor: "T1"), h)
                == [.planEdited(command: "/undep T3 T1", tasks: [diamond[0], diamond[1], task("T3", deps: ["T2"])])])
        #expect(refusal(.removeDependency(task: "T1", waitsFor: "T2"), h) == "error: T1 does not wait for T2")
    }

    @Test func undoRedoBeforeGoOnly() {
        var h = Sessions.planning
        #expect(refusal(.undo, h) == "error: nothing to undo")
        #expect(refusal(.redo, h) == "error: nothing to redo")
        h.apply(.planEdited(command: "/drop T1", tasks: [diamond[1]]))
        #expect(accepted(.undo, h) == [.planUndone])
        h.apply(.planUndone)
        #expect(accepted(.redo, h) == [.planRedone])
        #expect(refusal(.undo, Sessions.running) == "error: nothing to undo")
    }

    @Test func replanAsksThePlannerBeforeGo() {
        #expect(accepted(.replan(feedback: "split T2"), Sessions.planning) == [.replanRequested(feedback: "split T2")])
        #expect(accepted(.replan(feedback: ""), Sessions.planning) == [.replanRequested(feedback: "Improve the plan.")])
        #expect(refusal(.replan(feedback: "x"), Sessions.empty) == "error: there is no mission yet — type one first")
        #expect(
            refusal(.replan(feedback: "x"), Sessions.running)
                == "error: the plan is running — /replan works before /go; /add adds tasks now")
    }
}
