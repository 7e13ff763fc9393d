import Foundation
import Testing

@testable import BatonWorkspace

@Suite struct DecisionsAndSummaryTests {
    @Test func appendDecisionCommitsOnlyDecisionsFile() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let integration = try await workspace.prepareIntegration(session: "s1", from: "main")
        #expect(try await workspace.readDecisions(in: integration) == "")
        try repo.write("unrelated.txt", "left alone\n", in: integration.path)

        let first = try await workspace.appendDecision("## D1 Opaque tokens or JWT?\nopaque tokens, 24h expiry", in: integration)
        let second = try await workspace.appendDecision("## D2 Where do tours live?\nSources/Tour", in: integration)
        #expect(try await repo.git("rev-parse", "HEAD", in: integration.path) == second)
        #expect(try await repo.git("log", "-1", "--format=%s", first) == "baton: record decision D1 Opaque tokens or JWT?")
        #expect(try await repo.git("show", "--name-only", "--format=", second) == "DECISIONS.md")
        let text = try await workspace.readDecisions(in: integration)
        #expect(
            text == "# Decisions\n\n## D1 Opaque tokens or JWT?\nopaque tokens, 24h expiry\n\n## D2 Where do tours live?\nSources/Tour\n")
        #expect(try await repo.git("show", "\(integration.branch):DECISIONS.md") + "\n" == text)
        // The unrelated file was not committed.
        #expect(try await repo.git("status", "--porcelain", in: integration.path) == "?? unrelated.txt")
    }

    /// A crash between writing (or staging) DECISIONS.md and committing it: the next write
    /// commits what the file holds first, and a merge into the integration worktree works.
    @Test func decisionsLeftUncommittedByACrashAreCommittedBeforeTheNextWrite() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let integration = try await workspace.prepareIntegration(session: "s1", from: "main")
        try repo.write("DECISIONS.md", "# Decisions\n\n## D1 · CSV or TSV?\nCSV\n", in: integration.path)
        try await repo.git("add", "DECISIONS.md", in: integration.path)
        try await repo.git("checkout", "-q", "-b", "baton/s1/T2", "main")
        try repo.write("part2.txt", "2\n")
        try await repo.git("add", "part2.txt")
        try await repo.git("commit", "-q", "-m", "T2 work")

        #expect(try await workspace.commitInterruptedDecisions(in: integration))
        #expect(try await repo.git("status", "--porcelain", in: integration.path) == "")
        #expect(try await repo.git("show", "\(integration.branch):DECISIONS.md").contains("## D1 · CSV or TSV?"))
        #expect(try await !workspace.commitInterruptedDecisions(in: integration), "nothing left to commit")
        _ = try await workspace.merge(branch: "baton/s1/T2", into: integration, message: "baton: merge T2 — work")
        #expect(try await repo.git("show", "\(integration.branch):part2.txt") == "2")
    }

    @Test func repositorySummaryIsCompactAndBounded() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        for index in 0..<5 { try repo.write("Sources/App/File\(index).swift", "// \(index)\n") }
        try repo.write("Tests/AppTests.swift", "// tests\n")
        try repo.write("Package.swift", "// package\n")
        try await repo.git("add", "-A")
        try await repo.git("commit", "-q", "-m", "Add the app")
        let workspace = try await repo.workspace()

        let summary = try await workspace.repositorySummary()
        #expect(summary.contains("Folders: Sources/ 5, (top level) 2, Tests/ 1"))
        #expect(summary.contains("File types: .swift 7, .md 1"))
        #expect(summary.contains("  # Sample"))
        #expect(summary.contains("  - Add the app"))
        #expect(summary.contains("  - Initial commit"))

        for limit in [0, 10, 60, 120] {
            let small = try await workspace.repositorySummary(maxBytes: limit)
            #expect(small.utf8.count <= limit)
        }
        let cut = try await workspace.repositorySummary(maxBytes: 120)
        #expect(cut.hasSuffix("…"))
        #expect(cut.hasPrefix("Repository: "))
    }

    @Test func summaryOfAnEmptyRepository() async throws {
        let repo = try await TestRepo.make(initialCommit: false)
        defer { repo.remove() }
        let summary = try await repo.workspace().repositorySummary()
        #expect(summary.hasPrefix("Repository: "))
        #expect(summary.contains("0 tracked files"))
        #expect(try await repo.workspace().recentCommits(touching: [], limit: 5) == [])
    }

    @Test func stateOfTheArea() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        try await repo.commitFile("Sources/API/Verify.swift", "v\n", message: "Add verify")
        try await repo.commitFile("Sources/API/VerifyStore.swift", "s\n", message: "Add store")
        try await repo.commitFile("Sources/Onboarding/Signup.swift", "s\n", message: "Add signup")
        let workspace = try await repo.workspace()

        let recent = try await workspace.recentCommits(touching: ["Sources/API/Verify*"], limit: 10)
        #expect(recent.map { String($0.split(separator: " ", maxSplits: 1)[1]) } == ["Add store", "Add verify"])
        #expect(try await workspace.recentCommits(touching: ["Sources/API"], limit: 1).count == 1)
        #expect(
            try await workspace.trackedFiles(under: ["Sources/API"], limit: 10) == [
                "Sources/API/Verify.swift", "Sources/API/VerifyStore.swift",
            ])
        #expect(try await workspace.trackedFiles(under: ["Sources"], limit: 2).count == 2)
        #expect(try await workspace.trackedFiles(under: ["Sources/Nothing"], limit: 2) == [])
    }
}
