import ArgumentParser

struct RaceCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "race", abstract: "Run one task on several agents, compare their work, keep one (best of N).")
    static let phase = CommandPhase.plan
    static let usage = "/race T AGENT AGENT…|N [--deadline 20m] [--more]"
    static let example = "/race T3 claude codex"
    static let completes: [CompletionKind] = [.task, .agent]
    @Argument var task: String
    @Argument var agents: [String] = []
    @Option(help: "Stop contestants still running this long after the start (20m, 1h).") var deadline: String?
    @Flag(help: "One more contestant: the best-suited agent not racing yet.") var more = false
    func validate() throws {
        if agents.isEmpty && deadline == nil && !more {
            throw ValidationError("name the agents, e.g. /race \(task) claude codex, or a number: /race \(task) 2")
        }
    }
    @MainActor func run(in c: Conversation) async throws {
        let count = agents.count == 1 ? Int(agents[0]) : nil
        try await c.perform(
            .race(task: task, agents: count == nil ? agents : [], count: count, more: more, deadline: deadline))
    }
}

struct PickCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "pick", abstract: "Keep one contestant's work as a raced task's result; the others are archived.")
    static let phase = CommandPhase.review
    static let usage = "/pick T AGENT"
    static let example = "/pick T3 claude"
    static let completes: [CompletionKind] = [.task, .agent]
    @Argument var task: String
    @Argument var agent: String
    @MainActor func run(in c: Conversation) async throws { try await c.perform(.pick(task: task, agent: agent)) }
}
