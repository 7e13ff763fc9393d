/// One reason a plan cannot be dispatched, as found by `PlanValidator`.
///
/// `description` is one line in the project's voice: what is wrong and how to fix it.
public enum PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two or more tasks share the id.
    case duplicateID(String)
    /// The id is not `T` followed by a number.
    case badID(String)
    /// `task` waits for `dep`, which no task of the plan has; `known` lists the plan's ids.
    case unknownDep(task: String, dep: String, known: [String])
    /// The task lists itself among its deps.
    case selfDep(String)
    /// The tasks form a cycle; the first id is repeated at the end (`T2 T4 T2`).
    case cycle([String])
    /// The task's title is empty or only whitespace.
    case emptyTitle(String)
    /// The title holds control characters (newlines, tabs, escapes).
    case controlCharacters(String)
    /// A `scope` or `avoid` path points outside the repository (absolute, `..`, `~`).
    case pathOutsideRepository(task: String, field: String, path: String)

    public var description: String {
        switch self {
        case .duplicateID(let id):
            return "\(id) is used by more than one task — give each task its own id"
        case .badID(let id):
            return "task id '\(id)' is not of the form T<number> — use T1, T2, …"
        case .unknownDep(let task, let dep, let known):
            let list = known.isEmpty ? "the plan has no tasks" : "tasks are \(known.joined(separator: " "))"
            return "\(task) waits for \(dep), which is not in the plan — \(list)"
        case .selfDep(let task):
            return "\(task) waits for itself — remove \(task) from its deps"
        case .cycle(let ids):
            return "cycle: \(ids.joined(separator: " → ")) — remove one of these deps"
        case .emptyTitle(let task):
            return "\(task) has no title — give it a short imperative title"
        case .controlCharacters(let task):
            return "\(task) title contains control characters — keep it to one plain line"
        case .pathOutsideRepository(let task, let field, let path):
            return "\(task) \(field) path '\(path)' is outside the repository — use a path relative to the repository root"
        }
    }
}
