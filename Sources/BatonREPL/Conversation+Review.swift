import BatonCore
import BatonRuntime
import Foundation

extension Conversation {
    func decide(_ raw: String, answer: String) async throws { try await perform(.answer(decision: raw, answer: answer)) }

    /// `/decide D2 ANSWER`, `/decide D2 D3 D4 ANSWER`, `/decide all ANSWER`: the ids come
    /// first, the answer is the rest.
    func decide(_ first: String, words: [String]) async throws {
        let isID = { (w: String) in w.count > 1 && (w.first == "D" || w.first == "d") && w.dropFirst().allSatisfy(\.isNumber) }
        var ids = [first]
        var rest = words[...]
        while rest.count > 1, let w = rest.first, isID(w) {
            ids.append(w)
            rest = rest.dropFirst()
        }
        let answer = rest.joined(separator: " ")
        if first.lowercased() == "all" {
            try await perform(.answerMany(decisions: ids.dropFirst().map { $0 }, answer: answer))
        } else if ids.count > 1 {
            try await perform(.answerMany(decisions: ids, answer: answer))
        } else {
            try await decide(first, answer: answer)
        }
    }

    /// Open decisions most blocking first, the same question asked by several tasks as one
    /// entry; then the answered ones.
    func showDecisions() async {
        guard let state = try? await state(), !state.decisions.isEmpty else {
            say("no decisions yet")
            return
        }
        var lines: [String] = []
        let entries = DecisionQueue.entries(state)
        if !entries.isEmpty {
            lines.append("open · most blocking first")
            let renderer = TranscriptRenderer(style: style, width: width)
            let now = Date().timeIntervalSince1970
            for entry in entries {
                var block = Array(renderer.decisionBlock(entry.decisions[0], state).dropFirst())
                if entry.decisions.count > 1 {
                    let others = entry.decisions.dropFirst()
                    block.append(
                        "      also asked by \(others.compactMap(\.task).joined(separator: " ")) (\(others.map(\.id).joined(separator: " "))) · "
                            + style.dim("/decide \(entry.ids.joined(separator: " ")) <answer> answers all"))
                }
                var why: [String] = []
                if !entry.blocked.isEmpty { why.append("blocks \(entry.blocked.joined(separator: " "))") }
                if entry.onCriticalPath { why.append("on the critical path") }
                if let at = entry.openedAt { why.append("waiting \(Elapsed.format(seconds: max(0, now - at)))") }
                if !why.isEmpty { block.append(style.dim("      " + why.joined(separator: " · "))) }
                lines += block
            }
        }
        for d in state.decisions where d.contradicts != nil {
            if let earlier = state.decision(d.contradicts ?? "") {
                lines.append(TranscriptRenderer(style: style, width: width).contradictionLine(d, earlier))
            }
        }
        let answered = state.decisions.filter { !$0.isOpen }
        if !answered.isEmpty {
            lines.append("answered")
            lines += TextTable(
                rows: answered.map { d in
                    [
                        style.id(d.id), d.task ?? "—", TerminalText.oneLine(d.question, limit: 80),
                        TerminalText.oneLine(d.answer ?? "", limit: 60) + (d.reusedFrom.map { " (from \($0))" } ?? ""),
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
            let state = await controller.state
            let archived = unmerged.filter { state.contestant($0)?.race.picked != nil }
            let q =
                archived.isEmpty
                ? "remove the worktrees of unmerged \(unmerged.joined(separator: " "))? their branches keep the work · type yes: "
                : "remove the worktrees of unmerged \(unmerged.joined(separator: " "))? their branches keep the work, except the unpicked contestants' (\(archived.joined(separator: " "))) · type yes: "
            guard case .line(let a) = await editor.readLine(prompt: q), a.trimmingCharacters(in: .whitespaces) == "yes" else {
                say("nothing removed")
                return
            }
        }
        let report = try await controller.clean(force: force)
        var lines: [String] = []
        if !report.removed.isEmpty {
            lines.append("removed the worktrees of \(report.removed.joined(separator: " ")) (their branches remain)")
        } else if report.archivedRemoved.isEmpty, report.unstarted.isEmpty {
            lines.append("no worktree removed")
        }
        if !report.unstarted.isEmpty {
            lines.append(
                "removed the worktrees checked out ahead for \(report.unstarted.joined(separator: " ")) (not started) with their branches")
        }
        if !report.archivedRemoved.isEmpty {
            lines.append("removed the unpicked contestants \(report.archivedRemoved.joined(separator: " ")) with their branches")
        }
        if !report.kept.isEmpty { lines.append("kept \(report.kept.joined(separator: " ")): not merged — /merge them, or /clean --force") }
        if !report.dirty.isEmpty {
            lines.append(
                "kept \(report.dirty.joined(separator: " ")): merged, but with uncommitted changes in the worktree — commit or remove them, or /clean --force"
            )
        }
        say(lines)
    }
}
