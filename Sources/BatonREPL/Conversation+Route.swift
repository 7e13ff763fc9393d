import BatonCore
import BatonRuntime

extension Conversation {
    /// `/route` (the table), `/route T3` (the ranking), `/route T3 codex`, `/route all [AGENT]
    /// [--prefer cheap]`, `/route --prefer cheap` (same as `all`).
    func route(task raw: String?, agent: String?, prefer: String?) async throws {
        let state = try await state()
        let target: RouteTarget? =
            switch raw?.lowercased() {
            case nil: prefer == nil && agent == nil ? nil : .all
            case "all": .all
            default: .task(raw!)
            }
        guard let target else {
            guard !state.plan.isEmpty else { throw CommandError(.noPlan, "there is no plan yet — type a mission first") }
            let rows = state.plan.tasks.map { t in
                [style.id(t.id), t.route ?? "—", (t.routeOverridden ? "you chose" : TerminalText.oneLine(t.routeReason ?? "", limit: 80))]
            }
            say(TextTable(rows: rows, flexibleColumn: 2).render(width: width))
            return
        }
        if case .task(let raw) = target, agent == nil {
            try await showRanking(raw, prefer: prefer, in: state)
            return
        }
        try await perform(.route(target, agent: agent, prefer: prefer))
        if case .task(let raw) = target, let agent, let task = try await self.state().plan.task(raw.uppercased()) {
            say("\(task.id) → \(agent) (\(task.routeReason ?? ""))")
        }
    }

    /// `/route T3`: the agents ranked for a task (nothing changes).
    private func showRanking(_ raw: String, prefer: String?, in state: SessionState) async throws {
        guard !state.plan.isEmpty else { throw CommandError(.noPlan, "there is no plan yet — type a mission first") }
        let preference = try RoutePreference.named(prefer).get()
        let id = try state.taskID(raw).get()
        let task = state.plan.task(id)!
        let sizes = await controller?.scopeFiles(of: [task]) ?? [:]
        let choice = Router.route(task: task, available: context.registry.available, preference: preference, scopeFiles: { sizes[$0] })
        var lines = [
            "\(id) \(TerminalText.oneLine(task.title, limit: 60)) · routed to \(task.route ?? "—")"
                + (task.routeOverridden ? " (you chose)" : "")
        ]
        lines += TextTable(
            rows: choice.ranking.map { [$0.agent, String(format: "%.1f", $0.score), TerminalText.oneLine($0.why, limit: 90)] },
            flexibleColumn: 2
        ).render(width: width)
        say(lines)
    }

    /// `/go`: the controller reads HEAD, checks, warns, creates the integration branch and
    /// starts what can start.
    func go() async throws {
        try await perform(.go)
    }
}
