import ArgumentParser
import BatonCore

struct StatusCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "One table: every task's state, turn, time, files, tokens, cost.")
    static let phase = CommandPhase.run
    static let usage = "/status"
    static let example = "/status"
    static let takesNoArguments = true
    @MainActor func run(in c: Conversation) async throws { await c.showStatus() }
}

struct LogCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The tail of a task's agent transcript (--raw: the stream lines as written).")
    static let phase = CommandPhase.run
    static let usage = "/log T [N] [--raw]"
    static let example = "/log T2 40"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String
    @Argument var lines: Int = 20
    @Flag(name: .long) var raw = false
    @MainActor func run(in c: Conversation) async throws {
        if raw { try await c.showRawLog(task: task, lines: lines) } else { try await c.showLog(task: task, lines: lines) }
    }
}

struct CancelCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Stop a task for good (its worktree is kept).")
    static let phase = CommandPhase.run
    static let usage = "/cancel T"
    static let example = "/cancel T2"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String
    @MainActor func run(in c: Conversation) async throws { try await c.cancel(task) }
}

struct RetryCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Run a failed or interrupted task again, in its agent's own session.")
    static let phase = CommandPhase.run
    static let usage = "/retry T [--agent NAME]"
    static let example = "/retry T2 --agent claude"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String
    @Option(help: "Another agent to run it.") var agent: String?
    @MainActor func run(in c: Conversation) async throws { try await c.retry(task, agent: agent) }
}

struct PauseCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a task (stops its current turn).")
    static let phase = CommandPhase.run
    static let usage = "/pause T"
    static let example = "/pause T2"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String
    @MainActor func run(in c: Conversation) async throws { try await c.pause(task) }
}

struct ContinueCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "continue", abstract: "Continue a paused task.")
    static let phase = CommandPhase.run
    static let usage = "/continue T"
    static let example = "/continue T2"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String
    @MainActor func run(in c: Conversation) async throws { try await c.continueTask(task) }
}

struct ParallelCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "parallel", abstract: "How many tasks may run at once (default 4).")
    static let phase = CommandPhase.run
    static let usage = "/parallel N"
    static let example = "/parallel 8"
    @Argument var limit: Int
    func validate() throws {
        if !(1...Command.maxParallel).contains(limit) { throw ValidationError("N must be between 1 and \(Command.maxParallel)") }
    }
    @MainActor func run(in c: Conversation) async throws { try await c.setParallel(limit) }
}

struct WaitCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Block until no task is running (done, failed, or waiting for you).")
    static let phase = CommandPhase.run
    static let usage = "/wait"
    static let example = "/wait"
    static let takesNoArguments = true
    @MainActor func run(in c: Conversation) async throws { try await c.waitQuiet() }
}

struct AgentsCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents", abstract: "Every agent: available or how to install, version, strengths, cost, speed, runs.")
    static let phase = CommandPhase.run
    static let usage = "/agents"
    static let example = "/agents"
    static let takesNoArguments = true
    @MainActor func run(in c: Conversation) async throws { await c.showAgents() }
}

struct PolicyCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Show or change what Baton does at checkpoints and merges.")
    static let phase = CommandPhase.run
    static let usage = "/policy [NAME VALUE]"
    static let example = "/policy merge auto"
    static let completes: [CompletionKind] = [.policy]
    @Argument var name: String?
    @Argument var value: String?
    @MainActor func run(in c: Conversation) async throws { try await c.policy(name: name, value: value) }
}

struct PermissionsCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "permissions", abstract: "Show agent permissions; allow bypass flags for this session (asks first).")
    static let phase = CommandPhase.run
    static let usage = "/permissions [bypass on|off]"
    static let example = "/permissions bypass off"
    @Argument var setting: String?
    @Argument var value: String?
    @MainActor func run(in c: Conversation) async throws { try await c.permissions(setting: setting, value: value) }
}
