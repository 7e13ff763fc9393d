/// How the integration branch landed on the user's branch.
public enum Landing: Sendable, Equatable {
    /// The user's branch moved forward to it.
    case fastForward(branch: String, commit: String)
    /// A merge commit on the user's branch.
    case merged(branch: String, commit: String)
    /// The user's branch already held everything.
    case upToDate(branch: String)
}

extension Workspace {
    /// Merges `integrationBranch` into `branch`, checked out at `commit` in the main work tree
    /// (a fast-forward when it can). The caller checks that the work tree is clean; a
    /// conflicting merge is aborted and thrown as ``WorkspaceError/mergeConflict(_:)``.
    public func land(_ integrationBranch: String, onto branch: String, at commit: String) async throws -> Landing {
        guard let target = try await lastCommit(branch: integrationBranch) else {
            throw WorkspaceError.gitFailed(arguments: ["rev-parse", integrationBranch], exitCode: 1, stderr: "no such branch")
        }
        if try await isAncestor(target, of: commit) { return .upToDate(branch: branch) }
        if try await isAncestor(commit, of: target) {
            try await runChecked(["merge", "--ff-only", "-q", integrationBranch])
            return .fastForward(branch: branch, commit: target)
        }
        let merged = try await mergeBranch(integrationBranch, inWorktree: root, message: "baton: land \(integrationBranch)")
        return .merged(branch: branch, commit: merged)
    }
}

extension Workspace {
    /// The names of the repository's remotes.
    public func remotes() async throws -> [String] {
        try await runChecked(["remote"]).stdout.split(separator: "\n").map(String.init)
    }
}
