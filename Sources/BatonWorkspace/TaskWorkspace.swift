/// One task's worktree and branch (`baton/<session>/<task>`).
public struct TaskWorkspace: Sendable, Equatable, Codable {
    /// The worktree folder: `<root>/.baton/worktrees/<session>/<task>`.
    public var path: String
    /// `baton/<session>/<task>`.
    public var branch: String
    /// The commit the task starts from (after its dependencies were merged in):
    /// diff stats and reviews are measured against it.
    public var baseCommit: String

    /// Creates a task workspace value (nothing is created on disk).
    public init(path: String, branch: String, baseCommit: String) {
        self.path = path
        self.branch = branch
        self.baseCommit = baseCommit
    }
}
