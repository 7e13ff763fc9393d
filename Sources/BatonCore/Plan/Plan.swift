/// A version of the plan: an ordered list of tasks forming a DAG through `deps`.
public struct Plan: Codable, Equatable, Sendable {
    /// 1 for the first proposal; every edit, replan, undo target is its own version.
    public var version: Int
    public var tasks: [PlanTask]

    public init(version: Int = 0, tasks: [PlanTask] = []) {
        self.version = version
        self.tasks = tasks
    }

    public var isEmpty: Bool { tasks.isEmpty }
    public var ids: [String] { tasks.map(\.id) }

    public func task(_ id: String) -> PlanTask? { tasks.first { $0.id == id } }

    public func index(of id: String) -> Int? { tasks.firstIndex { $0.id == id } }

    /// Ids of tasks that directly wait for `id`.
    public func dependents(of id: String) -> [String] {
        tasks.filter { $0.deps.contains(id) }.map(\.id)
    }

    /// The next free task id (`T<n+1>` where n is the highest number in use).
    public var nextID: String {
        let numbers = tasks.compactMap { Int($0.id.dropFirst()) }
        return "T\((numbers.max() ?? 0) + 1)"
    }
}
