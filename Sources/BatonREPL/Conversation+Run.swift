import BatonAgents
import BatonCore
import BatonRuntime
import Foundation

extension Conversation {
    func showStatus() async {
        guard let controller else {
            say("no session yet — type a mission to start one")
            return
        }
        let state = await controller.state
        guard !state.plan.isEmpty else {
            say("no plan yet — type a mission")
            return
        }
        say(StatusTable(state: state, now: Date().timeIntervalSince1970).lines(width: width))
    }

    /// The transcript of a task: what the agent said and did, turn by turn; each turn's
    /// checkpoint as its line (`checkpoint 2 · core drafted · SUMMARY · next: …`), never the
    /// raw ```baton block.
    func showLog(task raw: String, lines count: Int) async throws {
        let controller = try requireSession()
        let transcript = try await controller.transcript(of: raw)
        let state = await controller.state
        let task = (try? state.taskID(raw).get()) ?? raw.uppercased()
        let renderer = TranscriptRenderer(style: style, width: width)
        let checkpoints = state.progress[task]?.checkpoints ?? []
        var lines: [String] = []
        var turn: Int?
        var inBlock = false
        func closeTurn() {
            guard let turn else { return }
            for cp in checkpoints where cp.turn == turn { lines.append(renderer.checkpointLine(task, cp, state)) }
        }
        for line in transcript {
            switch line {
            case .turn(let n):
                closeTurn()
                turn = n
                inBlock = false
                lines.append(style.dim("— turn \(n) —"))
            case .text(let t):
                let trimmed = t.trimmingCharacters(in: .whitespaces).lowercased()
                if inBlock {
                    if trimmed.hasPrefix("```") { inBlock = false }
                } else if trimmed.hasPrefix("```") && trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces) == "baton" {
                    inBlock = true
                } else {
                    lines.append(t)
                }
            case .activity(let a): lines.append(style.dim("· " + a))
            case .subagent(let s): lines.append(style.dim("    │ ") + s)
            case .warning(let w): lines.append(style.warning(w))
            case .stderr(let e): lines.append(style.warning("stderr: " + e))
            }
        }
        closeTurn()
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        say(lines.isEmpty ? ["\(task) has no transcript yet"] : Array(lines.suffix(max(1, count))))
    }

    /// `/log T --raw`: the agent's stream lines as it wrote them, turn by turn.
    func showRawLog(task raw: String, lines count: Int) async throws {
        var lines: [String] = []
        for turn in try await requireSession().rawTranscript(of: raw) {
            lines.append(style.dim("— turn \(turn.turn) · raw —"))
            lines += turn.lines
        }
        say(lines.isEmpty ? ["\(raw.uppercased()) has no transcript yet"] : Array(lines.suffix(max(1, count))))
    }

    func cancel(_ raw: String) async throws { try await perform(.cancel(task: raw)) }

    func retry(_ raw: String, agent: String?) async throws { try await perform(.retry(task: raw, agent: agent)) }

    func pause(_ raw: String) async throws { try await perform(.pause(task: raw)) }

    func continueTask(_ raw: String) async throws { try await perform(.resume(task: raw)) }

    func setParallel(_ n: Int) async throws {
        try await perform(.parallel(n))
        let capped = context.registry.available.filter { $0.maxParallel < n && !$0.isHuman }
        if !capped.isEmpty {
            let limits = capped.map { "\($0.name) \($0.maxParallel)" }.joined(separator: ", ")
            say("each agent also has its own limit (\(limits)) — raise max_parallel in .baton/agents.json for more")
        }
    }

    func waitQuiet() async throws {
        let controller = try requireSession()
        guard await waitUntilQuiet(controller) else { return }
        let state = await controller.state
        let waiting = state.openDecisions.count
        let review = state.plan.tasks.filter { state.status(of: $0.id) == .review }.map(\.id)
        // Agents that asked mid-turn (ask_human) wait inside their turn for the answer.
        let asked = state.openDecisions.filter { $0.request != nil }.compactMap { d in d.task.map { "\($0) (asked \(d.id))" } }
        var parts = ["nothing is running" + (asked.isEmpty ? "" : " but " + asked.joined(separator: ", "))]
        if waiting > 0 { parts.append("\(waiting) decision\(waiting == 1 ? "" : "s") waiting") }
        if !review.isEmpty { parts.append("in review: " + review.joined(separator: " ")) }
        let picks = state.plan.ids.filter { state.races[$0]?.phase == .compared }
        if !picks.isEmpty { parts.append("races to pick: " + picks.map { "/pick \($0) AGENT" }.joined(separator: " ")) }
        say(parts.joined(separator: " · "))
    }

    /// Waits until nothing runs; false when Ctrl-C stopped the wait (the tasks go on).
    func waitUntilQuiet(_ controller: SessionController) async -> Bool {
        let interrupts = editor.interruptCount
        while !(await controller.isQuiet) {
            if editor.interruptCount != interrupts {
                say("stopped waiting · the tasks go on (/status)")
                return false
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    func showAgents() async {
        var runs: [String: Int] = [:]
        if let state = try? await state() {
            for p in state.progress.values where p.status.isActive { runs[p.agent ?? "", default: 0] += 1 }
        }
        var hints: [String] = []
        let rows = context.registry.table(runsInProgress: runs).map { row -> [String] in
            guard row.count > 1, let dash = row[1].range(of: "missing — ") else { return row }
            hints.append("  \(row[0]): \(row[1][dash.upperBound...])")
            var r = row
            r[1] = "missing"
            return r
        }
        var lines = TextTable(rows: [AgentRegistry.tableHeader] + rows, flexibleColumn: 3).render(width: width)
        if !hints.isEmpty { lines += ["to install:"] + hints }
        lines += await acpAgentLines()
        lines += context.registry.profiles.compactMap { AgentRetirement.note(for: $0.name).map { "note: " + $0 } }
        let sources = context.registry.settingSources
        if !sources.isEmpty {
            lines.append("settings not built in (the repository's file wins over yours):")
            for name in context.registry.names + ["prices"] {
                guard let fields = sources[name], !fields.isEmpty else { continue }
                let byFile = Dictionary(grouping: fields.keys.sorted()) { fields[$0] ?? "" }
                let parts = byFile.keys.sorted().map { file in "\(byFile[file]!.joined(separator: " ")) from \(file)" }
                lines.append("  \(name): " + parts.joined(separator: "; "))
            }
        }
        say(lines)
    }

    func policy(name: String?, value: String?) async throws {
        guard let name else {
            let controller = try await sessionForMessage()
            say(await controller.state.policy.lines.map { "  " + $0 } + ["/policy NAME VALUE to change one"])
            return
        }
        guard let value else { throw CommandError("give a value — usage: /policy NAME VALUE") }
        try await perform(.policy(name: name, value: value))
    }

    /// `/permissions bypass on` asks for a typed yes at a terminal; the rule is the core's.
    func permissions(setting: String?, value: String?) async throws {
        guard let setting else {
            let state = await (try await sessionForMessage()).state
            say([
                "  agents run with their own permission prompts turned into decisions; no bypass flags",
                "  bypass: \(state.permissionBypass ? "on (this session)" : "off") · /permissions bypass on|off",
            ])
            return
        }
        guard setting == "bypass", let value, value == "on" || value == "off" else {
            throw CommandError("usage: /permissions bypass on|off")
        }
        var confirmed = false
        if value == "on" {
            let agents = context.registry.available.map(\.name)
            switch PermissionBypass.verdict(agents: agents, runningAsRoot: PermissionBypass.runningAsRoot) {
            case .refused(let reason): throw CommandError(.wrongState, reason)
            case .partly(let warning): say(style.warning(warning))
            case .allowed: break
            }
        }
        if value == "on" && editor.isInteractive {
            _ = try await sessionForMessage()
            switch await editor.readLine(
                prompt: "Let agents skip their permission checks in this session (they may run any command)? type yes: ")
            {
            case .line(let answer) where answer.trimmingCharacters(in: .whitespaces).lowercased() == "yes": confirmed = true
            default:
                say("bypass stays off")
                return
            }
        }
        try await perform(.permissions(bypass: value == "on", confirmed: confirmed))
    }
}
