import Foundation

/// An MCP server given to an agent's turn: Baton's own (`baton-mcp mcp --session S --task T ...`),
/// over stdio. Each CLI takes it its own way: claude a `--mcp-config` file with the tools
/// pre-allowed, codex `-c mcp_servers.NAME.*` overrides, ACP agents `session/new` mcpServers.
public struct MCPServer: Sendable, Equatable {
    /// The server's name: its tools are `mcp__<name>__<tool>` to claude.
    public var name: String
    /// The program (an absolute path) and its arguments.
    public var command: String
    public var arguments: [String]
    /// Its tools' bare names (`ask_human`, ...): pre-allowed, so no permission prompt stops them.
    public var tools: [String]
    /// Where the runtime wrote ``configJSON()`` for claude's `--mcp-config`.
    public var configFile: String

    public init(name: String, command: String, arguments: [String], tools: [String], configFile: String) {
        self.name = name
        self.command = command
        self.arguments = arguments
        self.tools = tools
        self.configFile = configFile
    }

    /// What an agent needs in its environment to use the server: claude defers MCP tools
    /// (the model must load them with ToolSearch first) unless `ENABLE_TOOL_SEARCH=false`,
    /// and a question may wait on the user for hours (`MCP_TOOL_TIMEOUT`, milliseconds).
    public static let environment = ["ENABLE_TOOL_SEARCH": "false", "MCP_TOOL_TIMEOUT": String(Self.toolTimeoutSeconds * 1000)]

    /// How long an agent waits for a tool call before giving up: a day (a human answers).
    public static let toolTimeoutSeconds = 86_400

    /// claude's allow rules for the tools: `mcp__baton__ask_human`, ...
    public var allowRules: [String] { tools.map { "mcp__\(name)__\($0)" } }

    /// The `--mcp-config` file: `{"mcpServers":{"baton":{"type":"stdio","command":…,"args":[…]}}}`.
    public func configJSON() -> String {
        let server: [String: Any] = ["type": "stdio", "command": command, "args": arguments]
        let object: [String: Any] = ["mcpServers": [name: server]]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// codex's `-c key=value` overrides (values are TOML: strings and arrays in JSON syntax).
    public var codexOverrides: [String] {
        let prefix = "mcp_servers.\(name)."
        return [
            "-c", prefix + "command=" + Self.toml(command),
            "-c", prefix + "args=[" + arguments.map(Self.toml).joined(separator: ",") + "]",
            "-c", prefix + "tool_timeout_sec=\(Self.toolTimeoutSeconds)",
        ]
    }

    /// A TOML basic string (JSON string escaping is valid TOML for these).
    static func toml(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}

// How claude and codex take Baton's MCP server (kept apart from their other flags).
extension ClaudeAdapter {
    /// `--mcp-config FILE --allowedTools mcp__baton__ask_human,...` (claude adds repeated
    /// `--allowedTools` lists together).
    func mcpArguments(_ options: TurnOptions) -> [String] {
        guard let server = options.mcpServer else { return [] }
        return ["--mcp-config", server.configFile, "--allowedTools", server.allowRules.joined(separator: ",")]
    }
}

extension CodexAdapter {
    /// `-c mcp_servers.baton.command=… -c mcp_servers.baton.args=[…] -c …tool_timeout_sec=…`.
    func mcpArguments(_ options: TurnOptions) -> [String] {
        options.mcpServer?.codexOverrides ?? []
    }
}
