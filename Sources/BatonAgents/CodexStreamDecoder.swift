import BatonCore

/// Decodes `codex exec --json` output (thread.started, turn.*, item.*, error).
///
/// The final text is the last `agent_message`; `file_change` items give `.fileChanged`,
/// `command_execution` items give activity lines, `error` items are warnings. Tokens are
/// `input_tokens + output_tokens` of `turn.completed` (cached input is part of input).
/// `turn.failed` ends the turn with its error; a top-level `error` event is a warning, and the
/// turn's error when the turn never completed.
public struct CodexStreamDecoder: JSONObjectDecoder {
    private var threadID: String?
    private var lastMessage: String?
    private var turnCompleted = false
    private var failure: String?
    private var lastStreamError: String?
    private var tokens = 0
    private var startedCommands: Set<String> = []

    public init() {}


    /// The members this decoder reads; aggregated command output, reasoning summaries... are
    /// skipped unbuilt.
    static let read: JSONFilter = .keep([
        "type": .all, "thread_id": .all, "usage": .all, "message": .all,
        "error": .keep("message"),
        "item": .keep([
            "id": .all, "type": .all, "item_type": .all, "text": .all, "command": .all, "status": .all,
            "server": .all, "tool": .all, "query": .all, "message": .all,
            "changes": .keep("path"),
        ]),
    ])

    mutating func handle(_ object: [String: Any]) -> [AgentEvent] {
        switch JSONLine.string(object["type"]) {
        case "thread.started":
            guard let id = JSONLine.string(object["thread_id"]), !id.isEmpty else { return [] }
            threadID = id
            return [.sessionStarted(id)]
        case "turn.completed":
            turnCompleted = true
            let usage = JSONLine.object(object["usage"]) ?? [:]
            tokens += (JSONLine.int(usage["input_tokens"]) ?? 0) + (JSONLine.int(usage["output_tokens"]) ?? 0)
            return [.usage(tokens: tokens, costUSD: nil)]
        case "turn.failed":
            let message = JSONLine.string(JSONLine.object(object["error"])?["message"]) ?? "turn failed"
            failure = TerminalText.oneLine(message, limit: 240)
            return []
        case "error":
            let message = TerminalText.oneLine(JSONLine.string(object["message"]) ?? "error", limit: 240)
            lastStreamError = message
            return [.warning(message)]
        case "item.started", "item.updated", "item.completed":
            let isCompleted = JSONLine.string(object["type"]) == "item.completed"
            return item(JSONLine.object(object["item"]) ?? [:], completed: isCompleted)
        default:
            return []  // turn.started, future types
        }
    }

    private mutating func item(_ item: [String: Any], completed: Bool) -> [AgentEvent] {
        let id = JSONLine.string(item["id"]) ?? ""
        switch JSONLine.string(item["type"]) ?? JSONLine.string(item["item_type"]) {
        case "agent_message", "assistant_message":
            guard completed, let text = JSONLine.string(item["text"]) else { return [] }
            lastMessage = text
            return [.text(text)]
        case "command_execution":
            // One activity per command: at its start, or at completion if the start was not seen.
            if !id.isEmpty {
                guard !startedCommands.contains(id) else { return [] }
                startedCommands.insert(id)
            }
            guard let command = JSONLine.string(item["command"]) else { return [] }
            return [.activity(ActivitySummary.describe(command: command))]
        case "file_change":
            guard completed else { return [] }
            if let status = JSONLine.string(item["status"]), status == "failed" { return [] }
            var events: [AgentEvent] = []
            for case let change as [String: Any] in JSONLine.array(item["changes"]) {
                guard let path = JSONLine.string(change["path"]) else { continue }
                events.append(.activity(ActivitySummary.describe(toolName: "edit", input: ["path": path])))
                events.append(.fileChanged(path))
            }
            return events
        case "mcp_tool_call":
            guard !completed else { return [] }
            let server = JSONLine.string(item["server"]) ?? "mcp"
            let tool = JSONLine.string(item["tool"]) ?? "tool"
            return [.activity(TerminalText.oneLine("calling \(server).\(tool)", limit: ActivitySummary.limit))]
        case "web_search":
            guard !completed else { return [] }
            return [.activity(TerminalText.oneLine("searching: \(JSONLine.string(item["query"]) ?? "the web")", limit: ActivitySummary.limit))]
        case "error":
            guard completed else { return [] }
            return [.warning(TerminalText.oneLine(JSONLine.string(item["message"]) ?? "error", limit: 240))]
        default:
            return []  // reasoning, todo_list, future item types
        }
    }

    public mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult {
        var error: String?
        if let failure {
            error = failure
        } else if !turnCompleted {
            error = lastStreamError ?? JSONLine.exitError("exited without a result", stderrTail: stderrTail)
        } else if exitCode != 0 {
            error = JSONLine.exitError("exited with status \(exitCode)", stderrTail: stderrTail)
        }
        return TurnResult(
            exitCode: exitCode, finalText: lastMessage ?? "", agentSessionID: threadID,
            tokens: tokens, costUSD: nil, durationMs: 0, error: error
        )
    }
}
