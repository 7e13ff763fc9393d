/// An agent fixing the integration branch after a merge turned its checks red (the second
/// answer of the integration decision): its turn runs in the integration worktree, its
/// commit lands on the integration branch, and the integration checks run again.
public struct IntegrationFix: Codable, Equatable, Sendable {
    /// The task whose merge broke the checks (the fix's cost counts to it).
    public var task: String
    /// The decision answered with the fix: names its run files and its commit.
    public var decision: String
    /// The agent doing it, once started.
    public var agent: String?
    /// Its process, once started (resume follows it again or stops it).
    public var pid: Int32?
    public var pidStartTime: UInt64?

    public init(task: String, decision: String) {
        self.task = task
        self.decision = decision
    }

    /// The subject of the fix's commit on `branch`: how a fix committed before a crash is found.
    public func commitSubject(on branch: String) -> String {
        "baton: fix \(branch) after merging \(task) (\(decision))"
    }
}
