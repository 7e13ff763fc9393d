extension Workspace {
    /// Reverts the merge commit `commit` on the integration branch (keeping its first parent,
    /// the integration branch as it was) and returns the new commit.
    public func revertMerge(_ commit: String, in integration: IntegrationWorkspace, message: String) async throws -> String {
        let arguments = try await commitOptions(in: integration.path) + ["revert", "--no-edit", "-m", "1", commit]
        try await runChecked(arguments, in: integration.path)
        try await runChecked(
            try await commitOptions(in: integration.path) + ["commit", "--amend", "-q", "-m", message], in: integration.path)
        return try await runChecked(["rev-parse", "HEAD"], in: integration.path).trimmedOutput
    }
}
