import Testing

@testable import BatonCore

/// One realistic task and the agent expected under the default profiles.
struct RoutingRow: CustomTestStringConvertible, Sendable {
    var title: String
    var detail = ""
    var kind: TaskKind
    var scope: [String] = []
    /// Expected with every agent installed.
    var all: String
    /// Expected without claude.
    var noClaude: String
    /// Expected without codex.
    var noCodex: String

    var task: PlanTask { PlanTask(id: "T1", title: title, detail: detail, kind: kind, scope: scope) }
    var testDescription: String { title }
}

let routingTable: [RoutingRow] = [
    // Deep reasoning: claude; without it the general coder (opencode) or codex.
    RoutingRow(
        title: "Refactor the session store into an actor-based design", kind: .refactor,
        all: "claude", noClaude: "opencode", noCodex: "claude"),
    RoutingRow(
        title: "Migrate persistence from Core Data to SQLite",
        detail: "Keep the repository protocol; move every query.", kind: .refactor,
        scope: ["Sources/Persistence/"], all: "claude", noClaude: "opencode", noCodex: "claude"),
    RoutingRow(
        title: "Debug the intermittent deadlock in the download queue", kind: .code,
        all: "claude", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Design the plugin architecture for exporters", kind: .code,
        all: "claude", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Fix the data race in the image cache", kind: .code,
        scope: ["Sources/Images/ImageCache.swift"], all: "claude", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Security review of the auth token handling", kind: .research,
        all: "claude", noClaude: "gemini", noCodex: "claude"),
    RoutingRow(
        title: "Untangle the dependency cycle between Core and UI", kind: .refactor,
        all: "claude", noClaude: "opencode", noCodex: "claude"),
    RoutingRow(
        title: "Optimize search query performance on large datasets", kind: .code,
        all: "claude", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Find why checkout totals are off by one cent",
        detail: "Find the root cause and fix the rounding.", kind: .code,
        all: "claude", noClaude: "codex", noCodex: "claude"),
    // Deep and broad: claude; without it gemini's large context covers the breadth.
    RoutingRow(
        title: "Rework plugin loading across all modules", kind: .refactor,
        all: "claude", noClaude: "gemini", noCodex: "claude"),
    RoutingRow(
        title: "Make the event pipeline thread-safe", kind: .code,
        scope: ["Sources/Events/", "Sources/Runtime/", "Sources/Store/"],
        all: "claude", noClaude: "gemini", noCodex: "claude"),
    // Plain feature work with no special trait: the strongest coder.
    RoutingRow(
        title: "Implement the signup form with validation", kind: .code,
        scope: ["Sources/Onboarding/Signup"], all: "claude", noClaude: "codex", noCodex: "claude"),
    // Well-scoped: codex; without it claude (code) or opencode (tests).
    RoutingRow(
        title: "Add CRUD endpoints for the Invoice resource", kind: .code,
        scope: ["Sources/API/Invoices/"], all: "codex", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Write unit tests for the TokenStore interface", kind: .tests,
        all: "codex", noClaude: "codex", noCodex: "opencode"),
    RoutingRow(
        title: "Tests for signup/verification", kind: .tests,
        all: "codex", noClaude: "codex", noCodex: "opencode"),
    RoutingRow(
        title: "Implement the rate limiter per the spec in docs/rate-limit.md", kind: .code,
        all: "codex", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Add CSV export endpoint for reports", kind: .code,
        scope: ["Sources/Reports/"], all: "codex", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Generate Codable boilerplate for the API response models", kind: .code,
        all: "codex", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Add a --json CLI flag to the status command", kind: .code,
        all: "codex", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Add pagination to the orders list endpoint", kind: .code,
        all: "codex", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Add a column email_verified to users, with a migration", kind: .code,
        all: "codex", noClaude: "codex", noCodex: "claude"),
    RoutingRow(
        title: "Stub out the PaymentGateway protocol for tests", kind: .tests,
        all: "codex", noClaude: "codex", noCodex: "opencode"),
    // A mechanical change across many files stays well-scoped (breadth does not need claude).
    RoutingRow(
        title: "Rename UserManager to AccountService across the app", kind: .refactor,
        scope: ["Sources/App/", "Sources/Core/", "Tests/AppTests/"],
        all: "codex", noClaude: "codex", noCodex: "claude"),
    // Small focused edits: aider.
    RoutingRow(
        title: "Fix typo in the signup error message", kind: .code,
        all: "aider", noClaude: "aider", noCodex: "aider"),
    RoutingRow(
        title: "Bump swift-nio to 2.65", kind: .ops,
        all: "aider", noClaude: "aider", noCodex: "aider"),
    RoutingRow(
        title: "Change the default page size constant from 20 to 50", kind: .code,
        all: "aider", noClaude: "aider", noCodex: "aider"),
    RoutingRow(
        title: "Fix lint warnings in the Networking module", kind: .code,
        all: "aider", noClaude: "aider", noCodex: "aider"),
    // Reading a lot: gemini.
    RoutingRow(
        title: "Summarize last week's crash logs and group them by cause", kind: .research,
        all: "gemini", noClaude: "gemini", noCodex: "gemini"),
    RoutingRow(
        title: "Survey how errors are handled across the codebase", kind: .research,
        all: "gemini", noClaude: "gemini", noCodex: "gemini"),
    RoutingRow(
        title: "Audit third-party licenses of all dependencies", kind: .research,
        all: "gemini", noClaude: "gemini", noCodex: "gemini"),
    RoutingRow(
        title: "Compare three charting libraries and recommend one", kind: .research,
        all: "gemini", noClaude: "gemini", noCodex: "gemini"),
    // Docs: claude writes best; gemini without it.
    RoutingRow(
        title: "Document CSV export in README", kind: .docs, scope: ["README.md"],
        all: "claude", noClaude: "gemini", noCodex: "claude"),
    RoutingRow(
        title: "Write docstrings for the public API of BatonCore", kind: .docs,
        all: "claude", noClaude: "gemini", noCodex: "claude"),
    RoutingRow(
        title: "Write an ADR on choosing event sourcing", kind: .docs,
        all: "claude", noClaude: "gemini", noCodex: "claude"),
    // Ops: the general agent.
    RoutingRow(
        title: "Set up a GitHub Actions workflow that runs swift test", kind: .ops,
        all: "opencode", noClaude: "opencode", noCodex: "opencode"),
    RoutingRow(
        title: "Write a Dockerfile for the API server", kind: .ops,
        all: "opencode", noClaude: "opencode", noCodex: "opencode"),
]

func installed(except missing: Set<String> = []) -> [AgentProfile] {
    BuiltinProfiles.all.filter { !missing.contains($0.name) }
}

@Suite struct RouterTableTests {
    @Test func tableIsLargeEnough() {
        #expect(routingTable.count >= 30)
        // Every non-human built-in wins somewhere with all agents installed.
        let winners = Set(routingTable.map(\.all))
        #expect(winners == ["claude", "codex", "gemini", "aider", "opencode"])
    }

    @Test(arguments: routingTable)
    func allInstalled(_ row: RoutingRow) {
        let choice = Router.route(task: row.task, available: installed())
        #expect(choice.agent == row.all, "\(choice.reason) · \(choice.ranking)")
    }

    @Test(arguments: routingTable)
    func claudeMissing(_ row: RoutingRow) {
        let choice = Router.route(task: row.task, available: installed(except: ["claude"]))
        #expect(choice.agent == row.noClaude, "\(choice.reason) · \(choice.ranking)")
    }

    @Test(arguments: routingTable)
    func codexMissing(_ row: RoutingRow) {
        let choice = Router.route(task: row.task, available: installed(except: ["codex"]))
        #expect(choice.agent == row.noCodex, "\(choice.reason) · \(choice.ranking)")
    }

    @Test(arguments: routingTable)
    func onlyGemini(_ row: RoutingRow) {
        let choice = Router.route(task: row.task, available: [BuiltinProfiles.gemini, BuiltinProfiles.human])
        #expect(choice.agent == "gemini")
        #expect(choice.runnerUp == "human")
    }

    @Test(arguments: routingTable)
    func noneInstalledFallsBackToHuman(_ row: RoutingRow) {
        let choice = Router.route(task: row.task, available: [BuiltinProfiles.human])
        #expect(choice.agent == "human")
        #expect(choice.reason.contains("no agent available"))
        #expect(choice.runnerUp == nil)
        // Even an empty list (human not passed) routes to human.
        #expect(Router.route(task: row.task, available: []).agent == "human")
    }

    @Test(arguments: routingTable)
    func reasonIsOneLineNamingTheChoice(_ row: RoutingRow) {
        let choice = Router.route(task: row.task, available: installed())
        #expect(!choice.reason.contains("\n"))
        #expect(choice.reason.contains(choice.agent))
        #expect(choice.ranking.first?.agent == choice.agent)
        #expect(choice.runnerUp == choice.ranking[1].agent)
        // The reason names the task's trait when it has one ("deep", "well-scoped", ...).
        let traits = Router.scoredTraits(TraitReader.read(row.task))
        if !traits.isEmpty {
            #expect(traits.contains { choice.reason.contains($0.adjective) }, "\(choice.reason)")
        }
    }
}
