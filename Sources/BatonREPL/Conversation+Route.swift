import BatonAgents
import BatonCore
import BatonRuntime
import BatonWorkspace

extension Conversation {
    /// `/route`, `/route T3`, `/route T3 codex`, `/route all [--prefer cheap]`.
    func route(task raw: String?, agent: String?, prefer: String?) async throws {
        let state = try await state()
        guard !state.plan.isEmpty else { throw CommandError("there is no plan yet — type a mission first") }
        var preference = RoutePreference.best
        if let prefer {
            guard let p = RoutePreference(rawValue: prefer) else { throw CommandError("--prefer takes best, cheap or fast") }
            preference = p
        }
        let registry = context.registry
        switch (raw?.lowercased(), agent) {
        case (nil, _) where prefer == nil:
            let rows = state.plan.tasks.map { t in
                [style.id(t.id), t.route ?? "—", (t.routeOverridden ? "you chose" : TerminalText.oneLine(t.routeReason ?? "", limit: 80))]
            }
            say(TextTable(rows: rows, flexibleColumn: 2).render(width: width))
        case (nil, _), ("all", nil):
            try await editPlan("/route all" + (prefer.map { " --prefer \($0)" } ?? "")) { tasks in
                for i in tasks.indices where !tasks[i].routeOverridden {
                    let choice = Router.route(task: tasks[i], available: registry.available, preference: preference)
                    tasks[i].route = choice.agent
                    tasks[i].routeReason = choice.reason
                }
            }
        case (_, nil):
            let id = try await taskID(raw!)
            let task = state.plan.task(id)!
            let choice = Router.route(task: task, available: registry.available, preference: preference)
            var lines = ["\(id) \(TerminalText.oneLine(task.title, limit: 60)) · routed to \(task.route ?? "—")" + (task.routeOverridden ? " (you chose)" : "")]
            lines += TextTable(rows: choice.ranking.map { [$0.agent, String(format: "%.1f", $0.score), TerminalText.oneLine($0.why, limit: 90)] }, flexibleColumn: 2).render(width: width)
            say(lines)
        case (_, let agent?):
            let id = try await taskID(raw!)
            try checkAgent(agent)
            let task = state.plan.task(id)!
            let router = Router.route(task: task, available: registry.available, preference: preference)
            let reason = router.agent == agent ? "you chose; router agrees: \(router.reason)" : "you chose; router preferred \(router.agent): \(router.reason)"
            try await editPlan("/route \(id) \(agent)") { tasks in
                let i = tasks.firstIndex { $0.id == id }!
                tasks[i].route = agent
                tasks[i].routeReason = reason
                tasks[i].routeOverridden = true
            }
            let controller = try requireSession()
            if await controller.state.status(of: id) == .planned || state.phase == .running {
                say("\(id) → \(agent) (\(reason))")
            }
        }
    }

    /// `/go`: validates, warns about what is not part of the run, creates the integration
    /// branch, and starts what can start.
    func go() async throws {
        let controller = try requireSession()
        let state = await controller.state
        guard !state.plan.isEmpty else { throw CommandError("there is no plan yet — type a mission first") }
        guard state.phase == .planning else { throw CommandError("the plan is already running — /status shows it") }
        if let error = PlanValidator.validate(state.plan).first {
            throw CommandError("the plan is not valid: \(error) — fix it with /edit, /dep or /drop")
        }
        let head = try await context.workspace.headState()
        guard head.hasCommits, let commit = head.commit else {
            throw CommandError("the repository has no commits yet — commit something first, then /go")
        }
        if head.branch == nil {
            say(style.warning("HEAD is detached — the run starts from commit \(commit.prefix(8))"))
        }
        if !head.dirtyFiles.isEmpty {
            let files = head.dirtyFiles.prefix(4).joined(separator: " ") + (head.dirtyFiles.count > 4 ? " …" : "")
            say(style.warning("uncommitted changes are not part of the run (\(files)) — commit them first if tasks need them"))
        }
        say(PlanView(plan: state.plan, state: state, style: style, width: width).overlapLines())
        for task in state.plan.tasks {
            if let route = task.route, route != AgentName.human, !context.registry.isAvailable(route) {
                let alternative = context.registry.available.first { $0.name != AgentName.human }?.name ?? AgentName.human
                say(style.warning("\(task.id) is routed to \(route), which is not installed — /route \(task.id) \(alternative)"))
            }
        }
        let integration = try await context.workspace.createIntegrationBranch(session: controller.id, from: commit)
        let limits = Dictionary(context.registry.profiles.map { ($0.name, $0.maxParallel) }, uniquingKeysWith: { a, _ in a })
        try await controller.record(.agentLimitsSet(limits: limits))
        try await controller.record(.planApproved(integrationBranch: integration, baseCommit: commit))
        await controller.recordPendingDecisions()
    }
}
