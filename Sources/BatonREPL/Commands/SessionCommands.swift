import ArgumentParser

struct SessionsCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "sessions", abstract: "Every session in this repository.")
    static let phase = CommandPhase.session
    static let usage = "/sessions"
    static let example = "/sessions"
    @MainActor func run(in c: Conversation) async throws { await c.showSessions() }
}

struct ResumeCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Switch to another session (id or unique prefix).")
    static let phase = CommandPhase.session
    static let usage = "/resume ID"
    static let example = "/resume s-7f3a"
    static let completes: [CompletionKind] = [.session]
    @Argument var session: String
    @MainActor func run(in c: Conversation) async throws { try await c.resume(session) }
}

struct NewCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Start a new session (the current one is kept).")
    static let phase = CommandPhase.session
    static let usage = "/new"
    static let example = "/new"
    @MainActor func run(in c: Conversation) async throws { try await c.newSession() }
}

struct HelpCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "help", abstract: "Commands by phase; /help CMD for usage and an example.")
    static let phase = CommandPhase.session
    static let usage = "/help [CMD]"
    static let example = "/help route"
    @Argument var command: String?
    @MainActor func run(in c: Conversation) async throws { try await c.help(command) }
}

struct QuitCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "quit", abstract: "Leave Baton (the session is saved; runs can keep going).", aliases: ["exit"])
    static let phase = CommandPhase.session
    static let usage = "/quit"
    static let example = "/quit"
    static let aliases = ["exit"]
    static let takesNoArguments = true
    @MainActor func run(in c: Conversation) async throws { try await c.quit() }
}
