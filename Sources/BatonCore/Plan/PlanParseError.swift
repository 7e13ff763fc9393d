/// Why a planner's reply could not be read as a plan. One line, for the conversation.
public enum PlanParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case noJSONObject
    /// There was a `{`, but nothing that parses as JSON; the parser's complaint.
    case malformedJSON(String)
    case noTasksList
    case emptyPlan
    /// 1-based task position.
    case taskNotObject(Int)
    case taskWithoutTitle(Int)

    public var description: String {
        switch self {
        case .noJSONObject: return "planner reply has no JSON object"
        case .malformedJSON(let why): return "planner reply has malformed JSON: \(why)"
        case .noTasksList: return "planner reply has no \"tasks\" list"
        case .emptyPlan: return "planner reply has an empty task list"
        case .taskNotObject(let n): return "task \(n) of the planner reply is not an object"
        case .taskWithoutTitle(let n): return "task \(n) has no title"
        }
    }
}
