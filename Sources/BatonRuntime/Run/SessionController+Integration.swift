import BatonCore
import BatonWorkspace
import Foundation

/// Why a merge was refused, in one line that says what to do.
public struct MergeRefusal: Error, CustomStringConvertible {
    public var description: String
}

extension SessionController {
    /// Merges a done task into the integration branch after a dry run; a conflict becomes a
    /// decision. Refuses before the task's dependencies are merged.
    public func merge(_ task: String) async throws {
        guard integration != nil, let p = state.progress[task], let planTask = state.plan.task(task) else {
            throw MergeRefusal(description: "nothing runs yet — /go first")
        }
        if p.status == .merged { throw MergeRefusal(description: "\(task) is already merged") }
        // Dependencies first: a dependent cannot be in review before them, so this is the
        // refusal that says what to do next.
        let waiting = planTask.deps.filter { state.status(of: $0) != .merged }
        if !waiting.isEmpty {
            throw MergeRefusal(description: "\(task) depends on \(waiting.joined(separator: " ")), not merged yet — /merge \(waiting[0]) first")
        }
        guard p.status == .review || p.status == .done else {
            throw MergeRefusal(description: "\(task) is \(p.status.label) — it can be merged after its done checkpoint (/status)")
        }
        guard let branch = p.branch else { throw MergeRefusal(description: "\(task) has no branch yet") }
        let outcome: SessionEvent = try await withGitLock {
            guard state.status(of: task) != .merged else { throw MergeRefusal(description: "\(task) is already merged") }
            guard let integration = try await integrationWorktree() else { throw MergeRefusal(description: "nothing runs yet — /go first") }
            let check = try await context.workspace.dryRunMerge(branch: branch, into: integration.branch)
            guard check.clean else { return .mergeConflicted(task: task, files: check.conflictedFiles) }
            let title = TerminalText.oneLine(planTask.title, limit: 60)
            let commit = try await context.workspace.merge(branch: branch, into: integration, message: "baton: merge \(task) — \(title)")
            return .taskMerged(task: task, commit: commit)
        }
        try await record(outcome)
    }

    /// Writes every answered decision and note not yet in DECISIONS.md (after /go).
    public func recordPendingDecisions() async {
        await writeDecisionLog()
    }

    /// Writes answered decisions and notes to DECISIONS.md on the integration branch — only
    /// `id` when given, else every one not yet there (after /go, and on resume).
    func writeDecisionLog(only id: String? = nil) async {
        guard integration != nil, state.decisions.contains(where: { $0.answer != nil }) else { return }
        do {
            try await withGitLock {
                guard let integration = try await integrationWorktree() else { return }
                try await appendDecisions(only: id, in: integration)
            }
        } catch {
            problem("could not write DECISIONS.md: \(error)")
        }
    }

    private func appendDecisions(only id: String?, in integration: IntegrationWorkspace) async throws {
        let existing = try await context.workspace.readDecisions(in: integration)
        for d in state.decisions where d.answer != nil && (id == nil || d.id == id) {
            guard !existing.contains("## \(d.id) ·") else { continue }
            _ = try await context.workspace.appendDecision(DecisionLogEntry.text(for: d, at: state.lastEventAt), in: integration)
        }
    }
}

/// How a decision reads in DECISIONS.md.
enum DecisionLogEntry {
    static func text(for d: Decision, at time: Double) -> String {
        let day = ISO8601DateFormatter.string(from: Date(timeIntervalSince1970: time), timeZone: .gmt, formatOptions: [.withFullDate])
        let answer = TerminalText.sanitize(d.answer ?? "")
        if d.kind == .note {
            return "## \(d.id) · \(day) · note\n\n\(answer)\n"
        }
        let question = TerminalText.sanitize(d.question)
        return "## \(d.id) · \(day) · \(d.task ?? "mission")\n\n**Question:** \(question)\n\n**Answer:** \(answer)\n"
    }
}
