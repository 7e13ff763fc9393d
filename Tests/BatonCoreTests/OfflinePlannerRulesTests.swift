import Testing

@testable import BatonCore

/// The offline planner's rules (issue 17), one group per rule, with the issue's examples.
@Suite struct OfflinePlannerRulesTests {
    static let reportsRepository = [
        "Package.swift", "Sources/", "Sources/Reports/", "Sources/Reports/Reports.swift",
        "Sources/Reports/CSVExport.swift", "Sources/Auth/", "Sources/Auth/Login.swift", "Tests/", "Tests/ReportsTests/",
    ]

    // MARK: No dependency without a reason

    @Test func independentBulletsStayIndependent() {
        let tasks = OfflinePlanner.plan(
            mission: "- Add a health check endpoint\n- Write tests for the date parser\n- Update the README install section")
        #expect(tasks.map(\.kind) == [.code, .tests, .docs])
        #expect(tasks.map(\.deps) == [[], [], []])
        let code = OfflinePlanner.plan(mission: "- Add CSV export to the reports page\n- Fix the login redirect\n- Add a dark mode toggle")
        #expect(code.map(\.deps) == [[], [], []])
    }

    @Test func aTaskNamingAnothersSubjectWaitsForIt() {
        let tasks = OfflinePlanner.plan(
            mission: "- Add CSV export to the reports page\n- Add a dark mode toggle\n- Write tests for the CSV export")
        #expect(tasks.map(\.deps) == [[], [], ["T1"]])
        let limiter = OfflinePlanner.plan(
            mission: "Add a rate limiter to the API. Add a settings screen. Document the rate limiting options.")
        #expect(limiter.map(\.deps) == [[], [], ["T1"]])
    }

    @Test func orderingWordsMakeDependencies() {
        let once = OfflinePlanner.plan(mission: "Add the orders endpoint. Once the endpoint is done, add the orders page")
        #expect(once.map(\.title) == ["Add the orders endpoint", "Add the orders page"])
        #expect(once.map(\.deps) == [[], ["T1"]])
        let finally = OfflinePlanner.plan(mission: "Add a login page, add a signup page, and finally add analytics")
        #expect(finally.map(\.deps) == [[], [], ["T1", "T2"]])
        let plain = OfflinePlanner.plan(mission: "Add a login page, add a signup page, add analytics")
        #expect(plain.map(\.deps) == [[], [], []])
    }

    // MARK: Kinds from the verb and the object

    @Test func kindsFromVerbAndObject() {
        let cases: [(String, TaskKind)] = [
            ("Add a CSV export endpoint following the existing spec", .code),
            ("Set up CI for the repository", .ops),
            ("Configure the staging server", .ops),
            ("Add a Docker image for the worker", .ops),
            ("Move the date helpers into their own module", .refactor),
            ("Replace print calls with the logger across the codebase", .refactor),
            ("Rename OrderManager to OrderStore", .refactor),
            ("Add coverage for the invoice parser", .tests),
            ("Write tests for the login flow", .tests),
            ("Write the release notes for 2.0", .docs),
            ("Add a changelog entry for the export", .docs),
            ("Fix the typo in the README", .docs),
        ]
        for (mission, kind) in cases {
            #expect(OfflinePlanner.plan(mission: mission).map(\.kind) == [kind], "\(mission)")
        }
    }

    @Test func aCISetUpMissionIsOneOpsTask() {
        let colon = OfflinePlanner.plan(mission: "Set up CI with GitHub Actions: swift build, the lint, and the tests on every push")
        #expect(colon.map(\.kind) == [.ops])
        #expect(colon.count == 1)
        let sentences = OfflinePlanner.plan(
            mission: "Set up a CI pipeline for the repository. Run the lint and the tests on every pull request.")
        #expect(sentences.map(\.kind) == [.ops])
        #expect(sentences.first?.acceptance == ["Run the lint and the tests on every pull request"])
        #expect(!sentences.contains { $0.title.lowercased().contains("lint") && $0.kind == .tests })
    }

    // MARK: Constraints are acceptance criteria

    @Test func aKeepSentenceIsACriterionNotATask() {
        let tasks = OfflinePlanner.plan(mission: "Refactor the payment module. Keep the public API unchanged.")
        #expect(tasks.map(\.title) == ["Refactor the payment module"])
        #expect(tasks.first?.acceptance == ["Keep the public API unchanged"])
    }

    @Test func inlineConstraintsQualifyTheirTask() {
        let keeping = OfflinePlanner.plan(
            mission: "Refactor the payment module, keeping the public API unchanged, and add a refund endpoint")
        #expect(keeping.map(\.title) == ["Refactor the payment module", "Add a refund endpoint"])
        #expect(keeping.map(\.acceptance) == [["Keep the public API unchanged"], []])
        let without = OfflinePlanner.plan(mission: "Rename UserManager to AccountStore without changing the public API")
        #expect(without.map(\.title) == ["Rename UserManager to AccountStore"])
        #expect(without.first?.acceptance == ["Without changing the public API"])
        let dont = OfflinePlanner.plan(mission: "Add pagination to the orders list but don't change the response shape")
        #expect(dont.map(\.title) == ["Add pagination to the orders list"])
        #expect(dont.first?.acceptance == ["Don't change the response shape"])
    }

    @Test func aLeadingConstraintQualifiesWhatFollows() {
        let tasks = OfflinePlanner.plan(
            mission: "Don't touch the database schema. Add pagination to the orders list. Add sorting to the orders list.")
        #expect(tasks.map(\.title) == ["Add pagination to the orders list", "Add sorting to the orders list"])
        #expect(tasks.map(\.acceptance) == [["Don't touch the database schema"], ["Don't touch the database schema"]])
        #expect(OfflinePlanner.plan(mission: "Keep track of failed logins").map(\.title) == ["Keep track of failed logins"])
    }

    // MARK: Parentheses and quotes are never split

    @Test func parenthesesAreNeverSplit() {
        let one = OfflinePlanner.plan(mission: "Fix the three crash reports (#12, #15)")
        #expect(one.map(\.title) == ["Fix the three crash reports (#12, #15)"])
        let list = OfflinePlanner.plan(
            mission: "Fix these: the login bug, the three crash reports (#12, #15), and the typo on the about page")
        #expect(list.count == 3)
        #expect(!list.contains { $0.title.contains("#15)") && !$0.title.contains("(#12") })
        #expect(list.allSatisfy { $0.title.count > 4 })
        let sentences = OfflinePlanner.plan(mission: "Fix the crash (see #12; it happens on launch. Also on resume) and add a retry button")
        #expect(sentences.map(\.title) == ["Fix the crash (see #12; it happens on launch. Also on resume)", "Add a retry button"])
    }

    @Test func quotedTextIsNeverSplit() {
        let tasks = OfflinePlanner.plan(mission: #"Change the greeting to "Hello, then add your name. Welcome" and add a logout button"#)
        #expect(tasks.map(\.title) == [#"Change the greeting to "Hello, then add your name. Welcome""#, "Add a logout button"])
    }

    // MARK: Missions that start with "-"

    @Test func aMissionStartingWithADashIsAList() {
        let tasks = OfflinePlanner.plan(mission: "- a\n- b")
        #expect(tasks.map(\.title) == ["A", "B"])
        #expect(tasks.map(\.deps) == [[], []])
    }

    // MARK: Scopes from the repository map

    @Test func theReportsPageIsSourcesReports() {
        let tasks = OfflinePlanner.plan(mission: "Add CSV export to the reports page", knownPaths: Self.reportsRepository)
        #expect(tasks.map(\.scope) == [["Sources/Reports/"]])
        #expect(OfflinePlanner.plan(mission: "Add CSV export to the reports page").map(\.scope) == [[]])
    }

    /// "crash reports" are not the reports page's code: a noun in front of the matched word
    /// names the folder only when its files confirm the qualifier (issue 17).
    @Test func aQualifyingNounNeedsTheFolderToConfirmIt() {
        func scopes(_ mission: String, _ known: [String] = Self.reportsRepository, confirmed: [String: [String]] = [:]) -> [[String]] {
            OfflinePlanner.plan(mission: mission, knownPaths: known, confirmed: confirmed).map(\.scope)
        }
        #expect(scopes("Fix the crash reports") == [[]])
        #expect(scopes("Fix the three crash reports (#12, #15)") == [[]])
        #expect(scopes("Add CSV export to the reports page") == [["Sources/Reports/"]], "a bare noun still names it")
        #expect(scopes("Speed up the slow reports page") == [["Sources/Reports/"]], "an adjective is no qualifier")
        #expect(scopes("Fix the reports crash") == [["Sources/Reports/"]], "the crash is in the reports")
        // Confirmed by the map: its files mention crashes (git grep), or a path below it does.
        #expect(scopes("Fix the crash reports", confirmed: ["Sources/Reports/": ["crash"]]) == [["Sources/Reports/"]])
        #expect(scopes("Fix the crash reports", ["Sources/Reports/", "Sources/Reports/CrashLog.swift"]) == [["Sources/Reports/"]])
        // Two words run together name their own place.
        #expect(scopes("Fix the crash reports", ["Sources/CrashReports/", "Sources/Reports/"]) == [["Sources/CrashReports/"]])
        // Each clause on its own: the reports page keeps its scope beside crash reports.
        #expect(
            scopes("- Fix the crash reports\n- Add CSV export to the reports page", confirmed: [:]) == [[], ["Sources/Reports/"]])
    }

    @Test func runTogetherWordsNameAFileAndNamedPathsWin() {
        let file = OfflinePlanner.plan(mission: "Speed up the CSV export", knownPaths: ["Sources/", "Sources/Reports/CSVExport.swift"])
        #expect(file.map(\.scope) == [["Sources/Reports/CSVExport.swift"]])
        let named = OfflinePlanner.plan(
            mission: "Fix the reports crash in Sources/Reports/Reports.swift", knownPaths: Self.reportsRepository)
        #expect(named.map(\.scope) == [["Sources/Reports/Reports.swift"]])
    }

    @Test func mapScopesLetPlanTimeConflictsShow() {
        let tasks = OfflinePlanner.plan(
            mission: "- Add CSV export to the reports page\n- Add a PDF export to the reports page\n- Fix the login redirect",
            knownPaths: Self.reportsRepository)
        #expect(tasks.map(\.deps) == [[], [], []])
        #expect(tasks.map(\.scope) == [["Sources/Reports/"], ["Sources/Reports/"], ["Sources/Auth/Login.swift"]])
        let overlaps = PlanGraph(Plan(tasks: tasks)).overlaps()
        #expect(overlaps.map { [$0.first, $0.second] } == [["T1", "T2"]])
    }
}
