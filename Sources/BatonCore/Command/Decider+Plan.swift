import Foundation

/// Plain text, guidance and the plan edits: /edit /add /drop /dep /undep /replan.
extension Decider {
    /// The mission (first), feedback to the planner (while planning), or a remark while tasks
    /// run. `reduce` turns the first two into a ``Effect/proposePlan(mission:feedback:)``.
    func say(_ text: String) throws -> [SessionEvent] {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CommandError(.invalidValue, "say what you want done")
        }
        return state.phase == .empty ? [.missionSet(text: text)] : [.userSaid(text: text)]
    }

    func guide(_ raw: String, _ text: String) throws -> [SessionEvent] {
        let task = try taskID(raw)
        let guidance = text.trimmingCharacters(in: .whitespaces)
        guard !guidance.isEmpty else { throw CommandError(.invalidValue, "say what \(task) should know: @\(task) TEXT", subject: task) }
        return [.guidanceGiven(task: task, text: guidance)]
    }

    func replan(_ feedback: String) throws -> [SessionEvent] {
        guard state.mission != nil else { throw CommandError(.noPlan, "there is no mission yet — type one first") }
        guard state.phase == .planning else {
            throw CommandError(.wrongPhase, "the plan is running — /replan works before /go; /add adds tasks now")
        }
        return [.replanRequested(feedback: feedback.isEmpty ? "Improve the plan." : feedback)]
    }

    /// Applies an edit to the plan: validated first, one event, or nothing changes. Before /go
    /// anything may change; while running, only tasks that have not started.
    func editPlan(_ command: String, _ change: (inout [PlanTask]) throws -> Void) throws -> [SessionEvent] {
        try requirePlan()
        guard state.phase == .planning || state.phase == .running else {
            throw CommandError(.wrongPhase, "the session is finished — /new starts another")
        }
        var tasks = state.plan.tasks
        try change(&tasks)
        if state.phase == .running {
            for (old, new) in zip(state.plan.tasks, tasks) where old != new {
                let status = state.status(of: old.id)
                if status != .planned && status != .ready {
                    throw CommandError(
                        .wrongState, "\(old.id) has started (\(status.label)) — only tasks that have not started can change",
                        subject: old.id)
                }
            }
        }
        if let error = PlanValidator.validate(Plan(version: 0, tasks: tasks)).first {
            throw CommandError(.invalidPlan, "\(error) — nothing changed")
        }
        guard tasks != state.plan.tasks else { return [] }
        return [.planEdited(command: command, tasks: tasks)]
    }

    static let fields = ["title", "detail", "kind", "scope", "avoid", "acceptance"]

    func editField(_ raw: String, _ field: String, _ value: String) throws -> [SessionEvent] {
        let task = try taskID(raw)
        let list = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return try editPlan("/edit \(task) \(field) \(value)") { tasks in
            let i = tasks.firstIndex { $0.id == task }!
            switch field.lowercased() {
            case "title":
                guard !value.isEmpty else { throw CommandError(.invalidValue, "a title cannot be empty", subject: task) }
                tasks[i].title = value
            case "detail": tasks[i].detail = value
            case "kind":
                guard let kind = TaskKind(lenient: value) else { throw CommandError.unknownKind(value) }
                tasks[i].kind = kind
            case "scope", "avoid":
                if let bad = list.lazy.compactMap({ ScopePath.validate($0) }).first {
                    throw CommandError(.invalidValue, bad, subject: task)
                }
                if field.lowercased() == "scope" { tasks[i].scope = list } else { tasks[i].avoid = list }
            case "acceptance":
                tasks[i].acceptance = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            default:
                let near = Suggestion.nearest(field, in: Self.fields).map { " — did you mean \($0)?" } ?? ""
                throw CommandError(
                    .unknown, "unknown field \(field)\(near) (fields: \(Self.fields.joined(separator: " ")))", subject: field)
            }
        }
    }

    /// A new task, routed by the router unless `route` names the agent.
    func add(_ title: String, after: [String], kind: String?, route: String?) throws -> [SessionEvent] {
        let cleanTitle = title.trimmingCharacters(in: .whitespaces)
        guard !cleanTitle.isEmpty else { throw CommandError(.invalidValue, "give the task a title: /add TITLE") }
        let deps = try after.map { try taskID($0.trimmingCharacters(in: .whitespaces)) }
        var task = PlanTask(id: state.plan.nextID, title: cleanTitle, deps: deps)
        if let kind {
            guard let k = TaskKind(lenient: kind) else { throw CommandError.unknownKind(kind) }
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
            let choice = Router.route(task: task, available: context.agents.available)
            task.route = choice.agent
            task.routeReason = choice.reason
        }
        let added = task
        return try editPlan("/add \(cleanTitle)") { $0.append(added) }
    }

    /// Removes a task; whatever waited for it waits for its dependencies instead.
    func drop(_ raw: String) throws -> [SessionEvent] {
        let task = try taskID(raw)
        return try editPlan("/drop \(task)") { tasks in
            guard let dropped = tasks.first(where: { $0.id == task }) else { return }
            tasks.removeAll { $0.id == task }
            for i in tasks.indices where tasks[i].deps.contains(task) {
                var deps = tasks[i].deps.filter { $0 != task }
                for d in dropped.deps where !deps.contains(d) { deps.append(d) }
                tasks[i].deps = deps
            }
        }
    }

    func dependency(_ rawTask: String, _ rawOther: String, add: Bool) throws -> [SessionEvent] {
        let task = try taskID(rawTask)
        let other = try taskID(rawOther)
        if add && task == other { throw CommandError(.invalidValue, "\(task) cannot wait for itself", subject: task) }
        return try editPlan("/\(add ? "dep" : "undep") \(task) \(other)") { tasks in
            let i = tasks.firstIndex { $0.id == task }!
            if add {
                if !tasks[i].deps.contains(other) { tasks[i].deps.append(other) }
            } else {
                guard tasks[i].deps.contains(other) else {
                    throw CommandError(.wrongState, "\(task) does not wait for \(other)", subject: task)
                }
                tasks[i].deps.removeAll { $0 == other }
            }
        }
    }
}
