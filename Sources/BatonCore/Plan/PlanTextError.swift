/// A problem in plan text edited by the user: the line and what to fix.
public struct PlanTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line number in the edited text.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line 7: unknown field 'scpoe' — fields are kind, route, …`
    public var description: String { "line \(line): \(message)" }
}
