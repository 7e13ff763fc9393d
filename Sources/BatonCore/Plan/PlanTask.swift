/// One task of a plan: a node of the DAG.
public struct PlanTask: Codable, Equatable, Sendable, Identifiable {
    /// `T1`, `T2`, ...
    public var id: String
    public var title: String
    public var detail: String
    public var kind: TaskKind
    /// Repository paths the task may touch (relative, no `..`).
    public var scope: [String]
    /// Repository paths the task must not touch.
    public var avoid: [String]
    /// Ids of the tasks it waits for.
    public var deps: [String]
    /// The agent chosen to do it (filled by routing).
    public var route: String?
    /// One line saying why `route` was chosen.
    public var routeReason: String?
    /// True when the user chose the route with `/route T agent`; kept through replans.
    public var routeOverridden: Bool
    /// Checkable criteria that say when the task is done.
    public var acceptance: [String]

    public init(
        id: String, title: String, detail: String = "", kind: TaskKind = .code,
        scope: [String] = [], avoid: [String] = [], deps: [String] = [],
        route: String? = nil, routeReason: String? = nil, routeOverridden: Bool = false,
        acceptance: [String] = []
    ) {
        self.id = id
        self.title = title
        self.detail = detail
        self.kind = kind
        self.scope = scope
        self.avoid = avoid
        self.deps = deps
        self.route = route
        self.routeReason = routeReason
        self.routeOverridden = routeOverridden
        self.acceptance = acceptance
    }

    enum CodingKeys: String, CodingKey {
        case id, title, detail, kind, scope, avoid, deps, route, acceptance
        case routeReason = "route_reason"
        case routeOverridden = "route_overridden"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        detail = try c.decodeIfPresent(String.self, forKey: .detail) ?? ""
        let kindText = try c.decodeIfPresent(String.self, forKey: .kind) ?? "code"
        kind = TaskKind(lenient: kindText) ?? .code
        scope = try c.decodeIfPresent([String].self, forKey: .scope) ?? []
        avoid = try c.decodeIfPresent([String].self, forKey: .avoid) ?? []
        deps = try c.decodeIfPresent([String].self, forKey: .deps) ?? []
        route = try c.decodeIfPresent(String.self, forKey: .route)
        routeReason = try c.decodeIfPresent(String.self, forKey: .routeReason)
        routeOverridden = try c.decodeIfPresent(Bool.self, forKey: .routeOverridden) ?? false
        acceptance = try c.decodeIfPresent([String].self, forKey: .acceptance) ?? []
    }
}
