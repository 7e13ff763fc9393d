import BatonCore
import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// One mid-turn call of an agent to Baton's MCP server (`baton-mcp`), as the MCP process
/// appends it to `runs/<task>.mcp.jsonl` for the process that owns the session to record
/// (Sessions/README.md "runs/"). The MCP process never writes the session log itself.
public struct AgentCall: Codable, Equatable, Sendable {
    /// The MCP tools that become calls (get_decisions only reads the log).
    public enum Tool: String, Codable, Sendable {
        case askHuman = "ask_human"
        case noteDecision = "note_decision"
        case reportProgress = "report_progress"
    }

    /// Unique per call: `<task>-<random>`; the answer file and the event carry it.
    public var id: String
    public var tool: Tool
    public var question: String?
    public var options: [String]?
    public var text: String?
    public var summary: String?
    public var next: String?

    public init(
        id: String, tool: Tool, question: String? = nil, options: [String]? = nil, text: String? = nil, summary: String? = nil,
        next: String? = nil
    ) {
        self.id = id
        self.tool = tool
        self.question = question
        self.options = options
        self.text = text
        self.summary = summary
        self.next = next
    }

    /// The event that records this call for `task`.
    public func event(task: String) -> SessionEvent {
        switch tool {
        case .askHuman:
            return .agentAsked(task: task, request: id, question: question ?? "", options: options ?? [])
        case .noteDecision:
            return .agentNoted(task: task, request: id, text: text ?? "")
        case .reportProgress:
            return .progressReported(task: task, request: id, summary: summary ?? "", next: next ?? "")
        }
    }

    /// The line appended to the calls file (one JSON object, keys sorted, `\n`-terminated).
    public func line() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data([0x0A])
    }

    /// Appends the call to `path` in one write (O_APPEND: lines of concurrent writers do not mix).
    public func append(to path: String) throws {
        let data = try line()
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SessionStoreError.io("\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
        guard written == data.count else { throw SessionStoreError.io("\(path): short write") }
    }

    /// The whole calls in `path` from byte `offset` on, and the offset after the last whole
    /// line (a line still being written is left for the next read). Unreadable lines are skipped.
    public static func read(_ path: String, from offset: UInt64) -> (calls: [AgentCall], offset: UInt64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return ([], offset) }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        let data = (try? handle.readToEnd()) ?? Data()
        guard let last = data.lastIndex(of: 0x0A) else { return ([], offset) }
        let whole = data[data.startIndex...last]
        let decoder = JSONDecoder()
        let calls = whole.split(separator: 0x0A).compactMap { try? decoder.decode(AgentCall.self, from: Data($0)) }
        return (calls, offset + UInt64(whole.count))
    }
}

/// The answer to an `ask_human` call, written where its MCP process waits for it.
public struct AgentCallAnswer: Codable, Equatable, Sendable {
    public var answer: String

    public init(answer: String) { self.answer = answer }
}
