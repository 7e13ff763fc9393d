import BatonCore

/// Decodes `gemini -p ... -o stream-json` output (init, message, tool_use, tool_result, error,
/// result).
///
/// Assistant messages with `delta: true` are chunks of one message and are concatenated; a
/// tool call starts a new message. The final text is the last non-empty assistant message.
/// Tokens are `input_tokens + output_tokens` of the result's stats (else `total_tokens`).
public struct GeminiStreamDecoder: JSONObjectDecoder {
    private var sessionID: String?
    private var messages: [String] = [""]
    private var resultSeen = false
    private var resultError: String?
    private var lastError: String?
    private var tokens = 0
    private var durationMs = 0

    public init() {}

    mutating func handle(_ object: JSONObject) -> [AgentEvent] {
        switch JSONLine.string(object["type"]) {
        case "init":
            guard let id = JSONLine.string(object["session_id"]), !id.isEmpty else { return [] }
            sessionID = id
            return [.sessionStarted(id)]
        case "message":
            guard JSONLine.string(object["role"]) == "assistant",
                let content = JSONLine.string(object["content"]), !content.isEmpty
            else { return [] }
            if JSONLine.bool(object["delta"]) {
                messages[messages.count - 1] += content
            } else if messages[messages.count - 1].isEmpty {
                messages[messages.count - 1] = content
            } else {
                messages.append(content)
            }
            return [.text(content)]
        case "tool_use":
            if !messages[messages.count - 1].isEmpty { messages.append("") }
            let name = JSONLine.string(object["tool_name"]) ?? "tool"
            let parameters = JSONLine.object(object["parameters"]) ?? [:]
            var events: [AgentEvent] = [.activity(ActivitySummary.describe(toolName: name, input: parameters))]
            if ActivitySummary.isEdit(toolName: name), let path = ActivitySummary.path(in: parameters) {
                events.append(.fileChanged(path))
            }
            return events
        case "error":
            let message = TerminalText.oneLine(JSONLine.string(object["message"]) ?? "error", limit: 240)
            if JSONLine.string(object["severity"]) == "error" { lastError = message }
            return [.warning(message)]
        case "result":
            resultSeen = true
            let stats = JSONLine.object(object["stats"]) ?? [:]
            if let input = JSONLine.int(stats["input_tokens"]), let output = JSONLine.int(stats["output_tokens"]) {
                tokens = input + output
            } else {
                tokens = JSONLine.int(stats["total_tokens"]) ?? 0
            }
            durationMs = JSONLine.int(stats["duration_ms"]) ?? 0
            if let status = JSONLine.string(object["status"]), status != "success" {
                let detail =
                    JSONLine.object(object["error"]).flatMap { JSONLine.string($0["message"]) }
                    ?? JSONLine.string(object["error"]) ?? lastError ?? "gemini reported status \(status)"
                resultError = TerminalText.oneLine(detail, limit: 240)
            }
            return [.usage(tokens: tokens, costUSD: nil)]
        default:
            return []  // tool_result, future types
        }
    }

    public mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult {
        var error = resultError
        if !resultSeen {
            error = lastError ?? JSONLine.exitError("exited without a result", stderrTail: stderrTail)
        } else if error == nil && exitCode != 0 {
            error = JSONLine.exitError("exited with status \(exitCode)", stderrTail: stderrTail)
        }
        return TurnResult(
            exitCode: exitCode, finalText: messages.last { !$0.isEmpty } ?? "", agentSessionID: sessionID,
            tokens: tokens, costUSD: nil, durationMs: durationMs, error: error
        )
    }
}
