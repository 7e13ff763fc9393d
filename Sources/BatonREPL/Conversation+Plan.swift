import BatonAgents
import BatonCore
import BatonRuntime
import BatonWorkspace
import Foundation

extension Conversation {
    /// Plain text: the mission, feedback to the planner, or a remark while tasks run.
    func message(_ text: String) async throws {
        let controller = try await sessionForMessage()
        let state = await controller.state
        switch state.phase {
        case .empty:
            try await controller.record(.missionSet(text: text))
            try await propose(controller, mission: text, feedback: nil)
        case .planning:
            try await controller.record(.userSaid(text: text))
            try await replan(feedback: text)
        case .running, .finished:
            try await controller.record(.userSaid(text: text))
            let example = state.plan.tasks.first?.id ?? "T1"
            say("tasks are running — @\(example) TEXT gives a task guidance, /note TEXT records a decision, /replan is for before /go")
        }
    }

    /// `@T2 TEXT`: guidance for a task's next turn.
    func guide(_ text: String) async throws {
        let controller = try requireSession()
        let body = text.dropFirst()
        let id = String(body.prefix { !$0.isWhitespace })
        let guidance = body.dropFirst(id.count).trimmingCharacters(in: .whitespaces)
        let task = try await taskID(id)
        guard !guidance.isEmpty else { throw CommandError("say what \(task) should know: @\(task) TEXT") }
        try await controller.record(.guidanceGiven(task: task, text: guidance))
    }

    func propose(_ controller: SessionController, mission: String, feedback: String?) async throws {
        let service = PlanningService(context: context, scratchDirectory: controller.runFiles.directory)
        let planner = service.plannerName()
        if planner != "offline" { say(style.dim("asking the planner (\(planner))…")) }
        let state = await controller.state
        let decisions = state.decisions.compactMap { d in d.answer.map { "- \(d.question): \($0)" } }.joined(separator: "\n")
        let proposal = await service.propose(mission: mission, feedback: feedback, current: state.plan.isEmpty ? nil : state.plan, decisions: decisions)
        if proposal.tasks == state.plan.tasks, let note = proposal.note {
            say(style.warning(note))
            return
        }
        try await controller.record(.planProposed(planner: proposal.planner, tasks: proposal.tasks, costUSD: proposal.costUSD, note: proposal.note))
    }

    /// Resolves `t2`/`T2` to a task id of the plan, or says which ids exist.
    func taskID(_ raw: String) async throws -> String {
        let plan = try await state().plan
        let id = raw.uppercased()
        guard plan.task(id) != nil else {
            let known = plan.ids.joined(separator: " ")
            throw CommandError(plan.isEmpty ? "unknown task \(raw) — there is no plan yet" : "unknown task \(raw) — tasks are \(known)")
        }
        return id
    }

    /// Applies an edit to the plan: validated first, recorded as one event, or nothing changes.
    func editPlan(_ command: String, _ change: (inout [PlanTask]) throws -> Void) async throws {
        let controller = try requireSession()
        let state = await controller.state
        guard !state.plan.isEmpty else { throw CommandError("there is no plan yet — type a mission first") }
        guard state.phase == .planning || state.phase == .running else { throw CommandError("the session is finished — /new starts another") }
        var tasks = state.plan.tasks
        try change(&tasks)
        if state.phase == .running {
            for (old, new) in zip(state.plan.tasks, tasks) where old != new {
                let status = state.status(of: old.id)
                if status != .planned && status != .ready { throw CommandError("\(old.id) has started (\(status.label)) — only tasks that have not started can change") }
            }
        }
        if let error = PlanValidator.validate(Plan(version: 0, tasks: tasks)).first {
            throw CommandError("\(error) — nothing changed")
        }
        guard tasks != state.plan.tasks else { say("no change"); return }
        try await controller.record(.planEdited(command: command, tasks: tasks))
    }

    func showPlan(json: Bool) async throws {
        let state = try await state()
        guard !state.plan.isEmpty else { throw CommandError("there is no plan yet — type a mission first") }
        if json {
            say(PlanJSON.render(mission: state.mission ?? "", planner: state.planner ?? "", tasks: state.plan.tasks) { state.status(of: $0).rawValue })
            return
        }
        let view = PlanView(plan: state.plan, state: state, style: style, width: width)
        say(["plan v\(state.plan.version) · \(state.plan.tasks.count) tasks · " + view.summary] + view.full(headline: nil))
    }

    func editField(task raw: String, field: String, value: String) async throws {
        let task = try await taskID(raw)
        let list = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        try await editPlan("/edit \(task) \(field) \(value)") { tasks in
            let i = tasks.firstIndex { $0.id == task }!
            switch field.lowercased() {
            case "title":
                guard !value.isEmpty else { throw CommandError("a title cannot be empty") }
                tasks[i].title = value
            case "detail": tasks[i].detail = value
            case "kind":
                guard let kind = TaskKind(lenient: value) else {
                    throw CommandError("unknown kind \(value) — kinds are " + TaskKind.allCases.map(\.rawValue).joined(separator: " "))
                }
                tasks[i].kind = kind
            case "scope", "avoid":
                if let bad = list.compactMap({ ScopePath.validate($0).map { e in "\(e)" } }).first { throw CommandError(bad) }
                if field == "scope" { tasks[i].scope = list } else { tasks[i].avoid = list }
            case "acceptance":
                tasks[i].acceptance = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            default:
                let fields = ["title", "detail", "kind", "scope", "avoid", "acceptance"]
                let near = Suggestion.nearest(field, in: fields).map { " — did you mean \($0)?" } ?? ""
                throw CommandError("unknown field \(field)\(near) (fields: \(fields.joined(separator: " ")))")
            }
        }
    }

    func addTask(title: String, after: String?, kind: String?, route: String?) async throws {
        let state = try await state()
        let cleanTitle = title.trimmingCharacters(in: .whitespaces)
        guard !cleanTitle.isEmpty else { throw CommandError("give the task a title: /add TITLE") }
        var deps: [String] = []
        for raw in (after ?? "").split(separator: ",") { deps.append(try await taskID(raw.trimmingCharacters(in: .whitespaces))) }
        var task = PlanTask(id: state.plan.nextID, title: cleanTitle, deps: deps)
        if let kind {
            guard let k = TaskKind(lenient: kind) else {
                throw CommandError("unknown kind \(kind) — kinds are " + TaskKind.allCases.map(\.rawValue).joined(separator: " "))
            }
            task.kind = k
        } else {
            task.kind = OfflinePlanner.plan(mission: cleanTitle).first?.kind ?? .code
        }
        if let route {
            try checkAgent(route)
            task.route = route
            task.routeReason = "you chose"
            task.routeOverridden = true
        } else {
            let choice = Router.route(task: task, available: context.registry.available)
            task.route = choice.agent
            task.routeReason = choice.reason
        }
        let added = task
        try await editPlan("/add \(cleanTitle)") { $0.append(added) }
    }

    func dropTask(_ raw: String) async throws {
        let task = try await taskID(raw)
        try await editPlan("/drop \(task)") { tasks in
            guard let dropped = tasks.first(where: { $0.id == task }) else { return }
            tasks.removeAll { $0.id == task }
            for i in tasks.indices where tasks[i].deps.contains(task) {
                var deps = tasks[i].deps.filter { $0 != task }
                for d in dropped.deps where !deps.contains(d) { deps.append(d) }
                tasks[i].deps = deps
            }
        }
    }

    func setDependency(_ rawTask: String, on rawOther: String, add: Bool) async throws {
        let task = try await taskID(rawTask)
        let other = try await taskID(rawOther)
        if add && task == other { throw CommandError("\(task) cannot wait for itself") }
        try await editPlan("/\(add ? "dep" : "undep") \(task) \(other)") { tasks in
            let i = tasks.firstIndex { $0.id == task }!
            if add {
                if !tasks[i].deps.contains(other) { tasks[i].deps.append(other) }
            } else {
                guard tasks[i].deps.contains(other) else { throw CommandError("\(task) does not wait for \(other)") }
                tasks[i].deps.removeAll { $0 == other }
            }
        }
    }

    func undo() async throws {
        let controller = try requireSession()
        guard await controller.state.canUndo else { throw CommandError("nothing to undo") }
        try await controller.record(.planUndone)
    }

    func redo() async throws {
        let controller = try requireSession()
        guard await controller.state.canRedo else { throw CommandError("nothing to redo") }
        try await controller.record(.planRedone)
    }

    func replan(feedback: String) async throws {
        let controller = try requireSession()
        let state = await controller.state
        guard let mission = state.mission else { throw CommandError("there is no mission yet — type one first") }
        guard state.phase == .planning else { throw CommandError("the plan is running — /replan works before /go; /add adds tasks now") }
        try await propose(controller, mission: mission, feedback: feedback.isEmpty ? "Improve the plan." : feedback)
    }

    /// Unknown agent → error listing the known ones; missing → warning with how to install.
    func checkAgent(_ name: String) throws {
        let registry = context.registry
        guard registry.profile(named: name) != nil else { throw CommandError(registry.unknownAgentMessage(name)) }
        if !registry.isAvailable(name) { say(style.warning(registry.notInstalledMessage(name))) }
    }
}
