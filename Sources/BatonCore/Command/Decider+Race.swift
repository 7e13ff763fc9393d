/// Races (best of N): `/race` and `/pick`.
extension Decider {
    func race(_ raw: String, agents rawAgents: [String], count: Int?, more: Bool, deadline text: String?) throws -> [SessionEvent] {
        try requirePlan()
        let task = try taskID(raw)
        guard !state.isContestant(task) else {
            throw CommandError(
                .invalidValue, "\(task) is a contestant — race the task itself: /race \(task.prefix { $0 != "." }) …", subject: task)
        }
        guard state.phase == .planning || state.phase == .running else {
            throw CommandError(.wrongPhase, "the session is finished — /new starts another")
        }
        let deadline = text.flatMap { AgentsConfig.duration($0) }
        if text != nil, !(deadline ?? 0 > 0) {
            throw CommandError(.invalidValue, "a deadline is a duration such as 20m or 1h — /race \(task) --deadline 20m", subject: task)
        }
        let existing = state.races[task]
        if let existing, existing.phase == .picked {
            throw CommandError(.wrongState, "\(task)'s race is decided (\(existing.picked ?? "") picked)", subject: task)
        }
        let status = state.status(of: task)
        if existing == nil, status != .planned, status != .ready {
            throw CommandError(
                .wrongState, "\(task) has started (\(status.label)) — a race is set on a task that has not started", subject: task)
        }
        var agents: [String] = []
        for name in rawAgents {
            try checkAgent(name)
            let agent = context.agents.profile(named: name)!.name
            guard agent != AgentName.human else {
                throw CommandError(
                    .invalidValue, "a person cannot race agents — name agents, e.g. /race \(task) claude codex", subject: name)
            }
            guard context.agents.isAvailable(agent) else {
                throw CommandError(.wrongState, context.agents.notInstalledMessage(agent), subject: agent)
            }
            if !agents.contains(agent) { agents.append(agent) }
        }
        let racing = existing?.agents ?? []
        if let count {
            let best = ranked(task).filter { !racing.contains($0) }
            guard count >= 2 || existing != nil, count >= 1 else {
                throw CommandError(.invalidValue, "a race needs two agents or more — /race \(task) 2", subject: task)
            }
            guard best.count >= count - racing.count else {
                throw CommandError(
                    .wrongState,
                    "only \(best.count + racing.count) agents are installed (\((racing + best).joined(separator: " "))) — /race \(task) \(best.count + racing.count)",
                    subject: task)
            }
            agents = Array(best.prefix(max(0, count - racing.count)))
        }
        if more && agents.isEmpty {
            guard let next = ranked(task).first(where: { !racing.contains($0) }) else {
                throw CommandError(.wrongState, "every installed agent races \(task) already", subject: task)
            }
            agents = [next]
        }
        let new = agents.filter { !racing.contains($0) }
        if existing == nil {
            if deadline != nil && new.isEmpty {
                throw CommandError(.wrongState, "\(task) is not raced — /race \(task) claude codex --deadline 20m", subject: task)
            }
            guard new.count >= 2 else {
                throw CommandError(
                    .invalidValue, "a race needs two agents or more — /race \(task) claude codex, or /race \(task) 2", subject: task)
            }
        } else if new.isEmpty && deadline == nil {
            throw CommandError(
                .wrongState, "\(racing.joined(separator: " and ")) race \(task) already — /race \(task) --more adds one", subject: task)
        }
        return [.raceSet(task: task, agents: new, deadlineSeconds: deadline)]
    }

    /// The installed agents best suited to `task`, best first.
    private func ranked(_ task: String) -> [String] {
        guard let planTask = state.plan.task(task) else { return [] }
        return Router.route(task: planTask, available: context.agents.available).ranking.map(\.agent).filter { $0 != AgentName.human }
    }

    func pick(_ raw: String, _ rawAgent: String) throws -> [SessionEvent] {
        let task = try taskID(raw)
        guard let race = state.races[task] else {
            throw CommandError(.wrongState, "\(task) is not raced — /race \(task) claude codex races it", subject: task)
        }
        if let picked = race.picked {
            throw CommandError(.wrongState, "\(task)'s race is decided already (\(picked) picked) — /diff \(task)", subject: task)
        }
        guard let agent = RaceVerdict.agent(named: rawAgent, in: race.agents) else {
            throw CommandError(
                .unknown, "\(rawAgent) does not race \(task) — its contestants are \(race.agents.joined(separator: " "))",
                subject: rawAgent)
        }
        let id = race.contestant(agent)
        guard state.contestantFinished(id) else {
            let finished = race.agents.filter { state.contestantFinished(race.contestant($0)) }
            let hint = finished.isEmpty ? "/wait for the race" : "pick one of: " + finished.joined(separator: " ")
            throw CommandError(.wrongState, "\(id) has no finished work (\(state.status(of: id).label)) — \(hint)", subject: id)
        }
        return [.racePicked(task: task, agent: agent, by: "you")]
    }
}
