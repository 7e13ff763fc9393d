import BatonCore
import Foundation

extension Workspace {
    /// Creates (or reuses) the session's integration branch `baton/<session>/main`, starting at
    /// `commit`, checked out in `<root>/.baton/worktrees/<session>/main`. Idempotent.
    public func prepareIntegration(session: String, from commit: String) async throws -> IntegrationWorkspace {
        try Self.checkName(session)
        try await ensureBatonExcludedOnce()
        let branch = "baton/\(session)/main"
        let path = worktreePath(session: session, name: "main")
        _ = try await ensureWorktree(path: path, branch: branch, startPoint: commit)
        return IntegrationWorkspace(session: session, branch: branch, path: path)
    }

    /// The name of a session's integration branch: `baton/<session>/main`.
    public static func integrationBranch(session: String) -> String { "baton/\(session)/main" }

    /// Creates the integration branch `baton/<session>/main` at `commit` without checking it
    /// out (idempotent). Task worktrees start from the branch; the integration worktree is
    /// made by ``prepareIntegration(session:from:)`` when the first merge or decision needs it.
    /// The repository's settings for the worktrees to come are read meanwhile.
    public func createIntegrationBranch(session: String, from commit: String) async throws -> String {
        try Self.checkName(session)
        let branch = Self.integrationBranch(session: session)
        async let settings = settings()
        if try await !branchExists(branch) {
            try await runChecked(["branch", branch, commit])
        }
        _ = try await settings
        return branch
    }

    /// Creates (or, on resume, reuses) the task's branch `baton/<session>/<task>` from `branch`
    /// in `<root>/.baton/worktrees/<session>/<task>`, then merges the `mergingIn` branches
    /// (the task's dependencies) into it.
    ///
    /// The base commit is remembered in the worktree's ignored `.baton/base-commit`, so a
    /// resumed session gets the same ``TaskWorkspace/baseCommit`` back. A worktree found
    /// without one (made early, see ``checkOutTaskWorktreeEarly(session:task:from:include:sparse:)``,
    /// or by a run that stopped before it knew its base) has had no agent in it: it is first
    /// brought up to `branch` (a fast-forward, which rewrites only the files that differ).
    /// A new worktree also gets the main checkout's gitignored files that `include` and
    /// `.worktreeinclude` name (``bringIncludedFiles(_:into:)``). With `sparse` paths it checks
    /// out only those (``checkOutSparsely(_:paths:)``).
    /// - Throws: ``WorkspaceError/mergeConflict(_:)`` when a dependency does not merge cleanly
    ///   (that merge is aborted; the worktree stays on its last clean commit).
    public func createTaskWorktree(
        session: String, task: String, from branch: String, mergingIn: [String] = [], include: WorktreeInclude? = nil,
        sparse: [String]? = nil
    ) async throws -> TaskWorkspace {
        let (path, taskBranch, created) = try await ensureTaskWorktree(
            session: session, task: task, from: branch, include: include, sparse: sparse)
        let baseFile = path + "/.baton/base-commit"
        if !created {
            if let stored = try? String(contentsOfFile: baseFile, encoding: .utf8),
                !stored.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            {
                return TaskWorkspace(path: path, branch: taskBranch, baseCommit: stored.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            // A fast-forward: a branch with commits of its own (never Baton's doing) stays as is.
            let settings = try await settings()
            _ = try await run(settings.commitOptions + settings.checkoutOptions + ["merge", "--ff-only", "--quiet", branch], in: path)
        }
        for dependency in mergingIn {
            _ = try await mergeBranch(dependency, inWorktree: path, message: "baton: merge \(dependency) into \(task)")
        }
        let base: String
        if mergingIn.isEmpty, let head = Self.checkedOutCommit(worktree: path) {
            base = head
        } else {
            base = try await runChecked(["rev-parse", "HEAD"], in: path).trimmedOutput
        }
        try FileManager.default.createDirectory(atPath: path + "/.baton", withIntermediateDirectories: true)
        try (base + "\n").write(toFile: baseFile, atomically: true, encoding: .utf8)
        // Made now, or found without a base (no agent has run in it).
        return TaskWorkspace(path: path, branch: taskBranch, baseCommit: base, isNew: true)
    }

    /// Checks out a task's worktree while its dependencies still run, so that when they are
    /// merged ``createTaskWorktree(session:task:from:mergingIn:include:sparse:)`` only brings
    /// it up to date. No base commit is written: the task has not started.
    public func checkOutTaskWorktreeEarly(
        session: String, task: String, from branch: String, include: WorktreeInclude? = nil, sparse: [String]? = nil
    ) async throws {
        _ = try await ensureTaskWorktree(session: session, task: task, from: branch, include: include, sparse: sparse)
    }

    /// ``ensureWorktree(path:branch:startPoint:checkout:)`` for a task (its name checked, its
    /// branch `baton/<session>/<task>`): a new one checked out sparsely when asked, with the
    /// main checkout's included files. Returns its folder, its branch and whether it is new.
    private func ensureTaskWorktree(
        session: String, task: String, from: String, include: WorktreeInclude?, sparse: [String]?
    ) async throws -> (path: String, branch: String, created: Bool) {
        try Self.checkName(session)
        try Self.checkName(task)
        guard task != "main" else { throw WorkspaceError.invalidName(task) }
        try await ensureBatonExcludedOnce()
        let branch = "baton/\(session)/\(task)"
        let path = worktreePath(session: session, name: task)
        let sparse = sparse.flatMap { $0.isEmpty ? nil : $0 }
        let created = try await ensureWorktree(path: path, branch: branch, startPoint: from, checkout: sparse == nil)
        if created, let sparse { try await checkOutSparsely(path, paths: sparse) }
        if created { try await bringIncludedFiles(include, into: path) }
        return (path, branch, created)
    }

    /// Makes sure `path` is a worktree with `branch` checked out; returns true when it was created now.
    func ensureWorktree(path: String, branch: String, startPoint: String, checkout: Bool = true) async throws -> Bool {
        let files = FileManager.default
        let noCheckout = checkout ? [] : ["--no-checkout"]
        let add = try await settings().checkoutOptions + ["worktree", "add", "--quiet"] + noCheckout
        // The usual case (a new task): nothing there yet, a new branch. One git process; when
        // it fails (branch or registration left over, bad start point) the checks below decide.
        if !files.fileExists(atPath: path),
            try await run(add + ["-b", branch, path, startPoint]).succeeded
        {
            return true
        }
        // Checked out with that branch already (early, or before a restart): no git needed.
        if Self.checkedOutBranch(worktree: path) == branch { return false }
        if let entry = try await worktrees().first(where: { Self.samePath($0.path, path) }) {
            if entry.prunable || !files.fileExists(atPath: path) {
                try await pruneWorktrees()
            } else if entry.branch == branch {
                return false
            } else {
                throw WorkspaceError.worktreeInTheWay(path: path, expectedBranch: branch)
            }
        }
        if files.fileExists(atPath: path) {
            let contents = (try? files.contentsOfDirectory(atPath: path)) ?? ["?"]
            guard contents.isEmpty else { throw WorkspaceError.worktreeInTheWay(path: path, expectedBranch: branch) }
        }
        if try await branchExists(branch) {
            try await runChecked(add + [path, branch])
        } else {
            guard try await lastCommit(branch: startPoint) != nil else {
                if try await headState().hasCommits == false { throw WorkspaceError.noCommits(root) }
                throw WorkspaceError.gitFailed(
                    arguments: ["rev-parse", startPoint], exitCode: 128,
                    stderr: "unknown revision \(startPoint)")
            }
            try await runChecked(add + ["-b", branch, path, startPoint])
        }
        return true
    }

    /// Merges `branch` into whatever is checked out in `directory` (`git merge --no-ff`).
    /// On a conflict the merge is aborted and ``WorkspaceError/mergeConflict(_:)`` thrown.
    /// Returns the new HEAD.
    func mergeBranch(_ branch: String, inWorktree directory: String, message: String) async throws -> String {
        let arguments =
            try await commitOptions(in: directory)
            + ["merge", "--no-ff", "--no-edit", "--no-stat", "-m", message, branch]
        let result = try await run(arguments, in: directory)
        if !result.succeeded {
            let unmerged = try await run(["diff", "--name-only", "-z", "--diff-filter=U"], in: directory)
            let conflicted = unmerged.stdout.split(separator: "\0").map(String.init)
            if try await run(["rev-parse", "--quiet", "--verify", "MERGE_HEAD"], in: directory).succeeded {
                try await runChecked(["merge", "--abort"], in: directory)
            }
            if !conflicted.isEmpty { throw WorkspaceError.mergeConflict(conflicted) }
            throw WorkspaceError.gitFailed(arguments: arguments, exitCode: result.exitCode, stderr: result.stderr + result.stdout)
        }
        if let commit = Self.checkedOutCommit(worktree: directory) { return commit }
        return try await runChecked(["rev-parse", "HEAD"], in: directory).trimmedOutput
    }

    /// Every worktree of the repository (`git worktree list --porcelain`), the main one first.
    public func worktrees() async throws -> [WorktreeInfo] {
        WorktreeInfo.parse(porcelain: try await runChecked(["worktree", "list", "--porcelain", "-z"]).stdout)
    }

    /// Removes a worktree (its branch stays). Baton's own brief (an untracked CONTEXT.md at
    /// the worktree root) is deleted first so it does not count as the user's work; anything
    /// else uncommitted makes git refuse unless `force` is true.
    public func removeWorktree(path: String, force: Bool = false) async throws {
        let brief = path + "/CONTEXT.md"
        if FileManager.default.fileExists(atPath: brief),
            try await run(["ls-files", "--", "CONTEXT.md"], in: path).trimmedOutput.isEmpty
        {
            try? FileManager.default.removeItem(atPath: brief)
        }
        try await runChecked(["worktree", "remove"] + (force ? ["--force"] : []) + [path])
    }

    /// Deletes a branch whatever it holds (`git branch -D`): only for work the user chose to
    /// drop, such as a race contestant another was picked over.
    public func deleteBranch(_ name: String) async throws {
        try await runChecked(["branch", "-D", name])
    }

    /// Forgets worktrees whose folders were deleted by hand (`git worktree prune`).
    public func pruneWorktrees() async throws {
        try await runChecked(["worktree", "prune"])
    }

    /// The commit a worktree just made by `git worktree add -b` has checked out, read from its
    /// files (`.git` → gitdir → HEAD → the branch's loose ref) to spare a `git rev-parse`; nil
    /// whenever anything is not as expected (packed or reftable refs, detached HEAD...).
    static func checkedOutCommit(worktree: String) -> String? {
        guard let (gitDir, head) = checkedOutHead(worktree: worktree), var common = read(gitDir + "/commondir") else { return nil }
        if !common.hasPrefix("/") { common = gitDir + "/" + common }
        let ref = String(head.dropFirst("ref: ".count))
        guard !ref.contains(".."), let commit = read(common + "/" + ref),
            commit.count == 40 || commit.count == 64,
            commit.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return nil }
        return commit
    }

    /// The branch a linked worktree has checked out (its `.git` file and HEAD read directly),
    /// nil when `worktree` is not one or HEAD is detached.
    static func checkedOutBranch(worktree: String) -> String? {
        checkedOutHead(worktree: worktree).map { String($0.head.dropFirst("ref: refs/heads/".count)) }
    }

    /// A linked worktree's git folder and its HEAD (`ref: refs/heads/…`).
    private static func checkedOutHead(worktree: String) -> (gitDir: String, head: String)? {
        guard let dotGit = read(worktree + "/.git"), dotGit.hasPrefix("gitdir: ") else { return nil }
        var gitDir = String(dotGit.dropFirst("gitdir: ".count))
        if !gitDir.hasPrefix("/") { gitDir = worktree + "/" + gitDir }
        guard let head = read(gitDir + "/HEAD"), head.hasPrefix("ref: refs/heads/") else { return nil }
        return (gitDir, head)
    }

    private static func read(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
    }
}
