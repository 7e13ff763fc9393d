import ArgumentParser
import BatonCore
import Foundation

struct PlanCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show the plan: tasks, routes, what can start now, the critical path.")
    static let phase = CommandPhase.plan
    static let usage = "/plan [--json]"
    static let example = "/plan --json"
    @Flag(name: .long, help: "Print the plan as JSON.") var json = false
    @MainActor func run(in c: Conversation) async throws { try await c.showPlan(json: json) }
}

struct EditCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change a task's field, or edit the whole plan in $EDITOR.")
    static let phase = CommandPhase.plan
    static let usage = "/edit [T FIELD VALUE]   (FIELD: title detail kind scope avoid acceptance)"
    static let example = "/edit T2 scope Sources/API/, Tests/API/"
    static let completes: [CompletionKind] = [.task, .field]
    @Argument var task: String?
    @Argument var field: String?
    @Argument(parsing: .captureForPassthrough) var value: [String] = []
    func validate() throws {
        if task != nil && (field == nil || value.isEmpty) { throw ValidationError("give a field and a value") }
    }
    @MainActor func run(in c: Conversation) async throws {
        if let task, let field {
            try await c.perform(.editField(task: task, field: field, value: value.joined(separator: " ")))
        } else {
            try await c.editInEditor()
        }
    }
}

struct AddCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a task to the plan.")
    static let phase = CommandPhase.plan
    static let usage = "/add TITLE [--after T1,T2] [--kind K] [--route AGENT] [--race A,B]"
    static let example = "/add Write a migration guide --after T3 --kind docs"
    @Argument var title: [String]
    @Option(help: "Tasks it waits for, comma-separated.") var after: String?
    @Option(help: "code, refactor, tests, docs, research or ops.") var kind: String?
    @Option(help: "The agent to run it.") var route: String?
    @Option(help: "Agents to race it on, comma-separated.") var race: String?
    @MainActor func run(in c: Conversation) async throws {
        let deps = (after ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        try await c.perform(.add(title: title.joined(separator: " "), after: deps, kind: kind, route: route))
        guard let race, let id = try await c.state().plan.ids.last else { return }
        let agents = race.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        try await c.perform(.race(task: id, agents: agents, count: nil, more: false, deadline: nil))
    }
}

struct DropCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop", abstract: "Remove a task; its dependents wait for its dependencies instead.")
    static let phase = CommandPhase.plan
    static let usage = "/drop T"
    static let example = "/drop T3"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String
    @MainActor func run(in c: Conversation) async throws { try await c.perform(.drop(task: task)) }
}

struct DepCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "dep", abstract: "Make a task wait for another.")
    static let phase = CommandPhase.plan
    static let usage = "/dep T WAITS_FOR"
    static let example = "/dep T3 T1"
    static let completes: [CompletionKind] = [.task, .task]
    @Argument var task: String
    @Argument var waitsFor: String
    @MainActor func run(in c: Conversation) async throws { try await c.perform(.addDependency(task: task, waitsFor: waitsFor)) }
}

struct UndepCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "undep", abstract: "Remove a dependency between two tasks.")
    static let phase = CommandPhase.plan
    static let usage = "/undep T WAITS_FOR"
    static let example = "/undep T3 T1"
    static let completes: [CompletionKind] = [.task, .task]
    @Argument var task: String
    @Argument var waitsFor: String
    @MainActor func run(in c: Conversation) async throws { try await c.perform(.removeDependency(task: task, waitsFor: waitsFor)) }
}

struct RouteCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "Show routes, rank agents for a task, or choose its agent.")
    static let phase = CommandPhase.plan
    static let usage = "/route [T|all] [AGENT] [--prefer best|cheap|fast]"
    static let example = "/route T3 claude"
    static let completes: [CompletionKind] = [.task, .agent]
    @Argument var task: String?
    @Argument var agent: String?
    @Option(help: "best, cheap or fast.") var prefer: String?
    @MainActor func run(in c: Conversation) async throws { try await c.route(task: task, agent: agent, prefer: prefer) }
}

struct UndoCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Undo the last change to the plan.")
    static let phase = CommandPhase.plan
    static let usage = "/undo"
    static let example = "/undo"
    static let takesNoArguments = true
    @MainActor func run(in c: Conversation) async throws { try await c.perform(.undo) }
}

struct RedoCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "redo", abstract: "Redo a change undone with /undo.")
    static let phase = CommandPhase.plan
    static let usage = "/redo"
    static let example = "/redo"
    static let takesNoArguments = true
    @MainActor func run(in c: Conversation) async throws { try await c.perform(.redo) }
}

struct ReplanCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan", abstract: "Ask the planner to revise the plan (plain text does the same).")
    static let phase = CommandPhase.plan
    static let usage = "/replan [FEEDBACK]"
    static let example = "/replan split T2 into the endpoint and the token store"
    @Argument(parsing: .captureForPassthrough) var feedback: [String] = []
    @MainActor func run(in c: Conversation) async throws { try await c.perform(.replan(feedback: feedback.joined(separator: " "))) }
}

struct GoCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "go", abstract: "Approve the plan and start the tasks.")
    static let phase = CommandPhase.plan
    static let usage = "/go"
    static let example = "/go"
    static let takesNoArguments = true
    @MainActor func run(in c: Conversation) async throws { try await c.go() }
}
