import Testing

@testable import BatonCore

@Suite struct RouterTests {
    let all = BuiltinProfiles.all

    func task(_ title: String, _ kind: TaskKind = .code, scope: [String] = []) -> PlanTask {
        PlanTask(id: "T1", title: title, kind: kind, scope: scope)
    }

    @Test func reasonNamesTheTraitAndItsCue() {
        let endpoint = Router.route(task: task("Add CSV export endpoint for reports"), available: all)
        #expect(endpoint.reason == "well-scoped code (endpoint) — codex's strength")
        let refactor = Router.route(task: task("Refactor the scheduler", .refactor), available: all)
        #expect(refactor.reason == "deep refactor — claude's strength")
        let migrate = Router.route(task: task("Migrate the store to SQLite", .refactor), available: all)
        #expect(migrate.reason == "deep refactor (migrate) — claude's strength")
        let typo = Router.route(task: task("Fix typo in the help text"), available: all)
        #expect(typo.reason == "small focused code (typo) — aider's strength")
        let survey = Router.route(task: task("Survey the logging calls", .research), available: all)
        #expect(survey.reason == "large-context research (survey) — gemini's strength")
    }

    @Test func fallbackReasonSaysBestAvailable() {
        let choice = Router.route(
            task: task("Refactor the scheduler", .refactor), available: installed(except: ["claude"])
        )
        #expect(choice.agent == "opencode")
        #expect(choice.reason == "deep refactor — best available: opencode does refactor")
    }

    @Test func humanOnlyWhenNothingElse() {
        // human is in the list but a real agent is always preferred, whatever the fit.
        let choice = Router.route(
            task: task("Write the release notes", .docs),
            available: [BuiltinProfiles.human, BuiltinProfiles.aider])
        #expect(choice.agent == "aider")
        #expect(choice.runnerUp == "human")
        #expect(choice.ranking.last?.agent == "human")
        let none = Router.route(task: task("Refactor the scheduler", .refactor), available: [])
        #expect(none.agent == "human")
        #expect(none.reason == "deep refactor — no agent available; you do it in the worktree")
    }

    @Test func cheapPreferenceMovesToCheaperAgents() {
        let docs = task("Write the README quickstart section", .docs)
        #expect(Router.route(task: docs, available: all).agent == "claude")
        let cheapDocs = Router.route(task: docs, available: all, preference: .cheap)
        #expect(cheapDocs.agent == "gemini")
        #expect(cheapDocs.reason.contains("cost 1/3 (prefer cheap)"))

        let feature = task("Implement the signup form with validation")
        #expect(Router.route(task: feature, available: all).agent == "claude")
        #expect(Router.route(task: feature, available: all, preference: .cheap).agent == "aider")
    }

    @Test func cheapDoesNotOverrideAStrongFit() {
        // A deep refactor stays with claude even when cheap is preferred.
        let deep = task("Refactor the session store into actors", .refactor)
        #expect(Router.route(task: deep, available: all, preference: .cheap).agent == "claude")
    }

    @Test func fastPreferenceMovesToFasterAgents() {
        let feature = task("Implement the signup form with validation")
        let fast = Router.route(task: feature, available: all, preference: .fast)
        #expect(fast.agent == "codex")
        #expect(fast.reason.contains("speed 3/3 (prefer fast)"))
        let deep = task("Debug the deadlock in the download queue")
        #expect(Router.route(task: deep, available: all, preference: .fast).agent == "claude")
    }

    @Test func busyAgentIsPassedOver() {
        let deep = task("Refactor the session store into actors", .refactor)
        let below = Router.route(task: deep, available: all, load: ["claude": 2])
        #expect(below.agent == "claude")
        let full = Router.route(task: deep, available: all, load: ["claude": 3])
        #expect(full.agent == "opencode")
        #expect(full.reason.contains("claude is busy (3/3 runs)"))
        #expect(full.ranking.first { $0.agent == "claude" }?.why.contains("busy") == true)
    }

    @Test func everyAgentBusyKeepsTheStrongest() {
        let deep = task("Refactor the session store into actors", .refactor)
        let load = Dictionary(uniqueKeysWithValues: all.map { ($0.name, 9) })
        let choice = Router.route(task: deep, available: all, load: load)
        #expect(choice.agent == "claude")
        #expect(!choice.reason.contains("busy"))
    }

    @Test func tiesBreakByProfileOrder() {
        // Same profile under two names: the first listed wins, every time.
        var twin = BuiltinProfiles.codex
        twin.name = "codex-b"
        let t = task("Add CRUD endpoints for invoices")
        #expect(Router.route(task: t, available: [BuiltinProfiles.codex, twin]).agent == "codex")
        #expect(Router.route(task: t, available: [twin, BuiltinProfiles.codex]).agent == "codex-b")
    }

    @Test(arguments: routingTable)
    func deterministic(_ row: RoutingRow) {
        let first = Router.route(task: row.task, available: installed())
        for _ in 0..<5 {
            #expect(Router.route(task: row.task, available: installed()) == first)
        }
        // Independent of the order of the available list apart from ties.
        let reversed = Router.route(task: row.task, available: installed().reversed())
        #expect(reversed.agent == first.agent || reversed.ranking[0].score == reversed.ranking[1].score)
    }

    @Test func configuredAgentCanWin() throws {
        let mine = AgentProfile(
            name: "mine", protocol: .command, command: ["mine", "{prompt}"], strengths: [.tests],
            traits: [.wellScoped], costTier: .one, speedTier: .three, maxParallel: 1
        )
        let t = task("Write unit tests for the parser", .tests)
        #expect(Router.route(task: t, available: all + [mine]).agent == "codex")
        #expect(Router.route(task: t, available: all + [mine], preference: .cheap).agent == "mine")
    }
}

@Suite struct TraitReaderTests {
    @Test func readsTraitsFromWords() {
        func traits(_ title: String, _ detail: String = "", scope: [String] = []) -> Set<TaskTrait> {
            TraitReader.traits(of: PlanTask(id: "T1", title: title, detail: detail, scope: scope))
        }
        #expect(traits("Refactoring the parser") == [.depth])
        #expect(traits("Make the cache thread-safe") == [.depth])
        #expect(traits("Update imports across the project") == [.breadth])
        #expect(traits("Update imports", scope: ["a/", "b/", "c/"]) == [.breadth])
        #expect(traits("Update imports", scope: ["a/", "b/"]) == [])
        #expect(traits("Boilerplate for models") == [.wellScoped])
        #expect(traits("Write tests", "Tests for the Parser interface") == [.wellScoped])
        #expect(traits("Fix a one-line bug") == [.smallEdit])
        #expect(traits("Summarise the incident reports") == [.largeContext])
        #expect(traits("Implement login") == [])
    }

    @Test func aScopeTheMapSizesAsLargeIsBroad() {
        let task = PlanTask(id: "T1", title: "Add CSV export to the reports page", scope: ["Sources/Reports/"])
        let sizes: [String: Int] = ["Sources/Reports/": 240, "Sources/Small/": 4]
        let reading = TraitReader.read(task, scopeFiles: { sizes[$0] })
        #expect(reading.traits == [.breadth])
        #expect(reading.evidence[.breadth] == "Sources/Reports/ holds 240 files")
        // A small folder, or no map at all, says nothing.
        var small = task
        small.scope = ["Sources/Small/"]
        #expect(TraitReader.read(small, scopeFiles: { sizes[$0] }).traits.isEmpty)
        #expect(TraitReader.read(task).traits.isEmpty)
        // The router gives the reason in the user's words.
        let choice = Router.route(task: task, available: BuiltinProfiles.all, scopeFiles: { sizes[$0] })
        let plain = Router.route(task: task, available: BuiltinProfiles.all)
        #expect(choice.reason.contains("broad code (Sources/Reports/ holds 240 files)"), "\(choice.reason)")
        #expect(!plain.reason.contains("broad"))
    }

    @Test func matchesWholeWordsOnly() {
        // Stems match at the start of a word only: "undebuggable" is not "debug*".
        let reading = TraitReader.read(PlanTask(id: "T1", title: "Undebuggable, insecure setup"))
        #expect(reading.traits.isEmpty)
        let evidence = TraitReader.read(PlanTask(id: "T1", title: "Redesigned settings screen"))
        #expect(evidence.evidence[.depth] == "redesigned")
    }
}
