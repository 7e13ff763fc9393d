/// What changed between two versions of a plan (tasks matched by id).
public struct PlanDiff: Sendable {
    /// Tasks in the new plan only, in its order.
    public var added: [PlanTask]
    /// Tasks in the old plan only, in its order.
    public var removed: [PlanTask]
    /// Tasks in both whose fields differ: field names among title, kind, detail, scope,
    /// avoid, deps, route, acceptance (route covers the agent and whether you chose it).
    public var changed: [(id: String, fields: [String])]

    public init(added: [PlanTask] = [], removed: [PlanTask] = [], changed: [(id: String, fields: [String])] = []) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    public static func between(_ old: Plan, _ new: Plan) -> PlanDiff {
        var diff = PlanDiff()
        let oldIDs = Set(old.ids)
        let newIDs = Set(new.ids)
        diff.added = new.tasks.filter { !oldIDs.contains($0.id) }
        diff.removed = old.tasks.filter { !newIDs.contains($0.id) }
        for task in new.tasks {
            guard let before = old.task(task.id) else { continue }
            let fields = changedFields(before, task)
            if !fields.isEmpty, !diff.changed.contains(where: { $0.id == task.id }) {
                diff.changed.append((task.id, fields))
            }
        }
        return diff
    }

    static func changedFields(_ a: PlanTask, _ b: PlanTask) -> [String] {
        var fields: [String] = []
        if a.title != b.title { fields.append("title") }
        if a.kind != b.kind { fields.append("kind") }
        if a.detail != b.detail { fields.append("detail") }
        if a.scope != b.scope { fields.append("scope") }
        if a.avoid != b.avoid { fields.append("avoid") }
        if a.deps != b.deps { fields.append("deps") }
        if a.route != b.route || a.routeOverridden != b.routeOverridden { fields.append("route") }
        if a.acceptance != b.acceptance { fields.append("acceptance") }
        return fields
    }

    /// One line per change: `+ T4 Tests for export`, `- T2 Old title`, `~ T1 title, scope`.
    public var lines: [String] {
        added.map { "+ \($0.id) \($0.title)" }
            + removed.map { "- \($0.id) \($0.title)" }
            + changed.map { "~ \($0.id) \($0.fields.joined(separator: ", "))" }
    }
}
