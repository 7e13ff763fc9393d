import ArgumentParser

struct DecideCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Answer a decision: an option's number or your own words (/decide D2 D3 1, /decide all 1: several).")
    static let phase = CommandPhase.decide
    static let usage = "/decide D ANSWER"
    static let example = "/decide D1 2"
    static let completes: [CompletionKind] = [.decision]
    @Argument var decision: String
    @Argument(parsing: .captureForPassthrough) var answer: [String] = []
    func validate() throws { if answer.isEmpty { throw ValidationError("give an answer") } }
    @MainActor func run(in c: Conversation) async throws { try await c.decide(decision, words: answer) }
}

struct DecisionsCommand: SlashCommand {
    static let configuration = CommandConfiguration(commandName: "decisions", abstract: "Open and answered decisions.")
    static let phase = CommandPhase.decide
    static let usage = "/decisions"
    static let example = "/decisions"
    static let takesNoArguments = true
    @MainActor func run(in c: Conversation) async throws { await c.showDecisions() }
}

struct NoteCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Record a decision nobody asked for (goes to DECISIONS.md).")
    static let phase = CommandPhase.decide
    static let usage = "/note TEXT"
    static let example = "/note use UTC timestamps everywhere"
    @Argument(parsing: .captureForPassthrough) var text: [String] = []
    func validate() throws { if text.isEmpty { throw ValidationError("give the text of the note") } }
    @MainActor func run(in c: Conversation) async throws { try await c.note(text.joined(separator: " ")) }
}

struct DoneCommand: SlashCommand {
    static let configuration = CommandConfiguration(
        commandName: "done", abstract: "Say you finished a task by hand (human tasks, conflicts you resolved).")
    static let phase = CommandPhase.decide
    static let usage = "/done T [SUMMARY]"
    static let example = "/done T3 wrote the migration by hand"
    static let completes: [CompletionKind] = [.task]
    @Argument var task: String
    @Argument(parsing: .captureForPassthrough) var summary: [String] = []
    @MainActor func run(in c: Conversation) async throws { try await c.done(task, summary: summary.joined(separator: " ")) }
}
