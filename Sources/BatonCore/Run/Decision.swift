import Foundation

/// Why a decision was asked.
public enum DecisionKind: String, Codable, Sendable {
    case question, note, destructive, permission, conflict, mergeConflict = "merge-conflict", review, stall, budget, turnLimit =
        "turn-limit", failure, checks, integration
    /// A running agent waits for this answer (ACP permission request): no re-run.
    case livePermission = "live-permission"
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
    /// The agent's `ask_human` call waiting on this answer (its id in runs/<task>.mcp.jsonl),
    /// for a question asked mid-turn; nil otherwise.
    public var request: String?
    /// The answer settles the same question asked later (the user gave it, for every task).
    public var settles: Bool?
    /// Answered from this earlier decision, not by the user ("never ask twice").
    public var reusedFrom: String?
    /// The user's answer contradicts this earlier decision; it waits for 1) this task only
    /// 2) replace the earlier one 3) keep the earlier one.
    public var contradicts: String?
    /// The contradicting answer, until the user chooses what to do with it.
    public var proposedAnswer: String?
    /// This answer replaced the earlier decision's for every task.
    public var replaced: String?
    /// An agent asked it (its checkpoint, or mid-turn): only those are answered from one
    /// another (Baton's own questions, such as "continue?", are about one moment).
    public var fromAgent: Bool?
    /// When it was opened (seconds since 1970): how long the task has waited.
    public var openedAt: Double?
    /// A permission decision's tool calls, each with its allow rules (nil: `context` holds
    /// the one denied tool, as older sessions recorded it).
    public var permissions: [PermissionRequest]?

    public init(
        id: String, kind: DecisionKind, task: String?, question: String, options: [String], answer: String? = nil, context: [String] = [],
        request: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.task = task
        self.question = question
        self.options = options
        self.answer = answer
        self.context = context
        self.request = request
    }

    public var isOpen: Bool { answer == nil }

    /// True when this decision's answer settles the same question asked again.
    public var settlesLater: Bool { settles == true && answer != nil }

    /// The choices of a contradiction: `1) use X for T2 only 2) replace D1 for every task 3) keep D1`.
    public func contradictionOptions(earlier: Decision) -> [String] {
        let proposed = proposedAnswer ?? ""
        return ["use \(proposed) for \(task ?? "this question") only", "replace \(earlier.id) for every task", "keep \(earlier.id)"]
    }

    /// Resolves `2` to the second option, anything else to itself.
    public func resolve(_ answer: String) -> String {
        let trimmed = answer.trimmingCharacters(in: .whitespaces)
        if let n = Int(trimmed), n >= 1, n <= options.count { return options[n - 1] }
        return trimmed
    }
}
