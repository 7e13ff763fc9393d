/// Aider: `aider --message-file PROMPT_FILE --yes-always --no-stream --no-pretty
/// --no-auto-commits --no-gitignore [--edit-format diff] [--restore-chat-history] [--model M]
/// [extra]` (`--message PROMPT` when there is no prompt file). The prompt goes in a file:
/// aider writes its own command line into its chat history, and a multi-line `--message`
/// there comes back, on `--restore-chat-history`, as made-up assistant messages holding the
/// brief (aider 0.86.2). The files the task changed so far are passed with `--file`: aider
/// restores its messages but not which files were in its chat, and it holds back an edit to a
/// file outside the chat (it adds the file and asks its model again).
/// Plain text output. Baton commits at checkpoints (`--no-auto-commits`) and keeps aider's
/// files out of git through the exclude file (`--no-gitignore`: aider must not edit
/// `.gitignore`). `--edit-format diff` unless the profile's args choose one: for a model it
/// does not know aider picks "whole", which mistakes the baton fence for a file listing.
/// Aider has no session to resume, but its chat history lives in the worktree: later turns
/// pass `--restore-chat-history` (the decoder reports a fixed session id so the runtime
/// treats them as continuations). Spawned with a very wide `COLUMNS`, so its console
/// (rich, 80 columns when not on a terminal) does not wrap the baton block.
public struct AiderAdapter: AgentAdapter {
    public let name = "aider"
    public let command: String
    public var supportsResume: Bool { true }
    /// The session id aider's turns report: its chat history in the worktree.
    public static let chatHistory = "aider-chat-history"

    public init(command: String = "aider") { self.command = command }

    public func argv(firstTurn options: TurnOptions) -> [String] { build(options, restore: false) }

    public func argv(continuing agentSessionID: String, _ options: TurnOptions) -> [String] {
        build(options, restore: true)
    }

    public var flagsUsed: [String] {
        [
            "--message-file", "--yes-always", "--no-stream", "--no-pretty", "--no-auto-commits", "--no-gitignore", "--edit-format",
            "--restore-chat-history", "--file", "--model",
        ]
    }

    public var environment: [String: String] { ["COLUMNS": "100000"] }

    public func makeDecoder() -> any StreamDecoder { AiderOutputDecoder() }

    private func build(_ options: TurnOptions, restore: Bool) -> [String] {
        var argv = [command]
        argv +=
            options.promptFile.isEmpty
            ? ["--message", AdapterArguments.positional(options.prompt)] : ["--message-file", options.promptFile]
        argv += ["--yes-always", "--no-stream", "--no-pretty", "--no-auto-commits", "--no-gitignore"]
        let chosen = options.extraArguments.contains { $0 == "--edit-format" || $0.hasPrefix("--edit-format=") || $0 == "--chat-mode" }
        if !chosen { argv += ["--edit-format", "diff"] }
        if restore { argv.append("--restore-chat-history") }
        // The files changed so far, in its chat (its chat history does not restore them).
        for file in options.changedFiles { argv += ["--file", file.hasPrefix("-") ? "./" + file : file] }
        return argv + AdapterArguments.model("--model", options.model) + AdapterArguments.extra(options)
    }
}
