/// A property of a task, read from its words and scope, that some agents handle better.
public enum TaskTrait: String, Codable, Sendable, CaseIterable, Comparable {
    /// Touches many paths or cuts across the codebase.
    case breadth
    /// Needs careful reasoning: refactors, architecture, design, migration, debugging,
    /// concurrency, security.
    case depth
    /// Self-contained work with a clear target: boilerplate, CRUD, renames, tests for a
    /// defined interface, implementing a finished spec, adding an endpoint.
    case wellScoped = "well-scoped"
    /// A small focused edit: a typo, a version bump, a constant, a message.
    case smallEdit = "small-edit"
    /// Mostly reading a lot of material: surveys, summaries, audits of logs or call sites.
    case largeContext = "large-context"

    public static func < (lhs: TaskTrait, rhs: TaskTrait) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The adjective used in routing reasons ("deep refactor", "well-scoped code").
    public var adjective: String {
        switch self {
        case .breadth: "broad"
        case .depth: "deep"
        case .wellScoped: "well-scoped"
        case .smallEdit: "small focused"
        case .largeContext: "large-context"
        }
    }
}
