import BatonCore
import BatonRuntime
import Foundation

/// `baton run`: plans a mission, and with `approve` runs it to the `goal` without a
/// terminal — answering decisions from the answers file, merging as tasks reach review when
/// the goal asks for merges — and says how it ended.
struct HeadlessRun {
    var mission: String
    var approve: Bool
    var goal: RunGoal
    var policy: PolicyOption
    var answers: AnswerBook?
    var budgetUSD: Double?
    let context: RuntimeContext
    let output: HeadlessOutput

    /// How often the run looks at the session while tasks run.
    static let pollInterval: Duration = .milliseconds(50)
    /// Answers the file gives in one run at most: an agent that asks again and again ends
    /// up waiting (exit 3) instead of looping for ever.
    static let maxAnswers = 100

    func run() async -> RunOutcome {
        let session: OpenSession
        do {
            session = try context.store.create(repository: context.repositoryRoot, now: Date().timeIntervalSince1970)
        } catch {
            return .failed(ErrorLine.text(of: error))
        }
        output.header(session.header)
        let controller = SessionController(context: context, session: session)
        await controller.setObserver(output.observer())
        do {
            if let budgetUSD { try await controller.perform(.budget(usd: budgetUSD)) }
            for command in policy.commands { try await controller.perform(command) }
            // The mission: planning is its effect (planProposed, or plannerFailed).
            try await controller.perform(.say(mission))
            guard !(await controller.state.plan.isEmpty) else {
                return .failed("the planner proposed no tasks — try again, or another --planner")
            }
            guard approve else { return .planned(session: controller.id) }
            try await controller.perform(.go)
            return try await drive(controller)
        } catch {
            return .failed(ErrorLine.text(of: error))
        }
    }

    /// Runs until the goal is reached, a decision waits unanswered, or nothing more can run.
    private func drive(_ controller: SessionController) async throws -> RunOutcome {
        var answered: Set<String> = []
        var mergeTried: [String: Int] = [:]
        while true {
            let state = await controller.state
            if let (decision, entry) = nextAnswer(state, skipping: answered) {
                answered.insert(decision.id)
                output.say([
                    "answering \(decision.id) from the answers file (\"\(TerminalText.oneLine(entry.key, limit: 40))\"): \(TerminalText.oneLine(entry.answer, limit: 80))"
                ])
                do { try await controller.perform(.answer(decision: decision.id, answer: entry.answer)) } catch {
                    throw CommandError(.invalidValue, "the answers file's answer to \(decision.id) was refused: \(error)")
                }
                continue
            }
            if let task = nextMerge(state, tried: mergeTried) {
                mergeTried[task] = state.progress[task]?.checkpoints.count ?? 0
                try await controller.perform(.merge(.task(task)))
                continue
            }
            if await isSettled(controller) {
                let state = await controller.state
                // Settled after the look above: anything new to answer or merge goes first.
                if nextAnswer(state, skipping: answered) != nil || nextMerge(state, tried: mergeTried) != nil { continue }
                if !state.openDecisions.isEmpty {
                    // A stalled run waits on its decision: stop it rather than leave it behind.
                    let stalled = await controller.liveTasks()
                    if !stalled.isEmpty {
                        output.say(["stopping \(stalled.joined(separator: " ")) (no output; resume to /retry)"])
                        await controller.stopAll()
                    }
                    return .waiting(session: state.id, decisions: await controller.state.openDecisions)
                }
                return try await end(state, controller)
            }
            try? await Task.sleep(for: Self.pollInterval)
        }
    }

    /// The first open decision the answers file answers (each decision is answered once).
    private func nextAnswer(_ state: SessionState, skipping answered: Set<String>) -> (Decision, AnswerBook.Entry)? {
        guard let answers, answered.count < Self.maxAnswers else { return nil }
        for d in state.openDecisions where !answered.contains(d.id) {
            if let entry = answers.answer(for: d) { return (d, entry) }
        }
        return nil
    }

    /// For a goal with merges: a task in review whose dependencies are merged, in dependency
    /// order; a task whose merge did not go through is tried again only after a new checkpoint.
    private func nextMerge(_ state: SessionState, tried: [String: Int]) -> String? {
        // With merge=auto the session merges by itself.
        guard goal.merges, !state.policy.autoMerge else { return nil }
        return PlanGraph(state.plan).topologicalOrder().first { task in
            guard state.status(of: task) == .review,
                !state.openDecisions.contains(where: { $0.task == task }),
                (state.plan.task(task)?.deps ?? []).allSatisfy({ state.status(of: $0) == .merged })
            else { return false }
            return tried[task].map { $0 < (state.progress[task]?.checkpoints.count ?? 0) } ?? true
        }
    }

    /// Nothing runs but tasks that wait on a decision of their own (a stalled run).
    private func isSettled(_ controller: SessionController) async -> Bool {
        if await controller.isQuiet { return true }
        let state = await controller.state
        let waiting = Set(state.openDecisions.compactMap(\.task))
        return state.progress.allSatisfy { id, p in !p.status.isActive || waiting.contains(id) }
            && !state.openDecisions.isEmpty
    }

    /// Nothing runs and no decision waits: the goal is reached, or the run is stuck.
    private func end(_ state: SessionState, _ controller: SessionController) async throws -> RunOutcome {
        let tasks = state.plan.tasks.map(\.id)
        let merged = tasks.filter { state.status(of: $0) == .merged }
        let review = tasks.filter { state.status(of: $0) == .review }
        let reached: Bool
        switch goal {
        case .done:
            // Planned tasks that wait only for tasks in review (to be merged) count as done.
            reached = tasks.allSatisfy { task in
                let status = state.status(of: task)
                return [.review, .merged, .done, .cancelled].contains(status) || (status == .planned && waitsOnlyForReview(task, state))
            }
        case .merged, .finished:
            reached = tasks.allSatisfy { [.merged, .done, .cancelled].contains(state.status(of: $0)) }
        }
        guard reached else { return .failed(stuck(state)) }
        var summary = "\(merged.count)/\(tasks.count) merged"
        if !review.isEmpty { summary += " · in review: " + review.joined(separator: " ") }
        summary += " · \(Money.format(state.totalCostUSD))"
        if goal == .finished {
            try await controller.perform(.finish)
            summary += " · PR description: " + (await controller.state.summaryFile ?? "")
        } else if let branch = state.integrationBranch, !merged.isEmpty {
            summary += " · branch \(branch)"
        }
        return .reached(goal, session: state.id, summary: summary)
    }

    private func waitsOnlyForReview(_ task: String, _ state: SessionState) -> Bool {
        guard let deps = state.plan.task(task)?.deps, !deps.isEmpty else { return false }
        return deps.allSatisfy { dep in
            let status = state.status(of: dep)
            return status.satisfiesDependents || status == .review || (status == .planned && waitsOnlyForReview(dep, state))
        }
    }

    /// Why the run cannot reach its goal, and how to go on.
    private func stuck(_ state: SessionState) -> String {
        let unfinished = state.plan.tasks.map(\.id).filter { task in
            let status = state.status(of: task)
            return ![.merged, .done, .cancelled].contains(status) && !(goal == .done && status == .review)
                && !(goal == .done && status == .planned && waitsOnlyForReview(task, state))
        }
        let parts = unfinished.map { task -> String in
            let p = state.progress[task]
            let status = state.status(of: task)
            if let failure = p?.failure, status == .failed { return "\(task) failed (\(TerminalText.oneLine(failure, limit: 80)))" }
            if status == .running && p?.agent == AgentName.human { return "\(task) waits for you (human: /done \(task))" }
            return "\(task) \(status.label)"
        }
        return "the run cannot reach \(goal.rawValue): " + parts.joined(separator: ", ")
            + " — baton resume \(state.id) to /retry, /merge or /done them"
    }
}
