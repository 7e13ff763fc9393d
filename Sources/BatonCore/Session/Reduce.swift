/// The one place state changes: applies `event` (which happened at `at`, seconds since 1970)
/// to `state` and returns what the runtime must do next. Pure and deterministic: replaying the
/// same events gives the same state, which is how a session resumes.
public func reduce(into state: inout SessionState, _ event: SessionEvent, at: Double) -> [Effect] {
    let effects = apply(event, to: &state, at: at)
    return state.followRaces(effects, at: at)
}

private func apply(_ event: SessionEvent, to state: inout SessionState, at: Double) -> [Effect] {
    state.lastEventAt = at
    if state.createdAt == 0 { state.createdAt = at }
    switch event {
    case .missionSet(let text):
        state.mission = text
        guard state.phase == .empty else { return [] }
        state.phase = .planning
        return [.proposePlan(mission: text, feedback: nil)]
    case .userSaid(let text):
        // While planning, what the user says is feedback for the planner.
        guard state.phase == .planning, let mission = state.mission else { return [] }
        return [.proposePlan(mission: mission, feedback: text)]
    case .replanRequested(let feedback):
        guard state.phase == .planning, let mission = state.mission else { return [] }
        return [.proposePlan(mission: mission, feedback: feedback)]
    case .plannerFailed:
        return []
    case .planProposed(let planner, let tasks, let cost, _):
        state.planner = planner
        state.plannerCostUSD += cost ?? 0
        state.pushPlan(tasks)
        return []
    case .planEdited(_, let tasks):
        state.pushPlan(tasks)
        return state.schedule(at: at)  // a task added while running starts when a slot is free
    case .planUndone:
        if state.planIndex > 0 { state.planIndex -= 1 }
        return []
    case .planRedone:
        if state.planIndex < state.planHistory.count - 1 { state.planIndex += 1 }
        return []
    case .planApproved(let branch, let commit):
        state.phase = .running
        state.integrationBranch = branch
        state.baseCommit = commit
        for task in state.plan.tasks where state.progress[task.id] == nil {
            var p = TaskProgress()
            p.agent = task.route
            state.progress[task.id] = p
        }
        return state.schedule(at: at)
    case .parallelismSet(let limit):
        state.parallelism = max(1, limit)
        return state.schedule(at: at)
    case .agentLimitsSet(let limits):
        state.agentLimits = limits
        return state.schedule(at: at)
    case .policySet(let name, let value):
        let wasAuto = state.policy.autoMerge
        _ = state.policy.set(name, value)
        if state.policy.autoMerge && !wasAuto {
            return state.plan.tasks.filter { state.status(of: $0.id) == .review }.map { .merge(task: $0.id) }
        }
        return []
    case .budgetSet(let usd):
        state.budgetUSD = usd
        return state.releaseBudgetHold(at: at)
    case .permissionBypassSet(let enabled):
        state.permissionBypass = enabled
        return []
    case .agentAvailable(let agent):
        state.rateLimitedUntil[agent] = nil
        return state.schedule(at: at)
    case .sessionFinished(let file):
        state.phase = .finished
        state.summaryFile = file
        return []
    case .workspaceCreated, .turnStarted, .taskActivity, .warningGiven, .turnFinished, .checkpointRecorded,
        .taskFailed, .runInterrupted, .runStalled, .taskMerged, .mergeConflicted, .taskRejected,
        .humanFinished:
        return state.applyRunEvent(event, at: at)
    case .agentSessionOpened, .permissionAsked:
        return state.applyLiveTurnEvent(event, at: at)
    case .decisionAnswered, .answerContradicted, .guidanceGiven, .noteRecorded, .taskPaused, .taskContinued,
        .taskCancelled, .taskRetried:
        return state.applyHumanEvent(event, at: at)
    case .agentAsked, .agentNoted, .progressReported:
        return state.applyAgentCall(event, at: at)
    case .checksConfigured, .checksRequested, .checksStarted, .checksFinished, .checksInterrupted, .mergeChecked,
        .mergeReverted, .taskReviewed:
        return state.applyCheckEvent(event, at: at)
    case .raceSet, .raceDeadlinePassed, .raceJudged, .racePicked:
        return state.applyRaceEvent(event, at: at)
    case .integrationFixStarted, .integrationFixFinished:
        return state.applyIntegrationFixEvent(event, at: at)
    }
}

extension SessionState {
    /// Makes `tasks` the newest plan version, dropping any redo history.
    mutating func pushPlan(_ tasks: [PlanTask]) {
        if planIndex < planHistory.count - 1 {
            planHistory.removeSubrange((planIndex + 1)...)
        }
        let version = (planHistory.last?.version ?? 0) + 1
        planHistory.append(Plan(version: version, tasks: tasks))
        planIndex = planHistory.count - 1
        // Tasks added while running get progress entries; routes follow the plan until a run starts.
        if phase == .running {
            for task in tasks {
                if progress[task.id] == nil { progress[task.id] = TaskProgress() }
                if progress[task.id]?.turn == 0 { progress[task.id]?.agent = task.route }
            }
        }
    }

    /// Starts whatever the scheduler allows now.
    mutating func schedule(at: Double) -> [Effect] {
        guard phase == .running else { return [] }
        let checkRuns = dispatchChecks()  // a freed check slot goes to the next in the queue
        if !checkRuns.isEmpty { return checkRuns + schedule(at: at) }
        for id in Scheduler.readySet(self) where status(of: id) == .planned {
            progress[id, default: TaskProgress()].status = .ready
        }
        if overBudget {
            let waiting = Scheduler.readySet(self)
            if !waiting.isEmpty { return openBudgetDecision(for: nil) }
            return []
        }
        return Scheduler.next(self).flatMap { id -> [Effect] in
            if races[id] != nil { return startRace(id, at: at) }  // its contestants start
            progress[id, default: TaskProgress()].status = .preparing
            if progress[id]?.startedAt == nil { progress[id]?.startedAt = at }
            return [.prepareWorkspace(task: id)]
        }
    }

    var overBudget: Bool {
        guard let budget = budgetUSD else { return false }
        return totalCostUSD >= budget
    }

    /// Starts the next turn of `task`, unless the budget is spent (then asks).
    mutating func startTurn(_ task: String, messages extra: [String] = []) -> [Effect] {
        guard var p = progress[task] else { return [] }
        p.pendingMessages += extra
        if overBudget {
            p.status = .waiting
            progress[task] = p
            return openBudgetDecision(for: task)
        }
        p.status = .running
        progress[task] = p
        return [.startTurn(task: task, turn: p.turn + 1, messages: p.pendingMessages)]
    }

    mutating func openBudgetDecision(for task: String?) -> [Effect] {
        if let open = openDecisions.first(where: { $0.kind == .budget }) {
            if let task, !open.context.contains(task) { updateDecision(open.id) { $0.context.append(task) } }
            return []
        }
        let spent = Money.format(totalCostUSD)
        let limit = Money.format(budgetUSD ?? 0)
        return openDecision(
            kind: .budget, task: nil,
            question: "The mission has spent \(spent) of its \(limit) budget — no new turn starts. Go on?",
            options: ["continue without a budget", "stop here"], context: task.map { [$0] } ?? [])
    }

    mutating func releaseBudgetHold(at: Double) -> [Effect] {
        guard !overBudget else { return [] }
        var effects: [Effect] = []
        for d in openDecisions where d.kind == .budget {
            updateDecision(d.id) { $0.answer = "budget changed" }
            for task in d.context where status(of: task) == .waiting { effects += startTurn(task) }
        }
        return effects + schedule(at: at)
    }

    /// Queues a decision with the next id and asks the runtime to notify.
    mutating func openDecision(kind: DecisionKind, task: String?, question: String, options: [String], context: [String] = []) -> [Effect] {
        let id = "D\(decisions.count + 1)"
        var d = Decision(id: id, kind: kind, task: task, question: question, options: options, context: context)
        d.openedAt = lastEventAt
        decisions.append(d)
        if let task, progress[task] != nil, kind != .stall { progress[task]?.status = .waiting }
        return [.notifyDecision(id: id)]
    }

    mutating func updateDecision(_ id: String, _ change: (inout Decision) -> Void) {
        if let i = decisions.firstIndex(where: { $0.id == id }) { change(&decisions[i]) }
    }
}
