import Foundation

/// The one place the rules of every command live: given the session's state, the command
/// becomes the events to record (in order), or is refused with one line that says what to do.
/// Pure: what it must know beyond the state comes in `context`; `at` is when it is asked.
///
/// An empty list means "accepted, nothing to record": a plan edit that changes nothing, or a
/// merge or finish the runtime now carries out (its outcome is recorded as it happens).
public func decide(_ command: Command, in state: SessionState, at: Date, context: CommandContext) -> Result<[SessionEvent], CommandError> {
    do {
        return .success(try Decider(state: state, context: context).events(for: command))
    } catch let error as CommandError {
        return .failure(error)
    } catch {
        return .failure(CommandError(.failed, "\(error)"))
    }
}

/// Carries the state and context through the rules of each area (see the `Decider+` files).
struct Decider {
    let state: SessionState
    let context: CommandContext

    func events(for command: Command) throws -> [SessionEvent] {
        switch command {
        case .say(let text): return try say(text)
        case .guide(let task, let text): return try guide(task, text)
        case .editField(let task, let field, let value): return try editField(task, field, value)
        case .replacePlan(let tasks): return try editPlan("/edit") { $0 = tasks }
        case .add(let title, let after, let kind, let route): return try add(title, after: after, kind: kind, route: route)
        case .drop(let task): return try drop(task)
        case .addDependency(let task, let other): return try dependency(task, other, add: true)
        case .removeDependency(let task, let other): return try dependency(task, other, add: false)
        case .undo:
            guard state.canUndo else { throw CommandError(.wrongState, "nothing to undo") }
            return [.planUndone]
        case .redo:
            guard state.canRedo else { throw CommandError(.wrongState, "nothing to redo") }
            return [.planRedone]
        case .replan(let feedback): return try replan(feedback)
        case .route(let target, let agent, let prefer): return try route(target, agent: agent, prefer: prefer)
        case .go: return try go()
        case .retry(let task, let agent): return try retry(task, agent: agent)
        case .pause(let task): return try pause(task)
        case .resume(let task): return try resume(task)
        case .cancel(let task): return try cancel(task)
        case .parallel(let n):
            guard (1...Command.maxParallel).contains(n) else {
                throw CommandError(.invalidValue, "N must be between 1 and \(Command.maxParallel) — usage: /parallel N")
            }
            return [.parallelismSet(limit: n)]
        case .budget(let usd):
            if let usd, !(usd >= 0) { throw CommandError(.invalidValue, "a budget is an amount of dollars, e.g. --budget-usd 5") }
            return [.budgetSet(usd: usd)]
        case .policy(let name, let value): return try policy(name, value)
        case .permissions(let bypass, let confirmed): return try permissions(bypass: bypass, confirmed: confirmed)
        case .answer(let id, let answer): return try [answerOne(id, answer)]
        case .answerMany(let ids, let answer): return try answerMany(ids, answer)
        case .note(let text):
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw CommandError(.invalidValue, "give the text of the note") }
            return [.noteRecorded(text: text)]
        case .done(let task, let summary): return try done(task, summary: summary)
        case .reject(let task, let feedback): return try reject(task, feedback: feedback)
        case .merge(let target): return try merge(target)
        case .runChecks(let task): return try runChecks(task)
        case .race(let task, let agents, let count, let more, let deadline):
            return try race(task, agents: agents, count: count, more: more, deadline: deadline)
        case .pick(let task, let agent): return try pick(task, agent)
        case .finish:
            guard state.phase == .running else { throw CommandError(.wrongPhase, "nothing runs yet — /go first") }
            return []
        }
    }

    // MARK: shared checks

    /// Resolves `t2`/`T2` to a task id of the plan, or says which ids exist.
    func taskID(_ raw: String) throws -> String { try state.taskID(raw).get() }

    func requirePlan() throws {
        guard !state.plan.isEmpty else { throw CommandError(.noPlan, "there is no plan yet — type a mission first") }
    }

    /// An unknown agent is refused with the list of known ones.
    func checkAgent(_ name: String) throws {
        guard context.agents.profile(named: name) != nil else {
            throw CommandError(.unknown, context.agents.unknownAgentMessage(name), subject: name)
        }
    }
}

extension SessionState {
    /// Resolves `t2`/`T2` (or a race's contestant, `t3.codex`) to a run id, or refuses saying
    /// which ids exist.
    public func taskID(_ raw: String) -> Result<String, CommandError> {
        let id = raw.uppercased()
        guard plan.task(id) == nil else { return .success(id) }
        if let contestant = contestantID(raw) { return .success(contestant) }
        let known = plan.ids.joined(separator: " ")
        return .failure(
            CommandError(
                .unknown, plan.isEmpty ? "unknown task \(raw) — there is no plan yet" : "unknown task \(raw) — tasks are \(known)",
                subject: raw))
    }
}

/// The words of a few refusals shared by more than one command.
extension CommandError {
    static func unknownKind(_ kind: String) -> CommandError {
        CommandError(
            .unknown, "unknown kind \(kind) — kinds are " + TaskKind.allCases.map(\.rawValue).joined(separator: " "), subject: kind)
    }
}
