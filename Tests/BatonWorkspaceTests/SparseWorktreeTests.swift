import Foundation
import Testing

@testable import BatonWorkspace

/// `"sparse": true`: a task worktree holds only its scopes and the root's files, and its
/// checkpoints still commit whatever the task made, inside its scope or not.
@Suite struct SparseWorktreeTests {
    @Test func onlyTheScopesAndRootFilesAreCheckedOut() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        for path in ["Package.swift", "Sources/Reports/Reports.swift", "Sources/Auth/Login.swift", "web/package.json", "web/src/app.ts"] {
            try repo.write(path, "// \(path)\n")
        }
        try await repo.git("add", "-A")
        try await repo.git("commit", "-q", "-m", "Project")
        let workspace = try await repo.workspace()
        let ws = try await workspace.createTaskWorktree(
            session: "s1", task: "T1", from: "main", sparse: ["Sources/Reports/", "web/package.json"])
        let present = { (path: String) in FileManager.default.fileExists(atPath: ws.path + "/" + path) }
        #expect(present("Package.swift") && present("README.md"))
        #expect(present("Sources/Reports/Reports.swift") && present("web/package.json"))
        #expect(!present("Sources/Auth/Login.swift") && !present("web/src/app.ts"))
        // The main checkout stays whole.
        #expect(FileManager.default.fileExists(atPath: repo.path + "/Sources/Auth/Login.swift"))
        #expect(try await repo.git("ls-files").contains("Sources/Auth/Login.swift"))
        // A checkpoint takes edits inside the scope and new files outside it, and deletes nothing.
        try repo.write("Sources/Reports/Reports.swift", "// changed\n", in: ws.path)
        try repo.write("Tests/ReportsTests/ReportsTests.swift", "// new\n", in: ws.path)
        let commit = try #require(try await workspace.commitCheckpoint(in: ws.path, message: "checkpoint"))
        let changed = try await repo.git("show", "--name-status", "--format=", commit)
        #expect(
            changed.split(separator: "\n").sorted() == ["A\tTests/ReportsTests/ReportsTests.swift", "M\tSources/Reports/Reports.swift"])
        #expect(try await repo.git("ls-tree", "-r", "--name-only", commit).contains("Sources/Auth/Login.swift"))
    }

    @Test func patternsAreAnchoredAtTheRoot() {
        #expect(
            Workspace.sparsePatterns(["Sources/Reports/", "./web/package.json", "/docs/*.md", ""])
                == ["/*", "!/*/", "/Sources/Reports/", "/web/package.json", "/docs/*.md"])
    }
}
