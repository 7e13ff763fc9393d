import ArgumentParser

struct DiffCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "What a task changed against its base.")
    static let phase = CommandPhase.review
    static let usage = "/diff T [--stat]"
    static let example = "/diff T1 --stat"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String
    @Flag var stat = false
    @MainActor func run(in c: Conversation) async throws { try await c.diff(task, stat: stat) }
}

struct MergeCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge a done task (or all in review, in order) into the integration branch (dry run first).")
    static let phase = CommandPhase.review
    static let usage = "/merge T|all [--force]"
    static let example = "/merge T1"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String
    @Flag(help: "Merge even when its checks are red, running or never ran.") var force = false
    @MainActor func run(in c: Conversation) async throws { try await c.merge(task, force: force) }
}

struct RejectCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Send review feedback to the task's agent as its next turn.")
    static let phase = CommandPhase.review
    static let usage = "/reject T WHY"
    static let example = "/reject T1 the export must stream rows"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String
    @Argument(parsing: .captureForPassthrough) var why: [String] = []
    func validate() throws { if why.isEmpty { throw ValidationError("say why, so the agent can fix it") } }
    @MainActor func run(in c: Conversation) async throws { try await c.reject(task, why: why.joined(separator: " ")) }
}

struct FinishCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "finish", abstract: "Merge approved work in order and write the PR description.")
    static let phase = CommandPhase.review
    static let usage = "/finish [--pr|--local]"
    static let example = "/finish --local"
    @Flag(help: "Push the integration branch and open a pull request (gh), or print the commands.") var pr = false
    @Flag(help: "Merge the integration branch into the branch you started from.") var local = false
    func validate() throws { if pr && local { throw ValidationError("--pr or --local, not both") } }
    @MainActor func run(in c: Conversation) async throws { try await c.finish(pr: pr, local: local) }
}

struct CleanCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean", abstract: "Remove worktrees of merged tasks (unmerged work only with --force).")
    static let phase = CommandPhase.review
    static let usage = "/clean [--force]"
    static let example = "/clean"
    @Flag var force = false
    @MainActor func run(in c: Conversation) async throws { try await c.clean(force: force) }
}
