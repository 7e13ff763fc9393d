/// How Baton drives one agent CLI headlessly: the argv of a turn and the decoder of its output.
///
/// argv[0] is the command name (resolved on PATH by the runtime). The runtime spawns it with
/// the worktree as working directory and stdin closed, feeds stdout lines to `makeDecoder(worktree:)`,
/// and calls `finish` at exit.
public protocol AgentAdapter: Sendable {
    /// The agent's name in config and routing (`claude`, `codex`, ...).
    var name: String { get }
    /// argv of the first turn of a task.
    func argv(firstTurn: TurnOptions) -> [String]
    /// argv of a later turn continuing the agent's own session (when `supportsResume`; else
    /// the same as a first turn).
    func argv(continuing agentSessionID: String, _ options: TurnOptions) -> [String]
    /// A fresh decoder for one turn's stdout.
    func makeDecoder() -> any StreamDecoder
    /// A fresh decoder for a turn run in `worktree` (paths inside it are shown relative to it).
    func makeDecoder(worktree: String) -> any StreamDecoder
    /// True when `argv(continuing:)` keeps the conversation.
    var supportsResume: Bool { get }
    /// For `baton doctor`: the arguments that print the help listing the flags Baton passes
    /// (`["--help"]`, codex's `["exec", "--help"]`), and those flags.
    var helpArguments: [String] { get }
    var flagsUsed: [String] { get }
    /// Environment values a turn of this agent needs on top of the task's (aider: a wide
    /// `COLUMNS`, so its console does not wrap the baton block).
    var environment: [String: String] { get }
}

extension AgentAdapter {
    public var helpArguments: [String] { ["--help"] }
    public var flagsUsed: [String] { [] }
    public var environment: [String: String] { [:] }

    /// Decoders that do not show paths ignore the worktree.
    public func makeDecoder(worktree: String) -> any StreamDecoder { makeDecoder() }
}

/// argv helpers shared by adapters.
enum AdapterArguments {
    /// A prompt must not be read as an option: one starting with `-` gets a leading space.
    static func positional(_ text: String) -> String {
        text.hasPrefix("-") ? " " + text : text
    }

    /// `extra` without the listed bypass flags (`flags`), nor the listed options when given a
    /// bypass value (`valued`: option → forbidden values), in both `--opt v` and `--opt=v` forms.
    static func removingBypass(_ extra: [String], flags: Set<String>, valued: [String: Set<String>]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < extra.count {
            let arg = extra[i]
            if flags.contains(arg) {
                i += 1
                continue
            }
            if let eq = arg.firstIndex(of: "=") {
                let option = String(arg[..<eq])
                let value = String(arg[arg.index(after: eq)...])
                if valued[option]?.contains(value) == true {
                    i += 1
                    continue
                }
            }
            if let forbidden = valued[arg], i + 1 < extra.count, forbidden.contains(extra[i + 1]) {
                i += 2
                continue
            }
            out.append(arg)
            i += 1
        }
        return out
    }

    /// The extra arguments, minus every known permission-bypass flag of any agent (plus
    /// `also`) unless the user allowed bypass.
    static func extra(_ options: TurnOptions, also: Set<String> = []) -> [String] {
        guard !options.allowPermissionBypass else { return options.extraArguments }
        return removingBypass(
            options.extraArguments,
            flags: also.union([
                "--dangerously-skip-permissions", "--allow-dangerously-skip-permissions",
                "--dangerously-bypass-approvals-and-sandbox", "--yolo",
            ]),
            valued: [
                "--permission-mode": ["bypassPermissions"], "-s": ["danger-full-access"],
                "--sandbox": ["danger-full-access"], "--approval-mode": ["yolo"],
            ]
        )
    }

    static func model(_ flag: String, _ model: String?) -> [String] {
        guard let model, !model.isEmpty else { return [] }
        return [flag, model]
    }
}

/// The built-in adapters by agent name.
public enum AgentAdapters {
    /// The adapter for `name` (claude, codex, gemini, aider, opencode); nil for others
    /// (`human` is handled by the runtime; generic commands need a template).
    public static func adapter(named name: String) -> (any AgentAdapter)? {
        switch name.lowercased() {
        case "claude": ClaudeAdapter()
        case "codex": CodexAdapter()
        case "gemini": GeminiAdapter()
        case "antigravity", "agy": AntigravityAdapter(surface: AntigravitySurface.probe("agy"))
        case "aider": AiderAdapter()
        case "opencode": OpencodeAdapter()
        default: nil
        }
    }
}
