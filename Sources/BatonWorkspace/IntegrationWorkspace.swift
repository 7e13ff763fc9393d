/// A session's integration branch (`baton/<session>/main`) and the worktree it is checked out in.
///
/// Finished tasks are merged here; DECISIONS.md lives at its root.
public struct IntegrationWorkspace: Sendable, Equatable, Codable {
    /// The session id.
    public var session: String
    /// `baton/<session>/main`.
    public var branch: String
    /// `<root>/.baton/worktrees/<session>/main`.
    public var path: String

    /// Creates an integration workspace value (nothing is created on disk).
    public init(session: String, branch: String, path: String) {
        self.session = session
        self.branch = branch
        self.path = path
    }
}
