import BatonCore
import BatonRuntime
import Foundation

extension Conversation {
    /// Asks the open session to carry out `command` (creating a session when the command may
    /// start one); its events are rendered by the observer as they are recorded.
    @discardableResult
    func perform(_ command: Command) async throws -> [SessionEvent] {
        let controller = command.startsSession ? try await sessionForMessage() : try requireSession()
        return try await controller.perform(command)
    }

    /// Plain text: the mission, feedback to the planner, or a remark while tasks run.
    func message(_ text: String) async throws {
        try await perform(.say(text))
        let state = try await self.state()
        guard state.phase == .running || state.phase == .finished else { return }
        let example = state.plan.tasks.first?.id ?? "T1"
        say("tasks are running — @\(example) TEXT gives a task guidance, /note TEXT records a decision, /replan is for before /go")
    }

    /// `@T2 TEXT`: guidance for a task's next turn.
    func guide(_ text: String) async throws {
        let body = text.dropFirst()
        let id = String(body.prefix { !$0.isWhitespace })
        try await perform(.guide(task: id, text: String(body.dropFirst(id.count))))
    }

    /// Applies an edit of the whole plan (from `$EDITOR`): validated by the core, one event.
    func editPlan(_ command: String, _ change: (inout [PlanTask]) throws -> Void) async throws {
        var tasks = try await state().plan.tasks
        try change(&tasks)
        try await perform(.replacePlan(tasks: tasks))
    }

    func showPlan(json: Bool) async throws {
        let state = try await state()
        guard !state.plan.isEmpty else { throw CommandError(.noPlan, "there is no plan yet — type a mission first") }
        if json {
            say(
                PlanJSON.render(mission: state.mission ?? "", planner: state.planner ?? "", tasks: state.plan.tasks) {
                    state.status(of: $0).rawValue
                })
            return
        }
        let view = PlanView(plan: state.plan, state: state, style: style, width: width)
        say(["plan v\(state.plan.version) · \(state.plan.tasks.count) tasks · " + view.summary] + view.full(headline: nil))
    }
}

extension CommandError {
    /// A refusal worded in the REPL (terminal-only forms of a command).
    init(_ message: String) { self.init(.invalidValue, message) }
}
