import Foundation
import Testing

@testable import BatonWorkspace

@Suite struct WorktreeTests {
    @Test func integrationWorktreeIsCreatedOnceAndReused() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let head = try await repo.git("rev-parse", "HEAD")
        let integration = try await workspace.prepareIntegration(session: "s-1a2b", from: head)
        #expect(integration.branch == "baton/s-1a2b/main")
        #expect(integration.path == repo.path + "/.baton/worktrees/s-1a2b/main")
        #expect(try await repo.git("rev-parse", "HEAD", in: integration.path) == head)
        // The user's tree stays clean: .baton/ is excluded.
        #expect(try await repo.git("status", "--porcelain") == "")

        // Resume: same answer, nothing fails, commits on the branch survive.
        let later = try await repo.commitFile("a.txt", "a\n", message: "work", in: integration.path)
        let again = try await workspace.prepareIntegration(session: "s-1a2b", from: head)
        #expect(again == integration)
        #expect(try await repo.git("rev-parse", "HEAD", in: integration.path) == later)
    }

    @Test func twoTaskWorktreesAndADependencyMerge() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let integration = try await workspace.prepareIntegration(session: "s1", from: try await repo.git("rev-parse", "HEAD"))
        let t1 = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: integration.branch)
        let t2 = try await workspace.createTaskWorktree(session: "s1", task: "T2", from: integration.branch)
        #expect(t1.branch == "baton/s1/T1")
        #expect(t1.path == repo.path + "/.baton/worktrees/s1/T1")
        #expect(t1.baseCommit == t2.baseCommit)
        try await repo.commitFile("signup.swift", "signup\n", message: "T1 work", in: t1.path)
        try await repo.commitFile("verify.swift", "verify\n", message: "T2 work", in: t2.path)

        // T3 depends on T1 and T2: both are merged in and its base is after the merges.
        let t3 = try await workspace.createTaskWorktree(
            session: "s1", task: "T3", from: integration.branch, mergingIn: [t1.branch, t2.branch])
        #expect(repo.read("signup.swift", in: t3.path) == "signup\n")
        #expect(repo.read("verify.swift", in: t3.path) == "verify\n")
        #expect(t3.baseCommit == (try await repo.git("rev-parse", "HEAD", in: t3.path)))
        #expect(try await workspace.isAncestor(try await repo.git("rev-parse", t1.branch), of: t3.baseCommit))
        // Base is after the merges: a fresh diff stat is empty.
        #expect(try await workspace.diffStat(in: t3.path, from: t3.baseCommit).files.isEmpty)

        let branches = try await workspace.worktrees().compactMap(\.branch)
        #expect(Set(branches).isSuperset(of: ["main", "baton/s1/main", "baton/s1/T1", "baton/s1/T2", "baton/s1/T3"]))
        #expect(try await repo.git("status", "--porcelain") == "")
    }

    @Test func taskWorktreeIsReusedOnResumeWithTheSameBase() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let integration = try await workspace.prepareIntegration(session: "s1", from: "main")
        let first = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: integration.branch)
        try await repo.commitFile("a.txt", "checkpoint\n", message: "baton: T1 checkpoint 1", in: first.path)
        // Integration moves on; resuming must not rebase or restart the task.
        try await repo.commitFile("b.txt", "b\n", message: "merged elsewhere", in: integration.path)
        let resumed = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: integration.branch)
        #expect(resumed == TaskWorkspace(path: first.path, branch: first.branch, baseCommit: first.baseCommit, isNew: false))
        #expect(repo.read("a.txt", in: first.path) == "checkpoint\n")
    }

    @Test func aWorktreeCheckedOutEarlyIsBroughtUpToTheIntegrationBranchWhenItsTaskStarts() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let integration = try await workspace.prepareIntegration(session: "s1", from: try await repo.git("rev-parse", "HEAD"))
        try await workspace.checkOutTaskWorktreeEarly(session: "s1", task: "T2", from: integration.branch)
        let path = workspace.worktreePath(session: "s1", name: "T2")
        #expect(repo.read("README.md", in: path) != nil)
        #expect(!FileManager.default.fileExists(atPath: path + "/.baton/base-commit"))

        // T1 is merged meanwhile: T2 starts from there.
        let merged = try await repo.commitFile("a.txt", "from T1\n", message: "merge T1", in: integration.path)
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T2", from: integration.branch)
        #expect(task.baseCommit == merged)
        #expect(task.isNew)
        #expect(repo.read("a.txt", in: path) == "from T1\n")
        #expect(try await repo.git("rev-parse", "HEAD", in: path) == merged)

        // Found again with its base (a resumed session): kept as it is.
        try await repo.commitFile("b.txt", "later\n", message: "later", in: integration.path)
        let again = try await workspace.createTaskWorktree(session: "s1", task: "T2", from: integration.branch)
        #expect(again.baseCommit == merged)
        #expect(!again.isNew)
        #expect(repo.read("b.txt", in: path) == nil)
    }

    @Test func taskWorktreeIsRecreatedFromItsBranchAfterTheFolderWasDeleted() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        let work = try await repo.commitFile("a.txt", "a\n", message: "work", in: task.path)
        try FileManager.default.removeItem(atPath: task.path)
        let again = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        #expect(again.path == task.path)
        #expect(try await repo.git("rev-parse", "HEAD", in: again.path) == work)
    }

    @Test func dependencyConflictIsReportedWithTheFiles() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let t1 = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        let t2 = try await workspace.createTaskWorktree(session: "s1", task: "T2", from: "main")
        try await repo.commitFile("README.md", "# One\n", message: "T1", in: t1.path)
        try await repo.commitFile("README.md", "# Two\n", message: "T2", in: t2.path)
        await #expect(throws: WorkspaceError.mergeConflict(["README.md"])) {
            _ = try await workspace.createTaskWorktree(session: "s1", task: "T3", from: "main", mergingIn: [t1.branch, t2.branch])
        }
        // The failed merge was aborted: the T3 worktree is clean.
        #expect(try await repo.git("status", "--porcelain", in: repo.path + "/.baton/worktrees/s1/T3") == "")
    }

    @Test func unsafeNamesAreRefused() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        for name in ["../x", "a b", "", "-x", "main", "T1.lock"] {
            await #expect(throws: WorkspaceError.invalidName(name)) {
                _ = try await workspace.createTaskWorktree(session: "s1", task: name, from: "main")
            }
        }
    }

    @Test func aForeignFolderInTheWayIsNotClobbered() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        try repo.write(".baton/worktrees/s1/T1/notes.txt", "mine\n")
        await #expect(throws: WorkspaceError.worktreeInTheWay(path: repo.path + "/.baton/worktrees/s1/T1", expectedBranch: "baton/s1/T1")) {
            _ = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        }
        #expect(repo.read(".baton/worktrees/s1/T1/notes.txt") == "mine\n")
    }

    @Test func noCommitsIsAnErrorThatSaysWhatToDo() async throws {
        let repo = try await TestRepo.make(initialCommit: false)
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        await #expect(throws: WorkspaceError.noCommits(repo.path)) {
            _ = try await workspace.prepareIntegration(session: "s1", from: "HEAD")
        }
    }

    @Test func worktreeListParsing() {
        let text = [
            "worktree /r", "HEAD 1111111111111111111111111111111111111111", "branch refs/heads/main", "",
            "worktree /r/.baton/worktrees/s/T1", "HEAD 2222222222222222222222222222222222222222", "branch refs/heads/baton/s/T1", "",
            "worktree /r/.baton/worktrees/s/T2", "HEAD 3333333333333333333333333333333333333333", "detached",
            "prunable gitdir file points to non-existent location", "", "",
        ]
        let expected = [
            WorktreeInfo(path: "/r", head: "1111111111111111111111111111111111111111", branch: "main"),
            WorktreeInfo(path: "/r/.baton/worktrees/s/T1", head: "2222222222222222222222222222222222222222", branch: "baton/s/T1"),
            WorktreeInfo(path: "/r/.baton/worktrees/s/T2", head: "3333333333333333333333333333333333333333", branch: nil, prunable: true),
        ]
        #expect(WorktreeInfo.parse(porcelain: text.joined(separator: "\0")) == expected)
        #expect(WorktreeInfo.parse(porcelain: text.joined(separator: "\n")) == expected)
    }

    @Test func removeAndPruneWorktrees() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let t1 = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        let t2 = try await workspace.createTaskWorktree(session: "s1", task: "T2", from: "main")
        try await workspace.writeBrief("# T1 brief\n", in: t1.path)

        // The brief is Baton's own: it does not block a non-forced removal.
        try await workspace.removeWorktree(path: t1.path)
        #expect(!FileManager.default.fileExists(atPath: t1.path))
        #expect(try await workspace.branchExists(t1.branch))

        // Uncommitted user work does block it unless forced.
        try repo.write("wip.txt", "wip\n", in: t2.path)
        await #expect(throws: WorkspaceError.self) { try await workspace.removeWorktree(path: t2.path) }
        try await workspace.removeWorktree(path: t2.path, force: true)
        #expect(!FileManager.default.fileExists(atPath: t2.path))

        let t3 = try await workspace.createTaskWorktree(session: "s1", task: "T3", from: "main")
        try FileManager.default.removeItem(atPath: t3.path)
        #expect(try await workspace.worktrees().first { $0.path == t3.path }?.prunable == true)
        try await workspace.pruneWorktrees()
        #expect(try await workspace.worktrees().map(\.path) == [repo.path])
        #expect(try await workspace.branchExists("baton/s1/T3"))
        #expect(try await workspace.branchExists("baton/s1/T9") == false)
    }
}
