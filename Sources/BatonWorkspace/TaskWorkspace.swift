/// One task's worktree and branch (`baton/<session>/<task>`).
public struct TaskWorkspace: Sendable, Equatable, Codable {
    /// The worktree folder: `<root>/.baton/worktrees/<session>/<task>`.
    public var path: String
    /// `baton/<session>/<task>`.
    public var branch: String
    /// The commit the task starts from (after its dependencies were merged in):
    /// diff stats and reviews are measured against it.
    public var baseCommit: String
    /// True when no agent has run in the worktree yet (checked out now, or early), false when
    /// a started task's worktree was found (a resumed session).
    public var isNew: Bool

    /// Creates a task workspace value (nothing is created on disk).
    public init(path: String, branch: String, baseCommit: String, isNew: Bool = false) {
        self.path = path
        self.branch = branch
        self.baseCommit = baseCommit
        self.isNew = isNew
    }
}
