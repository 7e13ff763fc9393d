import Foundation

/// What Baton, as an ACP client, sends an agent (agentclientprotocol.com, protocol version 1).
public enum AcpClientMessages {
    /// The protocol version Baton speaks.
    public static let protocolVersion = 1

    /// `initialize`: Baton serves `fs/read_text_file` and `fs/write_text_file` (inside the
    /// task's worktree), no terminal.
    public static func initialize(id: JSONRPCID) -> AcpMessage {
        .request(
            id: id, method: "initialize",
            params: [
                "protocolVersion": protocolVersion,
                "clientCapabilities": ["fs": ["readTextFile": true, "writeTextFile": true], "terminal": false],
                "clientInfo": ["name": "baton", "version": "0.3"],
            ])
    }

    /// `session/new` in `cwd` (the task's worktree) with these MCP servers.
    public static func newSession(id: JSONRPCID, cwd: String, mcpServers: [AcpMcpServer] = []) -> AcpMessage {
        .request(id: id, method: "session/new", params: ["cwd": cwd, "mcpServers": mcpServers.map(\.json)])
    }

    /// `session/load`: continue the agent's session `sessionID` (when it advertises loadSession).
    public static func loadSession(id: JSONRPCID, sessionID: String, cwd: String, mcpServers: [AcpMcpServer] = []) -> AcpMessage {
        .request(
            id: id, method: "session/load", params: ["sessionId": sessionID, "cwd": cwd, "mcpServers": mcpServers.map(\.json)])
    }

    /// `session/prompt` with one text block.
    public static func prompt(id: JSONRPCID, sessionID: String, text: String) -> AcpMessage {
        .request(id: id, method: "session/prompt", params: ["sessionId": sessionID, "prompt": [["type": "text", "text": text]]])
    }

    /// `session/set_mode`.
    public static func setMode(id: JSONRPCID, sessionID: String, modeID: String) -> AcpMessage {
        .request(id: id, method: "session/set_mode", params: ["sessionId": sessionID, "modeId": modeID])
    }

    /// The `session/cancel` notification.
    public static func cancel(sessionID: String) -> AcpMessage {
        .notification(method: "session/cancel", params: ["sessionId": sessionID])
    }

    /// The answer to `session/request_permission`: the chosen option, or cancelled (nil).
    public static func permissionOutcome(id: JSONRPCID, optionID: String?) -> AcpMessage {
        let outcome: [String: Any] =
            if let optionID { ["outcome": "selected", "optionId": optionID] } else { ["outcome": "cancelled"] }
        return .response(id: id, result: ["outcome": outcome])
    }

    /// The answer to `fs/read_text_file`.
    public static func fileContent(id: JSONRPCID, content: String) -> AcpMessage {
        .response(id: id, result: ["content": content])
    }

    /// An empty result (`fs/write_text_file`, a notification-like request).
    public static func empty(id: JSONRPCID) -> AcpMessage {
        .response(id: id, result: NSNull())
    }

    /// An error answer.
    public static func error(id: JSONRPCID, code: Int, message: String) -> AcpMessage {
        .failure(id: id, code: code, message: message)
    }
}

/// An MCP server handed to the agent in `session/new` (stdio transport).
public struct AcpMcpServer: Sendable, Equatable {
    public var name: String
    public var command: String
    public var args: [String]
    public var env: [String: String]

    public init(name: String, command: String, args: [String], env: [String: String] = [:]) {
        self.name = name
        self.command = command
        self.args = args
        self.env = env
    }

    var json: [String: Any] {
        [
            "name": name, "command": command, "args": args,
            "env": env.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] },
        ]
    }
}
