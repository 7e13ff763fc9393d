/// Picks which tasks start now: the ready set (every dependency merged or done), within the
/// session's parallelism and each agent's own limit, longest remaining chain first.
public enum Scheduler {
    /// Tasks whose dependencies are all through and that have not started.
    public static func readySet(_ state: SessionState) -> [String] {
        state.plan.tasks.filter { task in
            let s = state.status(of: task.id)
            return (s == .planned || s == .ready)
                && task.deps.allSatisfy { state.status(of: $0).satisfiesDependents }
        }.map(\.id)
    }

    /// The dependents of `task` that are not started, not raced, and whose dependencies have
    /// all started: the tasks whose worktrees are worth checking out ahead (after `task`'s).
    public static func comingNext(after task: String, in state: SessionState) -> [String] {
        PlanGraph(state.plan).dependents(of: task).filter { id in
            state.status(of: id) == .planned && state.races[id] == nil
                && (state.plan.task(id)?.deps.allSatisfy { state.status(of: $0).hasStarted } ?? false)
        }
    }

    /// The tasks to start now, in order.
    public static func next(_ state: SessionState) -> [String] {
        guard state.phase == .running else { return [] }
        // Dependents start only from a green integration branch.
        guard state.integrationChecking == nil, state.integrationBrokenBy == nil else { return [] }
        var running = state.runningCount
        var perAgent: [String: Int] = [:]
        for p in state.progress.values where p.status.isActive {
            perAgent[p.agent ?? "", default: 0] += 1
        }
        let chain = PlanGraph(state.plan).remainingChainLengths()
        let order = Dictionary(uniqueKeysWithValues: state.plan.tasks.enumerated().map { ($1.id, $0) })
        let ready = readySet(state).sorted {
            let (a, b) = (chain[$0] ?? 0, chain[$1] ?? 0)
            return a != b ? a > b : (order[$0] ?? 0) < (order[$1] ?? 0)
        }
        var chosen: [String] = []
        for id in ready where running < state.parallelism {
            let agent = state.progress[id]?.agent ?? state.plan.task(id)?.route ?? ""
            let limit = state.agentLimits[agent] ?? Int.max
            guard perAgent[agent, default: 0] < limit else { continue }
            if let until = state.rateLimitedUntil[agent], until > state.lastEventAt { continue }
            chosen.append(id)
            running += 1
            perAgent[agent, default: 0] += 1
        }
        return chosen
    }
}
