import BatonCore

/// Decodes `opencode run --format json` output: lines `{type, timestamp, sessionID, part}` of
/// types step_start, text, tool_use, step_finish, error. The format is only partly verified,
/// so everything is read leniently.
///
/// opencode has no terminal result event: success is the exit status with no `error` event.
/// The final text is the text of the last step that had any. Cost and tokens are summed over
/// `step_finish` parts.
public struct OpencodeStreamDecoder: JSONObjectDecoder {
    private var sessionID: String?
    private var steps: [String] = [""]
    private var tokens = 0
    private var cost: Double?
    private var error: String?
    private var seenTools: Set<String> = []

    public init() {}

    mutating func handle(_ object: JSONObject) -> [AgentEvent] {
        var events: [AgentEvent] = []
        let part = JSONLine.object(object["part"]) ?? [:]
        if sessionID == nil, let id = JSONLine.string(object["sessionID"]) ?? JSONLine.string(part["sessionID"]), !id.isEmpty {
            sessionID = id
            events.append(.sessionStarted(id))
        }
        switch JSONLine.string(object["type"]) {
        case "step_start":
            if !steps[steps.count - 1].isEmpty { steps.append("") }
        case "text":
            if let text = JSONLine.string(part["text"]) ?? JSONLine.string(object["text"]), !text.isEmpty {
                steps[steps.count - 1] += steps[steps.count - 1].isEmpty ? text : "\n" + text
                events.append(.text(text))
            }
        case "tool_use":
            let callID = JSONLine.string(part["callID"]) ?? JSONLine.string(part["id"])
            if let callID {
                if seenTools.contains(callID) { break }
                seenTools.insert(callID)
            }
            let tool = JSONLine.string(part["tool"]) ?? "tool"
            let input = JSONLine.object(JSONLine.object(part["state"])?["input"]) ?? JSONLine.object(part["input"]) ?? [:]
            events.append(.activity(ActivitySummary.describe(toolName: tool, input: input)))
            if ActivitySummary.isEdit(toolName: tool), let path = JSONLine.string(input["filePath"] ?? input["file_path"] ?? input["path"])
            {
                events.append(.fileChanged(path))
            }
        case "step_finish":
            if let c = JSONLine.double(part["cost"]) { cost = (cost ?? 0) + c }
            let t = JSONLine.object(part["tokens"]) ?? [:]
            tokens += (JSONLine.int(t["input"]) ?? 0) + (JSONLine.int(t["output"]) ?? 0)
            events.append(.usage(tokens: tokens, costUSD: cost))
        case "error":
            let detail = JSONLine.object(object["error"])
            let message =
                JSONLine.string(JSONLine.object(detail?["data"])?["message"])
                ?? JSONLine.string(detail?["message"]) ?? JSONLine.string(object["message"])
                ?? JSONLine.string(detail?["name"]) ?? "error"
            error = TerminalText.oneLine(message, limit: 240)
            events.append(.warning(error!))
        default:
            break
        }
        return events
    }

    public mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult {
        var failure = error
        if failure == nil && exitCode != 0 {
            failure = JSONLine.exitError("exited with status \(exitCode)", stderrTail: stderrTail)
        }
        return TurnResult(
            exitCode: exitCode, finalText: steps.last { !$0.isEmpty } ?? "", agentSessionID: sessionID,
            tokens: tokens, costUSD: cost, durationMs: 0, error: failure
        )
    }
}
