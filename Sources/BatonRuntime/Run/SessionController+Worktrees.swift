import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

/// What `/clean` did: worktrees removed, kept because unmerged, kept because changed.
public struct CleanReport: Sendable, Equatable {
    public var removed: [String] = []
    /// Not merged (and no --force), or still running.
    public var kept: [String] = []
    /// Merged, but changed since in the worktree (git refuses to remove it).
    public var dirty: [String] = []
    /// Race contestants another was picked over: with --force their branch goes with their
    /// worktree (until then `/diff T3.codex` still shows their work).
    public var archivedRemoved: [String] = []
    /// Tasks not started whose worktrees were checked out ahead of them: removed with their
    /// branches (nothing was ever done in them).
    public var unstarted: [String] = []
}

extension SessionController {
    /// The tasks whose worktree exists and that are not merged (what `/clean --force` would
    /// remove, so the user can be asked first).
    public func unmergedWorktrees() -> [String] {
        worktreeTasks().filter { state.status(of: $0) != .merged }
    }

    /// Tasks and race contestants with a worktree on disk (a picked contestant's is its task's).
    private func worktreeTasks() -> [String] {
        state.runIDs.filter { id in
            if let c = state.contestant(id), c.race.picked == c.agent { return false }
            return state.progress[id]?.worktree.map { FileManager.default.fileExists(atPath: $0) } ?? false
        }
    }

    /// Removes the worktrees of merged tasks; with `force`, also of unmerged ones not running
    /// (their uncommitted changes are committed on their branch first).
    public func clean(force: Bool) async throws -> CleanReport {
        var report = CleanReport()
        do {
            for task in worktreeTasks() {
                guard let path = state.progress[task]?.worktree else { continue }
                let merged = state.status(of: task) == .merged
                guard merged || force else {
                    report.kept.append(task)
                    continue
                }
                if state.status(of: task).isActive {
                    report.kept.append(task)
                    continue
                }
                if merged {
                    // Merged, but changed since: git refuses, and that work is not merged.
                    do {
                        try await context.workspace.removeWorktree(path: path, force: false)
                        report.removed.append(task)
                        continue
                    } catch {
                        guard force else {
                            report.dirty.append(task)
                            continue
                        }
                    }
                }
                if let c = state.contestant(task), c.race.picked != nil, let branch = state.progress[task]?.branch {
                    try await context.workspace.removeWorktree(path: path, force: true)
                    try await context.workspace.deleteBranch(branch)
                    report.archivedRemoved.append(task)
                    continue
                }
                _ = try await context.workspace.commitCheckpoint(in: path, message: "baton: \(task) work saved by /clean")
                try await context.workspace.removeWorktree(path: path, force: true)
                report.removed.append(task)
            }
            report.unstarted = try await removeUnstartedWorktrees()
        } catch {
            throw CommandError.failed(error)
        }
        return report
    }

    /// Removes the worktrees (and branches) checked out early for tasks that have not started
    /// (``checkOutDependentsEarly(of:)``; no agent has worked in them). Returns their tasks.
    private func removeUnstartedWorktrees() async throws -> [String] {
        var removed: [String] = []
        for task in state.plan.tasks.map(\.id) where state.progress[task]?.worktree == nil {
            guard [.planned, .ready, .cancelled].contains(state.status(of: task)) else { continue }
            await takeEarlyWorktree(task)
            let path = context.workspace.worktreePath(session: id, name: task)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            try await context.workspace.removeWorktree(path: path, force: true)
            try await context.workspace.deleteBranch("baton/\(id)/\(task)")
            removed.append(task)
        }
        return removed
    }

    /// What a task changed against its base (`git diff`, or `--stat`).
    public func diff(_ raw: String, stat: Bool, color: Bool) async throws -> String {
        let task = try state.taskID(raw).get()
        guard let p = state.progress[task], let branch = p.branch, let base = p.baseCommit else {
            throw CommandError(.wrongState, "\(task) has no branch yet — /status shows where it is", subject: task)
        }
        do { return try await context.workspace.diff(branch: branch, since: base, stat: stat, color: color) } catch {
            throw CommandError.failed(error)
        }
    }

    /// The transcript of a task's turns, decoded from the agent's output files.
    public func transcript(of raw: String) throws -> [TurnTranscript.Line] {
        let task = try state.taskID(raw).get()
        guard let p = state.progress[task], p.turn > 0, let agent = p.agent,
            let profile = context.registry.profile(named: agent),
            let adapter = AdapterFactory.adapter(for: profile, prices: context.registry.prices)
        else {
            throw CommandError(.wrongState, "\(task) has not run yet — /status shows where it is", subject: task)
        }
        var lines: [TurnTranscript.Line] = []
        for turn in 1...p.turn {
            guard let transcript = TurnTranscript.lines(of: runFiles.turn(turn, of: task), adapter: adapter, worktree: p.worktree) else {
                continue
            }
            lines.append(.turn(turn))
            lines += transcript
        }
        return lines
    }

    /// The stream lines of a task's turns as the agent wrote them (sanitized): `/log T --raw`.
    public func rawTranscript(of raw: String) throws -> [(turn: Int, lines: [String])] {
        let task = try state.taskID(raw).get()
        guard let p = state.progress[task], p.turn > 0 else {
            throw CommandError(.wrongState, "\(task) has not run yet — /status shows where it is", subject: task)
        }
        return (1...p.turn).compactMap { turn in
            guard let data = FileManager.default.contents(atPath: runFiles.turn(turn, of: task).stream) else { return nil }
            let lines = data.split(separator: 0x0A).map { TerminalText.sanitize(String(decoding: $0, as: UTF8.self)) }
            return (turn, lines)
        }
    }
}
