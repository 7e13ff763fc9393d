import BatonAgents
import BatonCore
import BatonRuntime
import BatonWorkspace
import Foundation

extension Conversation {
    func decide(_ raw: String, answer: String) async throws {
        let controller = try requireSession()
        let state = await controller.state
        let id = raw.uppercased()
        guard let d = state.decision(id) else {
            let open = state.openDecisions.map(\.id).joined(separator: " ")
            throw CommandError("unknown decision \(raw) — " + (open.isEmpty ? "no decision is waiting" : "waiting: \(open)"))
        }
        guard d.isOpen else { throw CommandError("\(id) was already answered: \(d.answer ?? "")") }
        if let n = Int(answer.trimmingCharacters(in: .whitespaces)), !d.options.isEmpty, !(1...d.options.count).contains(n) {
            throw CommandError("\(id) has options 1–\(d.options.count) — pick one, or answer in words")
        }
        try await controller.record(.decisionAnswered(id: id, answer: answer))
    }

    func showDecisions() async {
        guard let state = try? await state(), !state.decisions.isEmpty else { say("no decisions yet"); return }
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
            lines += TextTable(rows: answered.map { d in
                [style.id(d.id), d.task ?? "—", TerminalText.oneLine(d.question, limit: 80), TerminalText.oneLine(d.answer ?? "", limit: 60)]
            }, flexibleColumn: 2).render(width: width)
        }
        say(lines)
    }

    func note(_ text: String) async throws {
        try await sessionForMessage().record(.noteRecorded(text: text))
    }

    func done(_ raw: String, summary: String) async throws {
        let task = try await taskID(raw)
        let state = try await state()
        guard state.status(of: task) == .running, state.progress[task]?.worktree != nil,
              state.progress[task]?.pid == nil else {
            throw CommandError("\(task) is \(state.status(of: task).label) — /done is for tasks you do by hand (human) or conflicts you resolved")
        }
        try await requireSession().record(.humanFinished(task: task, summary: summary))
    }

    func diff(_ raw: String, stat: Bool) async throws {
        let task = try await taskID(raw)
        let state = try await state()
        guard let p = state.progress[task], let branch = p.branch, let base = p.baseCommit else {
            throw CommandError("\(task) has no branch yet — /status shows where it is")
        }
        let text = try await context.workspace.diff(branch: branch, since: base, stat: stat, color: style.color)
        guard !text.isEmpty else { say("\(task) changed nothing yet"); return }
        if editor.isInteractive, text.split(separator: "\n").count > Terminal.rows() - 2, await Pager.show(text) { return }
        say(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }

    func merge(_ raw: String) async throws {
        let task = try await taskID(raw)
        try await requireSession().merge(task)
    }

    func reject(_ raw: String, why: String) async throws {
        let task = try await taskID(raw)
        let status = try await state().status(of: task)
        guard status == .review || status == .done else {
            throw CommandError("\(task) is \(status.label) — /reject is for a task in review (after its done checkpoint)")
        }
        try await requireSession().record(.taskRejected(task: task, feedback: why))
    }

    /// Merges what is in review in dependency order, then writes PR.md.
    func finish() async throws {
        let controller = try requireSession()
        guard await controller.state.phase == .running else { throw CommandError("nothing runs yet — /go first") }
        var progress = true
        while progress {
            progress = false
            let state = await controller.state
            for task in PlanGraph(state.plan).topologicalOrder() where state.status(of: task) == .review {
                let deps = state.plan.task(task)?.deps ?? []
                guard deps.allSatisfy({ state.status(of: $0) == .merged }) else { continue }
                try await controller.merge(task)
                if await controller.state.status(of: task) == .merged { progress = true } else { break }
            }
        }
        let state = await controller.state
        let unmerged = state.plan.tasks.filter { state.status(of: $0.id) != .merged && state.status(of: $0.id) != .cancelled }.map(\.id)
        if !unmerged.isEmpty { say(style.warning("not merged: \(unmerged.joined(separator: " ")) — they are left out of the PR")) }
        let file = controller.directory + "/PR.md"
        let text = await PullRequestWriter(context: context, scratch: controller.runFiles.directory).write(state: state)
        try PrivateFile.write(text, to: file)
        try await controller.record(.sessionFinished(summaryFile: file))
        let branch = state.integrationBranch ?? ""
        if context.executor.which("gh") != nil {
            say("open the PR: git push -u origin \(branch) && gh pr create --head \(branch) --body-file \(file)")
        } else {
            say("open the PR: push \(branch) and paste \(file) as its description")
        }
    }

    /// Removes worktrees of merged tasks; unmerged work only with --force and a confirmation,
    /// and even then its uncommitted changes are committed on its branch first.
    func clean(force: Bool) async throws {
        let state = try await state()
        var removed: [String] = []
        var kept: [String] = []
        let worktreeTasks = state.plan.tasks.filter { t in
            state.progress[t.id]?.worktree.map { FileManager.default.fileExists(atPath: $0) } ?? false
        }
        let unmerged = worktreeTasks.filter { state.status(of: $0.id) != .merged }.map(\.id)
        if force && !unmerged.isEmpty {
            guard editor.isInteractive else { throw CommandError("/clean --force needs a confirmation at a terminal") }
            let q = "remove the worktrees of unmerged \(unmerged.joined(separator: " "))? their branches keep the work · type yes: "
            guard case .line(let a) = await editor.readLine(prompt: q), a.trimmingCharacters(in: .whitespaces) == "yes" else {
                say("nothing removed")
                return
            }
        }
        var dirty: [String] = []
        for task in worktreeTasks {
            guard let path = state.progress[task.id]?.worktree, FileManager.default.fileExists(atPath: path) else { continue }
            let merged = state.status(of: task.id) == .merged
            guard merged || force else { kept.append(task.id); continue }
            if state.status(of: task.id).isActive { kept.append(task.id); continue }
            if merged {
                // Merged, but changed since: git refuses, and that work is not merged.
                do {
                    try await context.workspace.removeWorktree(path: path, force: false)
                    removed.append(task.id)
                    continue
                } catch {
                    guard force else { dirty.append(task.id); continue }
                }
            }
            _ = try await context.workspace.commitCheckpoint(in: path, message: "baton: \(task.id) work saved by /clean")
            try await context.workspace.removeWorktree(path: path, force: true)
            removed.append(task.id)
        }
        var lines = [removed.isEmpty ? "no worktree removed" : "removed the worktrees of \(removed.joined(separator: " ")) (their branches remain)"]
        if !kept.isEmpty { lines.append("kept \(kept.joined(separator: " ")): not merged — /merge them, or /clean --force") }
        if !dirty.isEmpty {
            lines.append("kept \(dirty.joined(separator: " ")): merged, but with uncommitted changes in the worktree — commit or remove them, or /clean --force")
        }
        say(lines)
    }
}
