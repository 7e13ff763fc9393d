import BatonCore
import Foundation
import Testing

@testable import BatonWorkspace

@Suite struct DiffAndMergeTests {
    @Test func diffStatCountsCommittedLinesAndBinaryFilesAsZero() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        try await repo.commitFile("old.txt", "1\n2\n3\n4\n", message: "old")
        let workspace = try await repo.workspace()
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
        try repo.write("old.txt", "1\nTWO\n3\n", in: task.path)  // +1 −2
        try repo.write("new.swift", "a\nb\nc\n", in: task.path)  // +3
        try Data([0, 1, 2, 0, 255]).write(to: URL(fileURLWithPath: task.path + "/logo.bin"))
        try repo.write("uncommitted.txt", "x\n", in: task.path)
        _ = try await workspace.commitCheckpoint(in: task.path, message: "cp")
        try repo.write("later.txt", "not committed\n", in: task.path)

        let stat = try await workspace.diffStat(in: task.path, from: task.baseCommit)
        #expect(stat.added == 5)
        #expect(stat.removed == 2)
        #expect(Set(stat.files) == ["old.txt", "new.swift", "logo.bin", "uncommitted.txt"])
        #expect(stat.summary == "+5 −2 in 4 files")
    }

    @Test func numstatParsingHandlesRenames() {
        let text = "3\t1\tsrc/a.swift\0-\t-\timg.png\0" + "0\t0\t\0old name.txt\0new name.txt\0"
        let stat = Workspace.parseNumstat(text)
        #expect(stat == DiffStat(added: 3, removed: 1, files: ["src/a.swift", "img.png", "new name.txt"]))
    }

    @Test func changedFilesDiffTextAndCommits() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let task = try await workspace.createTaskWorktree(session: "s1", task: "T2", from: "main")
        try repo.write("Sources/Verify.swift", "let token = 1\n", in: task.path)
        let first = try #require(try await workspace.commitCheckpoint(in: task.path, message: "baton: T2 checkpoint 1 · first change"))
        try repo.write("Sources/Store.swift", "struct Store {}\n", in: task.path)
        let second = try #require(try await workspace.commitCheckpoint(in: task.path, message: "baton: T2 checkpoint 2 · done"))
        // main moves on meanwhile; that is not the task's change.
        try await repo.commitFile("other.txt", "x\n", message: "unrelated")

        #expect(try await workspace.changedFiles(branch: task.branch, since: "main") == ["Sources/Store.swift", "Sources/Verify.swift"])
        let patch = try await workspace.diff(branch: task.branch, since: task.baseCommit, stat: false, color: false)
        #expect(patch.contains("+let token = 1"))
        #expect(!patch.contains("\u{1B}["))
        let colored = try await workspace.diff(branch: task.branch, since: task.baseCommit, stat: false, color: true)
        #expect(colored.contains("\u{1B}["))
        let stat = try await workspace.diff(branch: task.branch, since: task.baseCommit, stat: true, color: false)
        #expect(stat.contains("2 files changed, 2 insertions(+)"))

        let commits = try await workspace.commits(branch: task.branch, since: task.baseCommit)
        #expect(commits.map(\.id) == [second, first])
        #expect(commits.filter { $0.subject.hasPrefix("baton: T2 checkpoint") }.count == 2)
        #expect(try await workspace.commitSubjects(branch: task.branch, limit: 1) == ["baton: T2 checkpoint 2 · done"])
        #expect(try await workspace.lastCommit(branch: task.branch) == second)
        #expect(try await workspace.lastCommit(branch: "baton/s1/none") == nil)
        #expect(try await workspace.isAncestor(first, of: second))
        #expect(try await workspace.isAncestor(second, of: first) == false)
    }

    /// Two task branches from main editing the same line of README.md.
    private func conflictingBranches(
        _ repo: TestRepo, _ workspace: Workspace
    ) async throws -> (TaskWorkspace, TaskWorkspace, IntegrationWorkspace) {
        let integration = try await workspace.prepareIntegration(session: "s1", from: "main")
        let t1 = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: integration.branch)
        let t2 = try await workspace.createTaskWorktree(session: "s1", task: "T2", from: integration.branch)
        try repo.write("README.md", "# Sample by T1\n\nA sample project.\n", in: t1.path)
        try repo.write("t1.txt", "t1\n", in: t1.path)
        _ = try await workspace.commitCheckpoint(in: t1.path, message: "T1")
        try repo.write("README.md", "# Sample by T2\n\nA sample project.\n", in: t2.path)
        _ = try await workspace.commitCheckpoint(in: t2.path, message: "T2")
        return (t1, t2, integration)
    }

    @Test func dryRunMergeCleanThenConflictListingTheFile() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let (t1, t2, integration) = try await conflictingBranches(repo, workspace)
        let before = try await repo.git("rev-parse", integration.branch)

        #expect(try await workspace.dryRunMerge(branch: t1.branch, into: integration.branch) == MergeCheck(clean: true))
        let merged = try await workspace.merge(branch: t1.branch, into: integration, message: "baton: merge T1")
        #expect(
            try await repo.git("log", "-1", "--format=%s|%P", merged)
                == "baton: merge T1|\(before) \(try await repo.git("rev-parse", t1.branch))")
        #expect(repo.read("t1.txt", in: integration.path) == "t1\n")
        // Repeating the merge (resume) changes nothing.
        #expect(try await workspace.merge(branch: t1.branch, into: integration, message: "baton: merge T1") == merged)

        let check = try await workspace.dryRunMerge(branch: t2.branch, into: integration.branch)
        #expect(check == MergeCheck(clean: false, conflictedFiles: ["README.md"]))
        // A dry run touches nothing.
        #expect(try await repo.git("rev-parse", integration.branch) == merged)
        #expect(try await repo.git("status", "--porcelain", in: integration.path) == "")
    }

    @Test func mergeConflictAbortsAndLeavesTheIntegrationWorktreeClean() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let (t1, t2, integration) = try await conflictingBranches(repo, workspace)
        let merged = try await workspace.merge(branch: t1.branch, into: integration, message: "baton: merge T1")
        await #expect(throws: WorkspaceError.mergeConflict(["README.md"])) {
            try await workspace.merge(branch: t2.branch, into: integration, message: "baton: merge T2")
        }
        #expect(try await repo.git("status", "--porcelain", in: integration.path) == "")
        #expect(try await repo.git("rev-parse", "HEAD", in: integration.path) == merged)
        #expect(repo.read("README.md", in: integration.path) == "# Sample by T1\n\nA sample project.\n")
        #expect(try await workspace.isAncestor(t2.branch, of: integration.branch) == false)
    }
}
