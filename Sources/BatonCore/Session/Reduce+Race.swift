extension SessionState {
    /// Events of races: set, deadline, judged, picked.
    mutating func applyRaceEvent(_ event: SessionEvent, at: Double) -> [Effect] {
        switch event {
        case .raceSet(let task, let agents, let deadline):
            var race = races[task] ?? Race(task: task, agents: [])
            let new = agents.filter { !race.agents.contains($0) }
            race.agents += new
            if let deadline { race.deadlineSeconds = deadline }
            races[task] = race
            // Not started: the contestants start with the task, when the scheduler starts it.
            if race.phase == .planned { return [] }
            var effects: [Effect] = []
            if !new.isEmpty {
                // `--more`: the race runs again until the new contestants finish too.
                races[task]?.phase = .running
                races[task]?.verdict = nil
                races[task]?.judge = nil
                for agent in new { effects += startContestant(task, agent, at: at) }
            }
            if deadline != nil, let when = races[task]?.deadline { effects.append(.raceDeadline(task: task, at: when)) }
            return effects

        case .raceDeadlinePassed(let task):
            // A timer of an earlier deadline (the user moved it) changes nothing.
            guard var race = races[task], race.phase == .running, let deadline = race.deadline, at >= deadline - 1 else { return [] }
            var effects: [Effect] = []
            for agent in race.agents {
                let id = race.contestant(agent)
                guard !contestantSettled(id), status(of: id) != .planned else { continue }
                race.stopped.append(agent)
                effects += stopContestant(id, because: "stopped at the race's deadline", at: at)
            }
            races[task] = race
            return effects

        case .raceJudged(let task, let judge, let verdict, let cost):
            guard var race = races[task], race.phase == .judging else { return [] }
            race.judge = judge
            race.verdict = verdict
            race.phase = .compared
            races[task] = race
            progress[task, default: TaskProgress()].costUSD += cost ?? 0
            let good = race.agents.filter { contestantGood(race.contestant($0)) }
            if policy.raceAuto, good.count == 1 { return pick(task, good[0], by: "policy", at: at) }
            return []

        case .racePicked(let task, let agent, let by):
            return pick(task, agent, by: by, at: at)

        default:
            return []
        }
    }

    /// The scheduler starts a raced task: every contestant gets a worktree of its own.
    mutating func startRace(_ task: String, at: Double) -> [Effect] {
        guard var race = races[task] else { return [] }
        race.phase = .running
        race.startedAt = at
        races[task] = race
        progress[task, default: TaskProgress()].status = .racing
        if progress[task]?.startedAt == nil { progress[task]?.startedAt = at }
        var effects = race.agents.flatMap { startContestant(task, $0, at: at) }
        if let when = race.deadline { effects.append(.raceDeadline(task: task, at: when)) }
        return effects
    }

    private mutating func startContestant(_ task: String, _ agent: String, at: Double) -> [Effect] {
        let id = Race.contestantID(task, agent)
        var p = TaskProgress()
        p.agent = agent
        p.status = .preparing
        p.startedAt = at
        progress[id] = p
        return [.prepareWorkspace(task: id)]
    }

    private mutating func stopContestant(_ id: String, because reason: String, at: Double) -> [Effect] {
        let wasActive = status(of: id).isActive
        progress[id]?.status = .cancelled
        progress[id]?.failure = reason
        progress[id]?.endedAt = at
        for d in openDecisions where d.task == id { updateDecision(d.id) { $0.answer = "cancelled" } }
        return wasActive ? [.stopRun(task: id)] : []
    }

    /// After every event: contestants never merge on their own; a race whose contestants
    /// have all settled goes to its judge; a cancelled race stops its contestants.
    mutating func followRaces(_ effects: [Effect], at: Double) -> [Effect] {
        guard !races.isEmpty else { return effects }
        var out = effects.filter { effect in
            if case .merge(let task) = effect { return !isContestant(task) }
            return true
        }
        for task in races.keys.sorted() {
            guard let race = races[task], race.phase == .running || race.phase == .judging else { continue }
            if status(of: task) == .cancelled {
                for id in race.contestants where !contestantSettled(id) {
                    out += stopContestant(id, because: "\(task) was cancelled", at: at)
                }
                races[task]?.phase = .compared
                continue
            }
            guard race.phase == .running, race.contestants.allSatisfy(contestantSettled) else { continue }
            races[task]?.phase = .judging
            out.append(.judgeRace(task: task, judge: judge(for: race)))
        }
        return out
    }

    /// The contestant's work becomes the task's: its worktree, branch, checkpoints and
    /// verdicts; the task goes to review (merged by policy when green). The others are
    /// archived: stopped if still running, their branches kept.
    mutating func pick(_ task: String, _ agent: String, by: String, at: Double) -> [Effect] {
        guard var race = races[task], race.picked == nil, var p = progress[race.contestant(agent)] else { return [] }
        race.picked = agent
        race.pickedBy = by
        race.phase = .picked
        races[task] = race
        var effects: [Effect] = []
        for other in race.agents where other != agent && !contestantSettled(race.contestant(other)) {
            effects += stopContestant(race.contestant(other), because: "\(race.contestant(agent)) was picked", at: at)
        }
        let own = progress[task] ?? TaskProgress()
        // Its cost stays the contestant's (counted once); the task keeps the judge's.
        p.costUSD = own.costUSD
        p.tokens = 0
        p.cachedTokens = nil
        p.startedAt = own.startedAt ?? p.startedAt
        p.endedAt = at
        progress[task] = p
        let good = contestantGood(race.contestant(agent))
        progress[task]?.status = .review
        return effects + (good ? readyToMerge(task) : []) + schedule(at: at)
    }
}
