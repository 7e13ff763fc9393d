import BatonCore

extension Workspace {
    /// Lines added/removed and files touched by the committed task branch (HEAD of `worktree`)
    /// since `base` (`git diff --numstat base HEAD`). Binary files count as 0/0; a renamed
    /// file is listed under its new name. Uncommitted changes are not counted.
    public func diffStat(in worktree: String, from base: String) async throws -> DiffStat {
        let result = try await runChecked(["diff", "--numstat", "-z", base, "HEAD"], in: worktree)
        return Self.parseNumstat(result.stdout)
    }

    /// Parses `git diff --numstat -z`.
    static func parseNumstat(_ text: String) -> DiffStat {
        var stat = DiffStat()
        var fields = text.split(separator: "\0", omittingEmptySubsequences: false).makeIterator()
        while let field = fields.next() {
            let parts = field.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            stat.added += Int(parts[0]) ?? 0
            stat.removed += Int(parts[1]) ?? 0
            if parts[2].isEmpty {
                _ = fields.next()  // the rename's old path
                if let newPath = fields.next() { stat.files.append(String(newPath)) }
            } else {
                stat.files.append(String(parts[2]))
            }
        }
        return stat
    }

    /// Files the branch changed since it forked from `base` (`git diff --name-only base...branch`).
    public func changedFiles(branch: String, since base: String) async throws -> [String] {
        let result = try await runChecked(["diff", "--name-only", "-z", "\(base)...\(branch)"])
        return result.stdout.split(separator: "\0").map(String.init)
    }

    /// The text shown by `/diff`: a full patch, or a `--stat` summary, of what the branch
    /// changed since it forked from `base`; with ANSI colours when `color` is true.
    public func diff(branch: String, since base: String, stat: Bool = false, color: Bool = false) async throws -> String {
        var arguments = ["diff", color ? "--color=always" : "--no-color"]
        if stat { arguments.append("--stat") }
        arguments.append("\(base)...\(branch)")
        return try await runChecked(arguments).stdout
    }

    /// Tries merging `branch` into `target` without touching any work tree
    /// (`git merge-tree --write-tree --name-only --no-messages`).
    public func dryRunMerge(branch: String, into target: String) async throws -> MergeCheck {
        let arguments = ["merge-tree", "--write-tree", "--name-only", "--no-messages", target, branch]
        let result = try await run(arguments)
        switch result.exitCode {
        case 0:
            return MergeCheck(clean: true)
        case 1:
            // First line: the tree id; then one conflicted file per line, until a blank line.
            var files: [String] = []
            for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
                if line.isEmpty { break }
                if !files.contains(String(line)) { files.append(String(line)) }
            }
            return MergeCheck(clean: false, conflictedFiles: files)
        default:
            throw WorkspaceError.gitFailed(arguments: arguments, exitCode: result.exitCode, stderr: result.stderr)
        }
    }

    /// Merges `branch` into the integration worktree (`git merge --no-ff -m message`) and
    /// returns the merge commit. On a conflict the merge is aborted — the integration
    /// worktree is left clean — and ``WorkspaceError/mergeConflict(_:)`` is thrown.
    /// Merging a branch that is already merged is a no-op that returns the current HEAD
    /// (safe to repeat on resume). Callers serialise operations on the integration worktree
    /// (merges, ``appendDecision(_:in:)``): git allows one index writer at a time.
    @discardableResult
    public func merge(branch: String, into integration: IntegrationWorkspace, message: String) async throws -> String {
        try await mergeBranch(branch, inWorktree: integration.path, message: message)
    }

    /// The subjects of the newest `limit` commits on `branch`, newest first.
    public func commitSubjects(branch: String, limit: Int) async throws -> [String] {
        let result = try await runChecked(["log", "--format=%s", "-n", String(max(limit, 0)), branch, "--"])
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// Commits on `branch` that are not on `base` (`base..branch`), newest first.
    /// Reconcile uses it to find checkpoint commits ("baton: T2 checkpoint …").
    public func commits(branch: String, since base: String) async throws -> [(id: String, subject: String)] {
        let result = try await runChecked(["log", "--format=%H %s", "\(base)..\(branch)", "--"])
        return result.stdout.split(separator: "\n").map { line in
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            return (id: String(parts[0]), subject: parts.count > 1 ? String(parts[1]) : "")
        }
    }
}
