import BatonCore
import BatonWorkspace
import Foundation

extension SessionController {
    /// Merges a done task into the integration branch after a dry run; a conflict becomes a
    /// decision. Refused (``SessionState/mergeRefusal(_:)``) before the task's dependencies
    /// are merged. Returns the outcome recorded: `taskMerged` or `mergeConflicted`.
    @discardableResult
    public func merge(_ task: String, force: Bool = false) async throws -> SessionEvent {
        if let refusal = state.mergeRefusal(task, force: force) { throw refusal }
        // Forced while its checks run: they stop (their verdict no longer matters).
        if force, state.status(of: task) == .checking, let process = live[task] {
            live[task] = nil
            await context.executor.stop(process)
        }
        guard let branch = state.progress[task]?.branch, let planTask = state.plan.task(task) else {
            throw CommandError(.wrongState, "\(task) has no branch yet", subject: task)
        }
        let outcome: SessionEvent = try await withGitLock(.integration, priority: gitPriority(of: task)) {
            guard state.status(of: task) != .merged else { throw CommandError(.wrongState, "\(task) is already merged", subject: task) }
            do {
                guard let integration = try await integrationWorktree() else {
                    throw CommandError(.wrongPhase, "nothing runs yet — /go first")
                }
                let check = try await context.workspace.dryRunMerge(branch: branch, into: integration.branch)
                guard check.clean else { return .mergeConflicted(task: task, files: check.conflictedFiles) }
                let title = TerminalText.oneLine(planTask.title, limit: 60)
                let commit = try await context.workspace.merge(
                    branch: branch, into: integration, message: "baton: merge \(task) — \(title)")
                return .taskMerged(task: task, commit: commit)
            } catch {
                throw CommandError.failed(error)
            }
        }
        try await recordCommand(outcome)
        return outcome
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
            try await withGitLock(.integration) {
                guard let integration = try await integrationWorktree() else { return }
                try await appendDecisions(only: id, in: integration)
            }
        } catch {
            problem("could not write DECISIONS.md: \(error)")
        }
    }

    private func appendDecisions(only id: String?, in integration: IntegrationWorkspace) async throws {
        try await context.workspace.commitInterruptedDecisions(in: integration)
        let existing = try await context.workspace.readDecisions(in: integration)
        // An answer given from an earlier decision is already there (as that decision).
        for d in state.decisions where d.answer != nil && d.reusedFrom == nil && (id == nil || d.id == id) {
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
            return "## \(d.id) · \(day) · note\(d.task.map { " from \($0)" } ?? "")\n\n\(answer)\n"
        }
        let question = TerminalText.sanitize(d.question)
        // Whose answer it is: every task's (replacing an earlier one), or one task's only.
        let scope =
            d.replaced.map { " (replaces \($0) for every task)" }
            ?? (d.settles == false && d.kind == .question ? " (for \(d.task ?? "this task") only)" : "")
        return "## \(d.id) · \(day) · \(d.task ?? "mission")\n\n**Question:** \(question)\n\n**Answer:** \(answer)\(scope)\n"
    }
}
