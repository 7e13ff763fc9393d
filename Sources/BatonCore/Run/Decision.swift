import Foundation

/// Why a decision was asked.
public enum DecisionKind: String, Codable, Sendable {
    case question, note, destructive, permission, conflict, mergeConflict = "merge-conflict", review, stall, budget, turnLimit =
        "turn-limit", failure
}

/// A question that needs the human, queued with an id (D1...).
public struct Decision: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var kind: DecisionKind
    public var task: String?
    public var question: String
    public var options: [String]
    public var answer: String?
    /// Extra data the answer acts on (e.g. the denied tool, the other task of a conflict).
    public var context: [String]
    /// A permission decision's tool calls, each with its allow rules (nil: `context` holds
    /// the one denied tool, as older sessions recorded it).
    public var permissions: [PermissionRequest]?

    public init(
        id: String, kind: DecisionKind, task: String?, question: String, options: [String], answer: String? = nil, context: [String] = []
    ) {
        self.id = id
        self.kind = kind
        self.task = task
        self.question = question
        self.options = options
        self.answer = answer
        self.context = context
    }

    public var isOpen: Bool { answer == nil }

    /// Resolves `2` to the second option, anything else to itself.
    public func resolve(_ answer: String) -> String {
        let trimmed = answer.trimmingCharacters(in: .whitespaces)
        if let n = Int(trimmed), n >= 1, n <= options.count { return options[n - 1] }
        return trimmed
    }
}
