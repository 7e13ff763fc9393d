/// A user-configured command: an argv template whose elements may contain the placeholders
/// `{prompt}`, `{prompt_file}`, `{worktree}` and `{session}` (Baton's session directory),
/// substituted in one pass (substituted text is never expanded again). Output is plain text;
/// the exit status decides success. No resume.
public struct GenericCommandAdapter: AgentAdapter {
    public let name: String
    public let template: [String]
    public var supportsResume: Bool { false }

    public init(name: String = "command", template: [String]) {
        self.name = name
        self.template = template
    }

    public func argv(firstTurn options: TurnOptions) -> [String] {
        let values = [
            "prompt": options.prompt, "prompt_file": options.promptFile,
            "worktree": options.worktree, "session": options.sessionDir,
        ]
        return template.map { Self.substitute($0, values) }
    }

    public func argv(continuing agentSessionID: String, _ options: TurnOptions) -> [String] {
        argv(firstTurn: options)
    }

    public func makeDecoder() -> any StreamDecoder { PlainTextDecoder() }

    static func substitute(_ element: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = element[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = values[String(rest[afterOpen..<close])] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out.append("{")
                rest = rest[afterOpen...]
            }
        }
        return out + rest
    }
}
