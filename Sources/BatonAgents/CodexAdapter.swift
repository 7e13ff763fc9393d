import BatonCore

/// Codex: `codex exec --json -s workspace-write --skip-git-repo-check [-m M] [extra] PROMPT`;
/// continuation: `codex exec --json -s workspace-write --skip-git-repo-check [-m M] [extra]
/// resume THREAD PROMPT`. The options go before `resume`: `-s` is an option of `exec` only (not
/// global in codex's clap definition), and options are not remembered by resume.
/// `danger-full-access` only when `allowPermissionBypass`.
public struct CodexAdapter: AgentAdapter {
    public let name = "codex"
    public let command: String
    public var supportsResume: Bool { true }

    /// The model's price, for the estimated cost of each turn (codex reports none).
    public let price: ModelPrice?

    public init(command: String = "codex", price: ModelPrice? = nil) {
        self.command = command
        self.price = price
    }

    public func argv(firstTurn options: TurnOptions) -> [String] {
        options_(options) + [AdapterArguments.positional(options.prompt)]
    }

    public func argv(continuing agentSessionID: String, _ options: TurnOptions) -> [String] {
        options_(options) + ["resume", agentSessionID, AdapterArguments.positional(options.prompt)]
    }

    public var helpArguments: [String] { ["exec", "--help"] }
    public var flagsUsed: [String] { ["--json", "--sandbox", "--skip-git-repo-check", "--model"] }

    public func makeDecoder() -> any StreamDecoder { CodexStreamDecoder(price: price) }

    public func makeDecoder(worktree: String) -> any StreamDecoder { CodexStreamDecoder(worktree: worktree, price: price) }

    private func options_(_ options: TurnOptions) -> [String] {
        var argv = [
            command, "exec", "--json",
            "-s", options.allowPermissionBypass ? "danger-full-access" : "workspace-write",
            "--skip-git-repo-check",
        ]
        argv += AdapterArguments.model("-m", options.model)
        argv += mcpArguments(options)
        argv += AdapterArguments.extra(options)
        return argv
    }
}
