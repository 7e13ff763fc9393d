import Foundation

/// What sort of work a task is; drives routing and ordering.
public enum TaskKind: String, Codable, Sendable, CaseIterable, Comparable {
    case code, refactor, tests, docs, research, ops

    public static func < (lhs: TaskKind, rhs: TaskKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a kind leniently ("test" → tests, "doc" → docs).
    public init?(lenient text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        switch t {
        case "code", "feature", "impl", "implementation": self = .code
        case "refactor", "refactoring": self = .refactor
        case "tests", "test", "testing": self = .tests
        case "docs", "doc", "documentation": self = .docs
        case "research", "investigate", "spike": self = .research
        case "ops", "op", "devops", "infra", "ci": self = .ops
        default: return nil
        }
    }
}
