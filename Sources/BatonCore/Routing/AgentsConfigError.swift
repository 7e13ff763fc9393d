/// Why `.baton/agents.json` was rejected: the file, the line, the field and the reason.
/// `description` is the one line shown to the user, e.g.
/// `.baton/agents.json:7: agents.mine.cost: must be 1, 2 or 3 (got 5)`.
public struct AgentsConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of mistake it is (for tests and for choosing a hint).
    public enum Kind: String, Sendable, Equatable {
        case invalidJSON, notAnObject, unknownField, wrongType, missingField, duplicateField
        case unknownProtocol, emptyCommand, missingPlaceholder, unknownStrength, unknownTrait
        case tierOutOfRange, maxParallelTooSmall, invalidName, humanProtocol
    }

    public var kind: Kind
    /// The file as the user knows it (`.baton/agents.json`).
    public var file: String
    /// 1-based line of the offending key or value.
    public var line: Int
    /// Dotted path of the field (`agents.mine.cost`), nil for syntax errors.
    public var field: String?
    /// What is wrong and how to fix it.
    public var reason: String

    public init(kind: Kind, file: String, line: Int, field: String?, reason: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        if let field { return "\(file):\(line): \(field): \(reason)" }
        return "\(file):\(line): \(reason)"
    }
}
