import BatonCore
import Foundation

/// What an ACP agent says about itself: `initialize` and `session/new` results.
public struct AcpAgentInfo: Sendable, Equatable {
    /// It can continue an earlier session (`session/load`).
    public var loadSession = false
    /// The session modes it offers (`session/new` → `modes.availableModes[].id`).
    public var modes: [String] = []
    /// Its name and version, when it says (`agentInfo`).
    public var name: String?
    public var version: String?

    public init(loadSession: Bool = false, modes: [String] = [], name: String? = nil, version: String? = nil) {
        self.loadSession = loadSession
        self.modes = modes
        self.name = name
        self.version = version
    }

    /// From the `initialize` result.
    public static func fromInitialize(_ result: Any) -> AcpAgentInfo {
        let object = JSONLine.object(result) ?? [:]
        let caps = JSONLine.object(object["agentCapabilities"]) ?? [:]
        let info = JSONLine.object(object["agentInfo"]) ?? [:]
        return AcpAgentInfo(
            loadSession: JSONLine.bool(caps["loadSession"]), name: JSONLine.string(info["name"]),
            version: JSONLine.string(info["version"]))
    }

    /// The session id and the modes of a `session/new` result (nil without a session id).
    public static func newSession(_ result: Any) -> (sessionID: String, modes: [String])? {
        let object = JSONLine.object(result) ?? [:]
        guard let id = JSONLine.string(object["sessionId"]) else { return nil }
        return (id, modes(result))
    }

    /// The mode ids a `session/new` or `session/load` result offers (`modes.availableModes`).
    public static func modes(_ result: Any) -> [String] {
        let object = JSONLine.object(result) ?? [:]
        return JSONLine.array((JSONLine.object(object["modes"]) ?? [:])["availableModes"])
            .compactMap { JSONLine.string(JSONLine.object($0)?["id"]) }
    }

    /// `load · modes default ask` for `/agents`.
    public var summary: String {
        var parts: [String] = [loadSession ? "session/load" : "no session/load"]
        if !modes.isEmpty { parts.append("modes " + modes.map { TerminalText.oneLine($0, limit: 30) }.joined(separator: " ")) }
        return parts.joined(separator: " · ")
    }
}

/// `session/request_permission`: the tool call the agent wants to make and the options.
public struct AcpPermissionRequest: Sendable, Equatable {
    public struct Option: Sendable, Equatable {
        public var id: String
        public var name: String
        /// allow_once, allow_always, reject_once, reject_always.
        public var kind: String
    }

    public var sessionID: String?
    public var toolCallID: String?
    /// One line naming the tool call (`Write src/a.txt`), sanitized.
    public var tool: String
    public var options: [Option]

    /// Reads the request's params; nil when it has no options to choose from.
    public static func parse(_ params: [String: Any], worktree: String? = nil) -> AcpPermissionRequest? {
        let call = JSONLine.object(params["toolCall"]) ?? [:]
        let options: [Option] = JSONLine.array(params["options"]).compactMap { any in
            guard let o = JSONLine.object(any), let id = JSONLine.string(o["optionId"]) else { return nil }
            let kind = JSONLine.string(o["kind"]) ?? ""
            let name = JSONLine.string(o["name"]) ?? id
            return Option(id: id, name: TerminalText.oneLine(name, limit: 60), kind: kind)
        }
        guard !options.isEmpty else { return nil }
        return AcpPermissionRequest(
            sessionID: JSONLine.string(params["sessionId"]), toolCallID: JSONLine.string(call["toolCallId"]),
            tool: AcpToolCall.describe(call, worktree: worktree), options: options)
    }
}

/// How a tool call reads in one line: its title, else its kind and first location.
enum AcpToolCall {
    static func describe(_ call: [String: Any], worktree: String?) -> String {
        let kind = JSONLine.string(call["kind"]) ?? ""
        let path = firstPath(call).map { TerminalText.oneLine(ActivitySummary.relative($0, to: worktree), limit: 60) }
        if var title = JSONLine.string(call["title"]), !title.isEmpty {
            // Titles name absolute paths ("Write /…/T1/src/a.txt"): inside the worktree, relative.
            if let worktree, !worktree.isEmpty { title = title.replacingOccurrences(of: worktree + "/", with: "") }
            return TerminalText.oneLine(title, limit: 100)
        }
        return TerminalText.oneLine([kind.isEmpty ? "tool call" : kind, path].compactMap { $0 }.joined(separator: " "), limit: 100)
    }

    /// The activity line of a new tool call: "editing X", "reading X", "running: title".
    static func activity(_ call: [String: Any], worktree: String?) -> String {
        let path = firstPath(call).map { TerminalText.oneLine(ActivitySummary.relative($0, to: worktree), limit: 60) }
        let title = describe(call, worktree: worktree)
        switch JSONLine.string(call["kind"]) ?? "" {
        case "edit", "delete", "move": return path.map { "editing \($0)" } ?? title
        case "read": return path.map { "reading \($0)" } ?? title
        case "execute": return "running: " + title
        case "search": return "searching: " + title
        default: return title
        }
    }

    static func firstPath(_ call: [String: Any]) -> String? {
        JSONLine.array(call["locations"]).lazy.compactMap { JSONLine.string(JSONLine.object($0)?["path"]) }.first
    }
}
