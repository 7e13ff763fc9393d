import ArgumentParser

struct ChecksCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks", abstract: "Show the checks every task passes and where they come from; /checks T runs a task's now.")
    static let phase = CommandPhase.review
    static let usage = "/checks [T]"
    static let example = "/checks T2"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String?
    @MainActor func run(in c: Conversation) async throws { try await c.checks(task) }
}
