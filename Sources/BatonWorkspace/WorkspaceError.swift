/// What can go wrong in a ``Workspace``; every case reads as one line telling the user what to do.
public enum WorkspaceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path is not inside a git work tree.
    case notARepository(String)
    /// A git command failed unexpectedly.
    case gitFailed(arguments: [String], exitCode: Int32, stderr: String)
    /// A merge stopped on conflicts in these files (the merge was aborted).
    case mergeConflict([String])
    /// A session or task id cannot be used in a branch name or a folder name.
    case invalidName(String)
    /// A folder where Baton wants a worktree exists but is not that worktree.
    case worktreeInTheWay(path: String, expectedBranch: String)
    /// The repository has no commit to start from.
    case noCommits(String)
    /// A file Baton keeps (DECISIONS.md) exists but cannot be read; it is left as it is.
    case unreadableFile(path: String, reason: String)

    /// One line for the user: what happened and what to do.
    public var description: String {
        switch self {
        case .notARepository(let path):
            return "\(path) is not inside a git repository — run baton inside one, or `git init` first"
        case .gitFailed(let arguments, let exitCode, let stderr):
            let firstLine = stderr.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let detail = firstLine.isEmpty ? "" : ": \(firstLine)"
            return "`git \(arguments.joined(separator: " "))` failed (exit \(exitCode))\(detail) — fix the repository state and retry"
        case .mergeConflict(let files):
            let list = files.isEmpty ? "some files" : files.joined(separator: ", ")
            return "merge conflict in \(list) — the merge was aborted; resolve it in the task's worktree or re-plan the task"
        case .invalidName(let name):
            return "\"\(name)\" cannot be used as a branch or folder name — use letters, digits, '.', '_' or '-'"
        case .worktreeInTheWay(let path, let branch):
            return "\(path) exists but is not the worktree of \(branch) — move it away, or remove it and run `git worktree prune`"
        case .noCommits(let path):
            return "the repository at \(path) has no commits yet — make a first commit, then run baton again"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path) (\(reason)) — fix or move the file; Baton leaves it as it is"
        }
    }
}
