/// `/route` and `/go`.
extension Decider {
    /// `/route T AGENT` chooses; `/route all AGENT` chooses for every task not started;
    /// `/route all [--prefer P]` re-routes every task the user did not choose.
    func route(_ target: RouteTarget, agent: String?, prefer: String?) throws -> [SessionEvent] {
        try requirePlan()
        let preference = try Self.preference(prefer)
        let available = context.agents.available
        switch (target, agent) {
        case (.all, nil):
            return try editPlan("/route all" + (prefer.map { " --prefer \($0)" } ?? "")) { tasks in
                for i in tasks.indices where !tasks[i].routeOverridden && notStarted(tasks[i].id) {
                    let choice = Router.route(
                        task: tasks[i], available: available, preference: preference, scopeFiles: { context.scopeFiles[$0] })
                    tasks[i].route = choice.agent
                    tasks[i].routeReason = choice.reason
                }
            }
        case (.all, let agent?):
            try checkAgent(agent)
            let name = context.agents.profile(named: agent)?.name ?? agent
            return try editPlan("/route all \(name)") { tasks in
                for i in tasks.indices where notStarted(tasks[i].id) {
                    choose(name, for: &tasks[i], preference: preference)
                }
            }
        case (.task(let raw), let agent?):
            let id = try taskID(raw)
            try checkAgent(agent)
            return try editPlan("/route \(id) \(agent)") { tasks in
                let i = tasks.firstIndex { $0.id == id }!
                choose(agent, for: &tasks[i], preference: preference)
            }
        case (.task(let raw), nil):
            let id = try taskID(raw)
            throw CommandError(.invalidValue, "name the agent: /route \(id) AGENT (/route \(id) alone ranks the agents)", subject: id)
        }
    }

    /// The user's choice, with what the router thinks of it.
    private func choose(_ agent: String, for task: inout PlanTask, preference: RoutePreference) {
        let router = Router.route(
            task: task, available: context.agents.available, preference: preference, scopeFiles: { context.scopeFiles[$0] })
        task.routeReason =
            router.agent == agent
            ? "you chose; router agrees: \(router.reason)" : "you chose; router preferred \(router.agent): \(router.reason)"
        task.route = agent
        task.routeOverridden = true
    }

    private func notStarted(_ id: String) -> Bool {
        let status = state.status(of: id)
        return state.phase != .running || status == .planned || status == .ready
    }

    static func preference(_ prefer: String?) throws -> RoutePreference { try RoutePreference.named(prefer).get() }

    /// `/go`: the plan must be valid and HEAD must have a commit; the agents' limits are
    /// recorded, then the approval (the runtime creates the integration branch first).
    func go() throws -> [SessionEvent] {
        try requirePlan()
        guard state.phase == .planning else { throw CommandError(.wrongPhase, "the plan is already running — /status shows it") }
        if let error = PlanValidator.validate(state.plan).first {
            throw CommandError(.invalidPlan, "the plan is not valid: \(error) — fix it with /edit, /dep or /drop")
        }
        guard let head = context.head else { throw CommandError(.failed, "where HEAD stands is not known — /go again") }
        guard let commit = head.commit else {
            throw CommandError(.wrongState, "the repository has no commits yet — commit something first, then /go")
        }
        let limits = Dictionary(context.agents.profiles.map { ($0.name, $0.maxParallel) }, uniquingKeysWith: { a, _ in a })
        return [.agentLimitsSet(limits: limits), .planApproved(integrationBranch: head.integrationBranch, baseCommit: commit)]
    }
}

extension RoutePreference {
    /// `--prefer best|cheap|fast` (best when not given).
    public static func named(_ prefer: String?) -> Result<RoutePreference, CommandError> {
        guard let prefer else { return .success(.best) }
        guard let p = RoutePreference(rawValue: prefer) else {
            return .failure(CommandError(.invalidValue, "--prefer takes best, cheap or fast"))
        }
        return .success(p)
    }
}
