/// Where the repository's main work tree stands when a session starts.
public struct HeadState: Sendable, Equatable {
    /// The checked-out branch (short name); nil when HEAD is detached.
    public var branch: String?
    /// The commit HEAD points at; nil when the branch has no commits yet.
    public var commit: String?
    /// Files with changes not committed (from `git status --porcelain`), excluding `.baton/`.
    public var dirtyFiles: [String]
    /// False in a freshly initialised repository.
    public var hasCommits: Bool

    /// Creates a head state.
    public init(branch: String?, commit: String?, dirtyFiles: [String], hasCommits: Bool) {
        self.branch = branch
        self.commit = commit
        self.dirtyFiles = dirtyFiles
        self.hasCommits = hasCommits
    }
}
