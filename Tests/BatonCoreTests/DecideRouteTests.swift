import BatonCore
import Foundation
import Testing

/// `decide` for /route (every advertised form) and /go.
@Suite struct DecideRouteTests {
    @Test func routeOneTaskToAnAgent() throws {
        let h = Sessions.planning
        let tasks = try #require(editedPlan(.route(.task("t1"), agent: "codex", prefer: nil), h))
        #expect(tasks[0].route == "codex" && tasks[0].routeOverridden)
        let router = Router.route(task: diamond[0], available: roster.available)
        #expect(
            tasks[0].routeReason
                == (router.agent == "codex"
                    ? "you chose; router agrees: \(router.reason)" : "you chose; router preferred \(router.agent): \(router.reason)"))
        #expect(Array(tasks[1...]) == Array(diamond[1...]))
        #expect(accepted(.route(.task("T1"), agent: "codex", prefer: nil), h)?.count == 1)
        #expect(
            refusal(.route(.task("T1"), agent: "codx", prefer: nil), h)
                == "error: unknown agent codx — did you mean codex? agents are claude codex gemini aider opencode antigravity human")
        #expect(refusal(.route(.task("T5"), agent: "codex", prefer: nil), h) == "error: unknown task T5 — tasks are T1 T2 T3")
        #expect(
            refusal(.route(.task("T1"), agent: nil, prefer: nil), h)
                == "error: name the agent: /route T1 AGENT (/route T1 alone ranks the agents)")
        #expect(
            refusal(.route(.task("T1"), agent: "codex", prefer: nil), Sessions.empty)
                == "error: there is no plan yet — type a mission first")
    }

    @Test func routeAllToAnAgentChoosesForEveryTaskNotStarted() throws {
        let planned = try #require(editedPlan(.route(.all, agent: "codex", prefer: nil), Sessions.planning))
        #expect(planned.allSatisfy { $0.route == "codex" && $0.routeOverridden })
        #expect(
            accepted(.route(.all, agent: "codex", prefer: nil), Sessions.planning)?.first.map {
                if case .planEdited(let c, _) = $0 { c } else { "" }
            } == "/route all codex")
        // While running, T1 has started: only T2 and T3 change.
        let running = try #require(editedPlan(.route(.all, agent: "codex", prefer: nil), Sessions.running))
        #expect(running[0] == diamond[0])
        #expect(running[2].route == "codex" && running[2].routeOverridden)
        #expect(
            refusal(.route(.all, agent: "nobody", prefer: nil), Sessions.planning)
                == "error: unknown agent nobody — agents are claude codex gemini aider opencode antigravity human")
    }

    @Test func routeAllReroutesWhatTheUserDidNotChoose() throws {
        var h = Sessions.planning
        h.apply(
            .planEdited(
                command: "/route T3 gemini",
                tasks: [
                    diamond[0], diamond[1],
                    {
                        var t = diamond[2]
                        t.route = "gemini"
                        t.routeOverridden = true
                        return t
                    }(),
                ]))
        let tasks = try #require(editedPlan(.route(.all, agent: nil, prefer: "cheap"), h))
        #expect(tasks[2].route == "gemini", "the user's choice is kept")
        let expected = Router.route(task: diamond[1], available: roster.available, preference: .cheap)
        #expect(tasks[1].route == expected.agent && tasks[1].routeReason == expected.reason)
        #expect(
            accepted(.route(.all, agent: nil, prefer: "cheap"), h)?.first.map { if case .planEdited(let c, _) = $0 { c } else { "" } }
                == "/route all --prefer cheap")
        #expect(refusal(.route(.all, agent: nil, prefer: "free"), h) == "error: --prefer takes best, cheap or fast")
    }

    @Test func routeAllReadsBreadthFromHowManyFilesAScopeHolds() throws {
        var h = Harness()
        var wide = task("T1")
        wide.scope = ["Sources/Reports/"]
        h.apply(.missionSet(text: "Build it"))
        h.apply(.planProposed(planner: "offline", tasks: [wide], costUSD: nil, note: nil))
        func reason(_ sizes: [String: Int]) throws -> String? {
            let context = CommandContext(agents: roster, scopeFiles: sizes)
            let events = try decide(
                .route(.all, agent: nil, prefer: nil), in: h.state, at: Date(timeIntervalSince1970: h.now + 1), context: context
            ).get()
            guard case .planEdited(_, let tasks) = events.first else { return nil }
            return tasks.first?.routeReason
        }
        #expect(try reason(["Sources/Reports/": 240])?.contains("broad code (Sources/Reports/ holds 240 files)") == true)
        #expect(try reason(["Sources/Reports/": 3])?.contains("broad") == false)
    }

    @Test func goApprovesAValidPlanFromACommit() {
        let limits = Dictionary(BuiltinProfiles.all.map { ($0.name, $0.maxParallel) }, uniquingKeysWith: { a, _ in a })
        #expect(
            accepted(.go, Sessions.planning, head: headFacts)
                == [.agentLimitsSet(limits: limits), .planApproved(integrationBranch: "baton/s-test/main", baseCommit: "c0ffee1234")])
        var noCommit = headFacts
        noCommit.commit = nil
        #expect(
            refusal(.go, Sessions.planning, head: noCommit) == "error: the repository has no commits yet — commit something first, then /go"
        )
        #expect(refusal(.go, Sessions.running, head: headFacts) == "error: the plan is already running — /status shows it")
        #expect(refusal(.go, Sessions.empty, head: headFacts) == "error: there is no plan yet — type a mission first")
        var invalid = Sessions.empty
        invalid.apply(.missionSet(text: "m"))
        invalid.apply(.planProposed(planner: "offline", tasks: [task("T1", deps: ["T9"])], costUSD: nil, note: nil))
        #expect(refusal(.go, invalid, head: headFacts)?.hasPrefix("error: the plan is not valid: ") == true)
        #expect(refusal(.go, invalid, head: headFacts)?.hasSuffix(" — fix it with /edit, /dep or /drop") == true)
    }

    @Test func goWarnsAboutHeadOverlapsAndMissingAgents() {
        var h = Sessions.empty
        h.apply(.missionSet(text: "m"))
        h.apply(
            .planProposed(
                planner: "offline", tasks: [task("T1", scope: ["Sources/"]), task("T2", route: "gemini", scope: ["Sources/"])],
                costUSD: nil, note: nil))
        let head = HeadFacts(branch: nil, commit: "abcdef0123456", dirtyFiles: ["a", "b", "c", "d", "e"], integrationBranch: "b")
        let notes = advise(.go, in: h.state, context: CommandContext(agents: roster, head: head))
        #expect(
            notes.map(\.text) == [
                "HEAD is detached — the run starts from commit abcdef01",
                "uncommitted changes are not part of the run (a b c d …) — commit them first if tasks need them",
                "T1 and T2 may run at once and both touch Sources/ — /dep T2 T1 would run them one after the other",
                "T2 is routed to gemini, which is not installed — /route T2 claude",
            ])
        let allWarnings = notes.allSatisfy { $0.isWarning }
        #expect(allWarnings)
    }

    @Test func choosingAnAgentNotInstalledWarns() {
        let notes = advise(
            .route(.task("T1"), agent: "gemini", prefer: nil), in: Sessions.planning.state, context: CommandContext(agents: roster))
        #expect(notes.map(\.text) == ["gemini is not installed — npm install -g @google/gemini-cli, or route to claude"])
        #expect(
            advise(.route(.task("T1"), agent: "codex", prefer: nil), in: Sessions.planning.state, context: CommandContext(agents: roster))
                == [])
    }
}
