import BatonCore
import BatonRuntime
import Foundation

extension Conversation {
    func decide(_ raw: String, answer: String) async throws { try await perform(.answer(decision: raw, answer: answer)) }

    func showDecisions() async {
        guard let state = try? await state(), !state.decisions.isEmpty else {
            say("no decisions yet")
            return
        }
        var lines: [String] = []
        let open = state.openDecisions
        if !open.isEmpty {
            lines.append("open")
            let renderer = TranscriptRenderer(style: style, width: width)
            for d in open { lines += renderer.decisionBlock(d, state).dropFirst() }
        }
        let answered = state.decisions.filter { !$0.isOpen }
        if !answered.isEmpty {
            lines.append("answered")
            lines += TextTable(
                rows: answered.map { d in
                    [
                        style.id(d.id), d.task ?? "—", TerminalText.oneLine(d.question, limit: 80),
                        TerminalText.oneLine(d.answer ?? "", limit: 60),
                    ]
                }, flexibleColumn: 2
            ).render(width: width)
        }
        say(lines)
    }

    func note(_ text: String) async throws { try await perform(.note(text)) }

    func done(_ raw: String, summary: String) async throws { try await perform(.done(task: raw, summary: summary)) }

    func diff(_ raw: String, stat: Bool) async throws {
        var text = try await requireSession().diff(raw, stat: stat, color: style.color)
        // Verdicts before diffs.
        if let state = try? await self.state(), let task = try? state.taskID(raw).get(), !state.checks.isEmpty, !text.isEmpty {
            let p = state.progress[task]
            let verdict =
                p?.status == .checking ? "checks running" : p?.verdict.map { "checks " + $0.line } ?? "checks never ran — /checks \(task)"
            text = "\(task) · \(verdict)\n" + text
        }
        guard !text.isEmpty else {
            say("\(raw.uppercased()) changed nothing yet")
            return
        }
        if editor.isInteractive, text.split(separator: "\n").count > Terminal.rows() - 2, await Pager.show(text) { return }
        say(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }

    /// `/merge T` or `/merge all`.
    func merge(_ raw: String, force: Bool = false) async throws {
        try await perform(.merge(raw.lowercased() == "all" ? .all : force ? .forced(raw) : .task(raw)))
    }

    func reject(_ raw: String, why: String) async throws { try await perform(.reject(task: raw, feedback: why)) }

    /// Merges what is in review in dependency order, then writes PR.md (the controller does).
    func finish(pr: Bool = false, local: Bool = false) async throws {
        try await perform(.finish)
        if local { say(try await requireSession().landLocally()) }
        if pr { say(try await requireSession().openPullRequest()) }
    }

    /// Removes worktrees of merged tasks; unmerged work only with --force and a confirmation,
    /// and even then its uncommitted changes are committed on its branch first.
    func clean(force: Bool) async throws {
        let controller = try requireSession()
        let unmerged = await controller.unmergedWorktrees()
        if force && !unmerged.isEmpty {
            guard editor.isInteractive else { throw CommandError("/clean --force needs a confirmation at a terminal") }
            let q = "remove the worktrees of unmerged \(unmerged.joined(separator: " "))? their branches keep the work · type yes: "
            guard case .line(let a) = await editor.readLine(prompt: q), a.trimmingCharacters(in: .whitespaces) == "yes" else {
                say("nothing removed")
                return
            }
        }
        let report = try await controller.clean(force: force)
        var lines = [
            report.removed.isEmpty
                ? "no worktree removed" : "removed the worktrees of \(report.removed.joined(separator: " ")) (their branches remain)"
        ]
        if !report.kept.isEmpty { lines.append("kept \(report.kept.joined(separator: " ")): not merged — /merge them, or /clean --force") }
        if !report.dirty.isEmpty {
            lines.append(
                "kept \(report.dirty.joined(separator: " ")): merged, but with uncommitted changes in the worktree — commit or remove them, or /clean --force"
            )
        }
        say(lines)
    }
}
