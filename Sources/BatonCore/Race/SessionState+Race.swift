extension SessionState {
    /// The race and agent of a contestant's run id (`T3.claude`); nil for any other id.
    public func contestant(_ id: String) -> (race: Race, agent: String)? {
        guard let dot = id.firstIndex(of: ".") else { return nil }
        let agent = String(id[id.index(after: dot)...])
        guard let race = races[String(id[..<dot])], race.agents.contains(agent) else { return nil }
        return (race, agent)
    }

    public func isContestant(_ id: String) -> Bool { contestant(id) != nil }

    /// `t3.Codex` → `T3.codex` when that contestant exists.
    public func contestantID(_ raw: String) -> String? {
        guard let dot = raw.firstIndex(of: ".") else { return nil }
        let task = raw[..<dot].uppercased()
        let name = raw[raw.index(after: dot)...].lowercased()
        guard let race = races[task], let agent = race.agents.first(where: { $0.lowercased() == name }) else { return nil }
        return race.contestant(agent)
    }

    /// Every run id: the plan's tasks, then the contestants of races that started.
    public var runIDs: [String] {
        plan.ids + plan.ids.flatMap { id in races[id].map { $0.phase == .planned ? [] : $0.contestants } ?? [] }
    }

    /// The plan task a run works on: the task itself, or for a contestant its parent task
    /// routed to the contestant's agent (same brief, same acceptance criteria).
    public func runTask(_ id: String) -> PlanTask? {
        if let task = plan.task(id) { return task }
        guard let c = contestant(id), var task = plan.task(c.race.task) else { return nil }
        task.route = c.agent
        return task
    }

    /// The contestant will change no more without the user: finished, failed or stopped.
    public func contestantSettled(_ id: String) -> Bool {
        [.review, .done, .failed, .cancelled].contains(status(of: id))
    }

    /// The contestant finished with work to compare (a done checkpoint).
    public func contestantFinished(_ id: String) -> Bool {
        (status(of: id) == .review || status(of: id) == .done) && progress[id]?.lastCheckpoint != nil
    }

    /// Finished, green (or no checks) and not refused by its reviewer: what `/policy race
    /// auto` picks when it is the only one.
    public func contestantGood(_ id: String) -> Bool {
        guard contestantFinished(id), let p = progress[id] else { return false }
        let green = checks.isEmpty || p.verdict?.green == true
        let approved = p.review.map(\.approved) ?? true
        return green && approved
    }

    /// What a race has cost: every contestant, and the judge (counted on the parent).
    public func raceCostUSD(_ task: String) -> Double {
        (races[task]?.contestants ?? []).reduce(progress[task]?.costUSD ?? 0) { $0 + (progress[$1]?.costUSD ?? 0) }
    }

    /// Who judges `race` by the policy: `auto` — an installed agent that is not a
    /// contestant (nil when every one is); `off` — nobody; a name — that agent. Only when
    /// two or more contestants finished.
    public func judge(for race: Race) -> String? {
        guard race.contestants.filter(contestantFinished).count >= 2 else { return nil }
        switch policy.judge {
        case "off": return nil
        case "auto": return reviewAgents.first { !race.agents.contains($0) && $0 != AgentName.human }
        default: return policy.judge
        }
    }
}

extension SessionState {
    /// A contestant never merges itself, and a raced task only once one is picked.
    func raceMergeRefusal(_ task: String) -> CommandError? {
        if let c = contestant(task) {
            return CommandError(
                .wrongState, "\(task) races for \(c.race.task) — /pick \(c.race.task) \(c.agent), then /merge \(c.race.task)",
                subject: task)
        }
        if let race = races[task], race.picked == nil, race.phase != .planned {
            let hint = race.phase == .compared ? "/pick \(task) AGENT" : "/wait for the race, then /pick \(task) AGENT"
            return CommandError(.wrongState, "\(task)'s race is not decided — \(hint)", subject: task)
        }
        return nil
    }
}
