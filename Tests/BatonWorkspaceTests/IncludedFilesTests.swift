import BatonCore
import Foundation
import Testing

@testable import BatonWorkspace

/// Gitignored files of the main checkout brought into new task worktrees, never committed.
@Suite struct IncludedFilesTests {
    static func repository() async throws -> TestRepo {
        let repo = try await TestRepo.make()
        try repo.write(".gitignore", ".env\nconfig/local/\n*.log\n")
        try await repo.git("add", ".gitignore")
        try await repo.git("commit", "-q", "-m", "Ignore local files")
        try repo.write(".env", "SECRET=1\n")
        try repo.write("config/local/db.json", "{\"port\": 5432}\n")
        try repo.write("debug.log", "noise\n")
        try repo.write("notes.env", "not ignored\n")  // matches *.env below but git does not ignore it
        return repo
    }

    @Test func ignoredFilesNamedByIncludeAreCopied() async throws {
        let repo = try await Self.repository()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let ws = try await workspace.createTaskWorktree(
            session: "s1", task: "T1", from: "main",
            include: WorktreeInclude(patterns: ["*.env", ".env", "config/local/*"]))
        #expect(repo.read(".env", in: ws.path) == "SECRET=1\n")
        #expect(repo.read("config/local/db.json", in: ws.path) == "{\"port\": 5432}\n")
        #expect(repo.read("notes.env", in: ws.path) == nil)
        #expect(repo.read("debug.log", in: ws.path) == nil)
        #expect(workspace.includedFiles(in: ws.path) == [".env", "config/local/db.json"])
        // A copy: changing it leaves the main checkout alone.
        try repo.write(".env", "CHANGED\n", in: ws.path)
        #expect(repo.read(".env") == "SECRET=1\n")
    }

    @Test func worktreeincludeAndSymlinkMode() async throws {
        let repo = try await Self.repository()
        defer { repo.remove() }
        try repo.write(".worktreeinclude", "# local\n.env\n")
        let workspace = try await repo.workspace()
        let ws = try await workspace.createTaskWorktree(
            session: "s1", task: "T1", from: "main", include: WorktreeInclude(patterns: [], mode: .symlink))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: ws.path + "/.env")
        #expect(link == repo.path + "/.env")
        #expect(repo.read("config/local/db.json", in: ws.path) == nil)
    }

    @Test func includedFilesAreNeverCommittedEvenWhenForcedIn() async throws {
        let repo = try await Self.repository()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let ws = try await workspace.createTaskWorktree(
            session: "s1", task: "T1", from: "main", include: WorktreeInclude(patterns: [".env"]))
        try repo.write("src/app.txt", "app\n", in: ws.path)
        try await repo.git("add", "-f", ".env", in: ws.path)
        let commit = try #require(try await workspace.commitCheckpoint(in: ws.path, message: "checkpoint"))
        let files = try await repo.git("show", "--name-only", "--format=", commit)
        #expect(files == "src/app.txt")
        #expect(try await repo.git("log", "--all", "--format=%h", "--", ".env").isEmpty)
    }

    @Test func nothingToIncludeLeavesNoList() async throws {
        let repo = try await Self.repository()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let ws = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        #expect(repo.read(".env", in: ws.path) == nil)
        #expect(workspace.includedFiles(in: ws.path).isEmpty)
    }
}
