import Testing

@testable import BatonCore

/// A mission and the plan a person would expect from the built-in planner.
struct MissionCase: CustomTestStringConvertible, Sendable {
    var mission: String
    var titles: [String]
    var kinds: [TaskKind]
    var deps: [[String]]
    var scope: [[String]]? = nil
    var acceptance: [[String]]? = nil
    var testDescription: String { String(mission.prefix(50)) }
}

@Suite struct OfflinePlannerTests {
    static let cases: [MissionCase] = [
        MissionCase(
            mission: "Build the onboarding flow: signup form, email verification, welcome tour; tests; README",
            titles: ["Signup form", "Email verification", "Welcome tour", "Write tests for the onboarding flow", "Update README"],
            kinds: [.code, .code, .code, .tests, .docs],
            deps: [[], [], [], ["T1", "T2", "T3"], ["T1", "T2", "T3", "T4"]],
            scope: [[], [], [], [], ["README.md"]]),
        MissionCase(
            mission: "Add CSV export to the reports page, then write tests for it; update the README",
            titles: ["Add CSV export to the reports page", "Write tests for the CSV export", "Update the README"],
            kinds: [.code, .tests, .docs], deps: [[], ["T1"], ["T1", "T2"]]),
        MissionCase(
            mission: "Fix the crash when the cart is empty",
            titles: ["Fix the crash when the cart is empty"], kinds: [.code], deps: [[]]),
        MissionCase(
            mission: "Please add a dark mode toggle to the settings screen.",
            titles: ["Add a dark mode toggle to the settings screen"], kinds: [.code], deps: [[]]),
        MissionCase(
            mission: "1. Add rate limiting to Sources/API/\n2. Add tests for the rate limiter\n3. Document it in README.md",
            titles: ["Add rate limiting to Sources/API/", "Add tests for the rate limiter", "Document it in README.md"],
            kinds: [.code, .tests, .docs], deps: [[], ["T1"], ["T1", "T2"]],
            scope: [["Sources/API/"], [], ["README.md"]]),
        MissionCase(
            mission: "We need to migrate the user table to the new schema, then update the ORM models, and finally write release notes.",
            titles: ["Migrate the user table to the new schema", "Update the ORM models", "Write release notes"],
            kinds: [.code, .code, .docs], deps: [[], ["T1"], ["T1", "T2"]]),
        MissionCase(
            mission: "Refactor the payment module so that it no longer depends on the legacy gateway. Add tests. Update the changelog.",
            titles: ["Refactor the payment module", "Add tests for the payment module", "Update the changelog"],
            kinds: [.refactor, .tests, .docs], deps: [[], ["T1"], ["T1", "T2"]],
            scope: [[], [], ["CHANGELOG.md"]],
            acceptance: [["It no longer depends on the legacy gateway"], [], []]),
        MissionCase(
            mission: "Investigate why the build is slow on CI and compare caching strategies",
            titles: ["Investigate why the build is slow on CI", "Compare caching strategies"],
            kinds: [.research, .research], deps: [[], []]),
        MissionCase(
            mission: "Set up a GitHub Actions pipeline that runs swift test, then deploy the docs site",
            titles: ["Set up a GitHub Actions pipeline that runs swift test", "Deploy the docs site"],
            kinds: [.ops, .ops], deps: [[], ["T1"]], scope: [[".github/workflows/"], []]),
        MissionCase(
            mission: "Add a logout button, add a session timeout, and write tests for both",
            titles: ["Add a logout button", "Add a session timeout", "Write tests for logout button and session timeout"],
            kinds: [.code, .code, .tests], deps: [[], [], ["T1", "T2"]]),
        MissionCase(
            mission: "I want you to rename UserManager to AccountStore and clean up the dead code in Sources/Legacy/",
            titles: ["Rename UserManager to AccountStore", "Clean up the dead code in Sources/Legacy/"],
            kinds: [.refactor, .refactor], deps: [[], []], scope: [[], ["Sources/Legacy/"]]),
        MissionCase(
            mission: "Add pagination to the /users endpoint. It must keep the existing response shape. Then add tests.",
            titles: ["Add pagination to the /users endpoint", "Add tests for the pagination"],
            kinds: [.code, .tests], deps: [[], ["T1"]],
            acceptance: [["It must keep the existing response shape"], []]),
        MissionCase(
            mission: "- extract the parser into its own module\n- add unit tests for the parser\n- update docs",
            titles: ["Extract the parser into its own module", "Add unit tests for the parser", "Update docs"],
            kinds: [.refactor, .tests, .docs], deps: [[], ["T1"], ["T1", "T2"]]),
        MissionCase(
            mission: "Implement OAuth login with Google; after that add GitHub login; finally update the README and changelog",
            titles: ["Implement OAuth login with Google", "Add GitHub login", "Update the README and changelog"],
            kinds: [.code, .code, .docs], deps: [[], ["T1"], ["T1", "T2"]],
            scope: [[], [], ["README.md", "CHANGELOG.md"]]),
        MissionCase(
            mission: "Add a Dockerfile for the server and also add a docker-compose.yml for local development",
            titles: ["Add a Dockerfile for the server", "Add a docker-compose.yml for local development"],
            kinds: [.ops, .ops], deps: [[], []], scope: [["Dockerfile"], ["docker-compose.yml"]]),
        MissionCase(
            mission: "Write tests for the date formatter",
            titles: ["Write tests for the date formatter"], kinds: [.tests], deps: [[]]),
        MissionCase(
            mission: "Improve error messages in the CLI, e.g. when the config file is missing, and document the exit codes",
            titles: ["Improve error messages in the CLI, e.g. when the config file is missing", "Document the exit codes"],
            // Issue 17: no dependency without a reason — the exit codes are not the error messages.
            kinds: [.code, .docs], deps: [[], []]),
        MissionCase(
            mission: "Update the README with the new flags and add a --verbose flag to the CLI",
            titles: ["Add a --verbose flag to the CLI", "Update the README with the new flags"],
            kinds: [.code, .docs], deps: [[], ["T1"]], scope: [[], ["README.md"]]),
        MissionCase(
            mission:
                "Also, please make the upload endpoint in Sources/Upload/Handler.swift accept files up to 50 MB so that large photos work",
            titles: ["Make the upload endpoint in Sources/Upload/Handler.swift accept files…"],
            kinds: [.code], deps: [[]], scope: [["Sources/Upload/Handler.swift"]],
            acceptance: [["Large photos work"]]),
    ]

    @Test(arguments: cases)
    func missionBecomesTheExpectedPlan(_ c: MissionCase) {
        let tasks = OfflinePlanner.plan(mission: c.mission)
        #expect(tasks.map(\.title) == c.titles)
        #expect(tasks.map(\.kind) == c.kinds)
        #expect(tasks.map(\.deps) == c.deps)
        #expect(tasks.map(\.id) == (0..<c.titles.count).map { "T\($0 + 1)" })
        if let scope = c.scope { #expect(tasks.map(\.scope) == scope) }
        if let acceptance = c.acceptance { #expect(tasks.map(\.acceptance) == acceptance) }
        #expect(PlanValidator.validate(Plan(version: 1, tasks: tasks)).isEmpty)
    }

    @Test func emptyMissionGivesNoTasks() {
        #expect(OfflinePlanner.plan(mission: "").isEmpty)
        #expect(OfflinePlanner.plan(mission: "   \n  ").isEmpty)
    }

    @Test func longClauseIsShortenedAtAWord() throws {
        let mission =
            "Rewrite the report generator so it streams rows from the database cursor instead of loading every row into memory before formatting anything"
        let tasks = OfflinePlanner.plan(mission: mission)
        let task = try #require(tasks.first)
        #expect(tasks.count == 1)
        #expect(task.title.count <= 72)
        #expect(task.title.hasSuffix("…"))
        #expect(task.detail.contains("before formatting anything"))
    }

    @Test func plansFromOddInputStayValid() {
        let odd = [
            "then then then", "; ; ;", "1. \n2. ", "finally", "Add /etc/passwd handling and ../escape things",
            "add x, add y, add z, add w, and then test everything, finally docs", "Tests\ttab\u{7}bell", "🚀 ship it 🚀",
            "please", "README", "- a\n- b\n- c", "Fix ~/config loading; update C:\\path docs",
        ]
        for mission in odd {
            let tasks = OfflinePlanner.plan(mission: mission)
            #expect(PlanValidator.validate(Plan(tasks: tasks)).isEmpty, "\(mission)")
            #expect(tasks.allSatisfy { $0.title.count <= 72 && !$0.title.isEmpty })
        }
    }
}
