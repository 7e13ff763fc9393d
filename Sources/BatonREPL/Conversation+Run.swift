import BatonAgents
import BatonCore
import BatonRuntime
import Foundation

extension Conversation {
    func showStatus() async {
        guard let controller else { say("no session yet — type a mission to start one"); return }
        let state = await controller.state
        guard !state.plan.isEmpty else { say("no plan yet — type a mission"); return }
        say(StatusTable(state: state, now: Date().timeIntervalSince1970).lines(width: width))
    }

    func showLog(task raw: String, lines count: Int) async throws {
        let task = try await taskID(raw)
        let state = try await state()
        guard let p = state.progress[task], p.turn > 0, let agent = p.agent,
              let profile = context.registry.profile(named: agent), let adapter = AdapterFactory.adapter(for: profile) else {
            throw CommandError("\(task) has not run yet — /status shows where it is")
        }
        var lines: [String] = []
        let dir = try requireSession().directory + "/runs"
        for turn in 1...p.turn {
            guard let data = FileManager.default.contents(atPath: "\(dir)/\(task)-\(turn).jsonl") else { continue }
            lines.append(style.dim("— turn \(turn) —"))
            var decoder = adapter.makeDecoder()
            for raw in data.split(separator: 0x0A) {
                for event in decoder.decode(line: String(decoding: raw, as: UTF8.self)) {
                    switch event {
                    case .text(let t): lines += TerminalText.sanitize(t).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    case .activity(let a): lines.append(style.dim("· " + TerminalText.oneLine(a, limit: 120)))
                    case .warning(let w): lines.append(style.warning(TerminalText.oneLine(w, limit: 160)))
                    default: break
                    }
                }
            }
        }
        say(lines.isEmpty ? ["\(task) has no transcript yet"] : Array(lines.suffix(max(1, count))))
    }

    func cancel(_ raw: String) async throws {
        let task = try await taskID(raw)
        let status = try await state().status(of: task)
        guard !status.isTerminal else { throw CommandError("\(task) is already \(status.label)") }
        try await requireSession().record(.taskCancelled(task: task))
    }

    func retry(_ raw: String, agent: String?) async throws {
        let task = try await taskID(raw)
        let state = try await state()
        guard state.phase == .running else { throw CommandError("nothing runs yet — /go first") }
        let status = state.status(of: task)
        guard [.failed, .interrupted, .cancelled, .paused].contains(status) else {
            throw CommandError("\(task) is \(status.label) — /retry is for failed, interrupted or cancelled tasks")
        }
        if let agent { try checkAgent(agent) }
        try await requireSession().record(.taskRetried(task: task, agent: agent))
    }

    func pause(_ raw: String) async throws {
        let task = try await taskID(raw)
        let status = try await state().status(of: task)
        guard [.planned, .ready, .preparing, .running, .waiting].contains(status) else {
            throw CommandError("\(task) is \(status.label) — only tasks not finished can pause")
        }
        try await requireSession().record(.taskPaused(task: task))
    }

    func continueTask(_ raw: String) async throws {
        let task = try await taskID(raw)
        guard try await state().status(of: task) == .paused else { throw CommandError("\(task) is not paused") }
        try await requireSession().record(.taskContinued(task: task))
    }

    func setParallel(_ n: Int) async throws {
        try await sessionForMessage().record(.parallelismSet(limit: n))
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
        var parts = ["nothing is running"]
        if waiting > 0 { parts.append("\(waiting) decision\(waiting == 1 ? "" : "s") waiting") }
        if !review.isEmpty { parts.append("in review: " + review.joined(separator: " ")) }
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
        say(lines)
    }

    func policy(name: String?, value: String?) async throws {
        let controller = try await sessionForMessage()
        guard let name else {
            say(await controller.state.policy.lines.map { "  " + $0 } + ["/policy NAME VALUE to change one"])
            return
        }
        guard let value else { throw CommandError("give a value — usage: /policy NAME VALUE") }
        var probe = await controller.state.policy
        if let error = probe.set(name, value) { throw CommandError(error) }
        try await controller.record(.policySet(name: name, value: value))
    }

    func permissions(setting: String?, value: String?) async throws {
        let controller = try await sessionForMessage()
        let state = await controller.state
        guard let setting else {
            say(["  agents run with their own permission prompts turned into decisions; no bypass flags",
                 "  bypass: \(state.permissionBypass ? "on (this session)" : "off") · /permissions bypass on|off"])
            return
        }
        guard setting == "bypass", let value, value == "on" || value == "off" else {
            throw CommandError("usage: /permissions bypass on|off")
        }
        if value == "on" {
            guard editor.isInteractive else {
                throw CommandError("turning bypass on needs a confirmation at a terminal — it lets agents run any command unasked")
            }
            switch await editor.readLine(prompt: "Let agents skip their permission checks in this session (they may run any command)? type yes: ") {
            case .line(let answer) where answer.trimmingCharacters(in: .whitespaces).lowercased() == "yes": break
            default: say("bypass stays off"); return
            }
        }
        try await controller.record(.permissionBypassSet(enabled: value == "on"))
    }
}
