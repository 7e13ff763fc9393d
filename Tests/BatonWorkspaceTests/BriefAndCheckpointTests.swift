import BatonCore
import Foundation
import Testing

@testable import BatonWorkspace

@Suite struct BriefAndCheckpointTests {
    @Test func briefIsWrittenPrivatelyAndNeverCommitted() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        let brief = try await workspace.writeBrief("# Brief\nDo T1.\n", in: task.path)
        #expect(brief == task.path + "/CONTEXT.md")
        #expect(repo.read("CONTEXT.md", in: task.path) == "# Brief\nDo T1.\n")
        let mode = try FileManager.default.attributesOfItem(atPath: brief)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        try repo.write("Sources/App.swift", "print(1)\n", in: task.path)
        // An agent staging everything does not get the brief committed either.
        try await repo.git("add", "-A", in: task.path)
        let commit = try #require(try await workspace.commitCheckpoint(in: task.path, message: "baton: T1 checkpoint 1"))
        let committed = try await repo.git("show", "--name-only", "--format=", commit)
        #expect(committed == "Sources/App.swift")
        #expect(try await repo.git("ls-tree", "-r", "--name-only", task.branch).contains("CONTEXT.md") == false)
        // The brief stays on disk for the agent.
        #expect(FileManager.default.fileExists(atPath: brief))

        // Rewriting it keeps it private and still uncommitted.
        try await workspace.writeBrief("# Brief v2\n", in: task.path)
        #expect(try await workspace.commitCheckpoint(in: task.path, message: "again") == nil)
    }

    @Test func aTrackedContextFileIsNeverClobbered() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        try await repo.commitFile("CONTEXT.md", "The user's own context.\n", message: "user context")
        let workspace = try await repo.workspace()
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        let brief = try await workspace.writeBrief("# Brief\n", in: task.path)
        #expect(brief == task.path + "/.baton/CONTEXT.md")
        #expect(repo.read("CONTEXT.md", in: task.path) == "The user's own context.\n")
        #expect(try await workspace.commitCheckpoint(in: task.path, message: "nothing") == nil)

        // The user's CONTEXT.md is an ordinary file: an agent's edit to it is committed.
        try repo.write("CONTEXT.md", "Edited by the agent.\n", in: task.path)
        let commit = try #require(try await workspace.commitCheckpoint(in: task.path, message: "edit"))
        #expect(try await repo.git("show", "--name-only", "--format=", commit) == "CONTEXT.md")
        #expect(try await repo.git("ls-tree", "-r", "--name-only", commit).contains(".baton") == false)
    }

    @Test func aNewWorktreeTellsWhereTheBriefGoesWithoutGitUnlessItHasAContextFile() async throws {
        for tracked in [false, true] {
            let repo = try await TestRepo.make()
            defer { repo.remove() }
            if tracked { try await repo.commitFile("CONTEXT.md", "The user's own context.\n", message: "user context") }
            let git = ForwardingGit(repo.client)
            let workspace = Workspace(root: repo.path, git: git)
            let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
            #expect(task.isNew)
            let asked = git.arguments.count
            let path = try await workspace.briefPath(in: task.path, isNew: true)
            #expect(path == task.path + (tracked ? "/.baton/CONTEXT.md" : "/CONTEXT.md"))
            // Only a CONTEXT.md in the checkout makes Baton ask git whether it is tracked.
            #expect(git.arguments.count == asked + (tracked ? 1 : 0))
            // Found again (a resumed session): not new, and git is asked.
            let again = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
            #expect(!again.isNew)
        }
    }

    @Test func theStatReadWhileCommittingIsTheCommittedBranchs() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        try await workspace.writeBrief("# Brief\n", in: task.path)
        try repo.write("a.txt", "a\nb\n", in: task.path)
        // The agent staged everything, its brief too: neither the commit nor the stat has it.
        try await repo.git("add", "-A", in: task.path)
        let first = try await workspace.commitCheckpoint(in: task.path, message: "cp 1", scope: nil, statSince: task.baseCommit)
        #expect(first.commit != nil)
        #expect(first.stat == DiffStat(added: 2, removed: 0, files: ["a.txt"]))
        #expect(try await workspace.diffStat(in: task.path, from: task.baseCommit) == first.stat)

        // Nothing new: no commit, and the stat is still the branch's.
        let second = try await workspace.commitCheckpoint(in: task.path, message: "cp 2", scope: nil, statSince: task.baseCommit)
        #expect(second.commit == nil)
        #expect(second.stat == first.stat)
    }

    @Test func checkpointReturnsNilWhenClean() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        #expect(try await workspace.commitCheckpoint(in: task.path, message: "empty") == nil)
        try repo.write(".baton/scratch.txt", "ignored\n", in: task.path)
        #expect(try await workspace.commitCheckpoint(in: task.path, message: "empty") == nil)
        #expect(try await repo.git("rev-parse", "HEAD", in: task.path) == task.baseCommit)
    }

    @Test func batonFolderIsNotCommittedEvenWhenTheExcludeWasRemoved() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        try "".write(toFile: repo.path + "/.git/info/exclude", atomically: true, encoding: .utf8)
        try repo.write(".baton/scratch.txt", "private\n", in: task.path)
        #expect(try await workspace.commitCheckpoint(in: task.path, message: "empty") == nil)
        try repo.write("a.txt", "a\n", in: task.path)
        let commit = try #require(try await workspace.commitCheckpoint(in: task.path, message: "cp"))
        #expect(try await repo.git("show", "--name-only", "--format=", commit) == "a.txt")
    }

    @Test func checkpointCommitsDeletionsAndUsesTheRepositoryIdentity() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        try FileManager.default.removeItem(atPath: task.path + "/README.md")
        let commit = try #require(try await workspace.commitCheckpoint(in: task.path, message: "baton: T1 checkpoint 1"))
        #expect(
            try await repo.git("show", "--name-status", "--format=%an <%ae>|%s", commit)
                == "Test User <test@example.com>|baton: T1 checkpoint 1\n\nD\tREADME.md")
    }

    @Test func checkpointUsesBatonIdentityWhenNoneIsConfigured() async throws {
        // No global or system config, no local identity.
        let isolated = CommandLineGit(environment: ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"])
        let repo = try await TestRepo.make(initialCommit: false, identity: false, client: isolated)
        defer { repo.remove() }
        try repo.write("README.md", "x\n")
        try await repo.git("add", "README.md")
        try await repo.git("-c", "user.name=Seed", "-c", "user.email=seed@example.com", "commit", "-q", "-m", "init")
        let workspace = try await repo.workspace()
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        try repo.write("a.txt", "a\n", in: task.path)
        let commit = try #require(try await workspace.commitCheckpoint(in: task.path, message: "cp"))
        #expect(try await repo.git("log", "-1", "--format=%an <%ae>", commit) == "Baton <baton@localhost>")
    }

    @Test func commitOptionsAddOnlyWhatIsMissingAndAskGitOnce() async throws {
        let fake = RecordingGit { arguments in
            arguments.first == "config" ? GitResult(exitCode: 0, stdout: "user.email me@example.com\n") : GitResult(exitCode: 1)
        }
        let workspace = Workspace(root: "/r", git: fake)
        let options = try await workspace.commitOptions(in: "/r/w")
        #expect(options == ["-c", "commit.gpgsign=false", "-c", "maintenance.auto=false", "-c", "user.name=Baton"])
        #expect(try await workspace.commitOptions(in: "/r/v") == options)
        #expect(fake.calls == [.init(arguments: ["config", "--get-regexp", RepositorySettings.query], directory: "/r/w")])
    }
}

/// A fake ``GitClient`` that records every call and answers from a closure.
final class RecordingGit: GitClient, @unchecked Sendable {
    struct Call: Equatable {
        var arguments: [String]
        var directory: String
    }
    private let lock = NSLock()
    private var recorded: [Call] = []
    private let answer: @Sendable ([String]) -> GitResult

    init(answer: @escaping @Sendable ([String]) -> GitResult) { self.answer = answer }

    var calls: [Call] { lock.withLock { recorded } }

    func run(_ arguments: [String], in directory: String) async throws -> GitResult {
        lock.withLock { recorded.append(Call(arguments: arguments, directory: directory)) }
        return answer(arguments)
    }
}
