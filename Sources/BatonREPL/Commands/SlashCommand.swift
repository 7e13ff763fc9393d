import ArgumentParser

/// The phases `/help` groups commands by.
public enum CommandPhase: String, CaseIterable, Sendable {
    case plan, run, decide, review, session
}

/// A slash command: parsed from one input line with swift-argument-parser, run against the
/// conversation.
protocol SlashCommand: ParsableCommand, Sendable {
    static var phase: CommandPhase { get }
    /// `/route [T|all] [AGENT] [--prefer best|cheap|fast]`
    static var usage: String { get }
    /// One example line for `/help CMD`.
    static var example: String { get }
    /// Names of other spellings (`exit` for `quit`).
    static var aliases: [String] { get }
    /// What the arguments complete to: task ids, agents, decisions, sessions.
    static var completes: [CompletionKind] { get }
    /// True for a command that declares no arguments, options or flags: typed bare, it is
    /// made without the argument parser (whose first parse costs a few ms).
    static var takesNoArguments: Bool { get }

    @MainActor func run(in conversation: Conversation) async throws
}

extension SlashCommand {
    static var aliases: [String] { [] }
    static var completes: [CompletionKind] { [] }
    static var takesNoArguments: Bool { false }
    static var name: String { configuration.commandName ?? "" }
    static var summary: String { configuration.abstract }
}

/// The kinds of argument Tab can complete.
public enum CompletionKind: Sendable {
    case task, agent, decision, session, policy, field
}

/// Every slash command, in /help order.
enum CommandRegistry {
    static let all: [any SlashCommand.Type] = [
        PlanCommand.self, EditCommand.self, AddCommand.self, DropCommand.self, DepCommand.self,
        UndepCommand.self, RouteCommand.self, UndoCommand.self, RedoCommand.self, ReplanCommand.self,
        RaceCommand.self, GoCommand.self, MapCommand.self,
        StatusCommand.self, LogCommand.self, CancelCommand.self, RetryCommand.self, PauseCommand.self,
        ContinueCommand.self, ParallelCommand.self, WaitCommand.self, AgentsCommand.self,
        PolicyCommand.self, PermissionsCommand.self,
        DecideCommand.self, DecisionsCommand.self, NoteCommand.self, DoneCommand.self,
        DiffCommand.self, PickCommand.self, ChecksCommand.self, MergeCommand.self, RejectCommand.self, FinishCommand.self,
        CleanCommand.self,
        SessionsCommand.self, ResumeCommand.self, NewCommand.self, HelpCommand.self, QuitCommand.self,
    ]

    /// Every name and alias, without the slash.
    static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }

    static func command(named name: String) -> (any SlashCommand.Type)? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }
}

/// The root command that `parseAsRoot` parses each slash line with.
struct SlashRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "",
        subcommands: CommandRegistry.all.map { $0 as ParsableCommand.Type })
}
