import Foundation

/// What Tab completes, kept current by the conversation and read from the editor's thread.
final class CompletionIndex: @unchecked Sendable {
    struct Words {
        var tasks: [String] = []
        var agents: [String] = []
        var decisions: [String] = []
        var sessions: [String] = []
    }

    private let lock = NSLock()
    private var words = Words()

    func update(_ change: (inout Words) -> Void) {
        lock.lock()
        change(&words)
        lock.unlock()
    }

    var snapshot: Words {
        lock.lock()
        defer { lock.unlock() }
        return words
    }

    /// Candidates for the word at the cursor, given the line before it.
    func complete(_ lineBeforeCursor: String) -> [String] {
        let endsWithSpace = lineBeforeCursor.last == " "
        let parts = lineBeforeCursor.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let current = endsWithSpace ? "" : (parts.last ?? "")
        let before = endsWithSpace ? parts : Array(parts.dropLast())
        if lineBeforeCursor.hasPrefix("@") && before.isEmpty {
            return snapshot.tasks.map { "@" + $0 }.filter { $0.hasPrefix(current) }
        }
        guard lineBeforeCursor.hasPrefix("/") else { return [] }
        if before.isEmpty {
            return CommandRegistry.names.map { "/" + $0 }.filter { $0.hasPrefix(current) }.sorted()
        }
        let name = String(before[0].dropFirst())
        guard let command = CommandRegistry.command(named: name) else { return [] }
        if command.name == "help" {
            return CommandRegistry.names.filter { $0.hasPrefix(current) }.sorted()
        }
        let position = before.count - 1
        let kinds = command.completes
        guard position < kinds.count || false else { return [] }
        let w = snapshot
        let candidates: [String]
        switch kinds[min(position, kinds.count - 1)] {
        case .task: candidates = w.tasks + (["route", "merge"].contains(command.name) && position == 0 ? ["all"] : [])
        case .agent: candidates = w.agents
        case .decision: candidates = w.decisions
        case .session: candidates = w.sessions
        case .policy: candidates = position == 0 ? ["checkpoints", "merge", "unstructured", "notify", "max-turns"] : []
        case .field: candidates = ["title", "detail", "kind", "scope", "avoid", "acceptance"]
        }
        return candidates.filter { $0.hasPrefix(current) }
    }
}
