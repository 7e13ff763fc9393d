/// The result of a merge dry run (`git merge-tree`): nothing on disk changed.
public struct MergeCheck: Sendable, Equatable {
    /// True when the branches merge without conflicts.
    public var clean: Bool
    /// Files that would conflict (empty when clean).
    public var conflictedFiles: [String]

    /// Creates a merge check.
    public init(clean: Bool, conflictedFiles: [String] = []) {
        self.clean = clean
        self.conflictedFiles = conflictedFiles
    }
}
