import BatonCore
import Foundation

/// Decodes `claude -p --output-format stream-json --verbose` output.
///
/// One API message may come split over several `assistant` lines sharing `message.id`: text
/// blocks are kept per message id and a block seen twice is not repeated. The turn's final
/// text is the `result` event's `result`, else the text of the last assistant message.
/// Tokens are `input_tokens + output_tokens` of the result's usage (cache reads/writes, which
/// Anthropic counts separately, are not added).
public struct ClaudeStreamDecoder: JSONObjectDecoder {
    private var sessionID: String?
    private var messageOrder: [String] = []
    private var messageTexts: [String: [String]] = [:]
    private var messageUsage: [String: Int] = [:]
    /// The sum of `messageUsage` (wrapping arithmetic: equal to the sum whenever that fits).
    private var messageUsageTotal = 0
    private var seenToolUses: Set<String> = []
    private var resultSeen = false
    private var resultText: String?
    private var resultError: String?
    private var tokens = 0
    private var cost: Double?
    private var durationMs = 0
    private var denials: [String] = []
    private var anonymousMessages = 0

    public init() {}


    /// The members this decoder reads; tool results, models, uuids... are skipped unbuilt.
    static let read: JSONFilter = .keep([
        "session_id": .all, "type": .all, "subtype": .all, "result": .all, "total_cost_usd": .all,
        "duration_ms": .all, "usage": .all, "permission_denials": .all, "is_error": .all, "errors": .all,
        "api_error_status": .all,
        "message": .keep([
            "id": .all, "usage": .all,
            "content": .keep("type", "text", "id", "name", "input"),
        ]),
    ])

    mutating func handle(_ object: [String: Any]) -> [AgentEvent] {
        var events: [AgentEvent] = []
        if sessionID == nil, let id = JSONLine.string(object["session_id"]), !id.isEmpty {
            sessionID = id
            events.append(.sessionStarted(id))
        }
        switch JSONLine.string(object["type"]) {
        case "system":
            if JSONLine.string(object["subtype"]) == "init", let id = JSONLine.string(object["session_id"]), id != sessionID {
                sessionID = id
                events.append(.sessionStarted(id))
            }
        case "assistant":
            events += assistant(JSONLine.object(object["message"]) ?? [:])
        case "result":
            events += result(object)
        default:
            break  // user (tool results), rate_limit_event, stream_event, future types
        }
        return events
    }

    private mutating func assistant(_ message: [String: Any]) -> [AgentEvent] {
        var events: [AgentEvent] = []
        let id: String
        if let given = JSONLine.string(message["id"]) {
            id = given
        } else {
            anonymousMessages += 1
            id = "#\(anonymousMessages)"
        }
        if messageTexts[id] == nil {
            messageOrder.append(id)
            messageTexts[id] = []
        }
        for case let block as [String: Any] in JSONLine.array(message["content"]) {
            switch JSONLine.string(block["type"]) {
            case "text":
                guard let text = JSONLine.string(block["text"]), !text.isEmpty else { continue }
                if messageTexts[id]?.contains(text) == true { continue }
                messageTexts[id]?.append(text)
                events.append(.text(text))
            case "tool_use":
                if let toolID = JSONLine.string(block["id"]) {
                    guard !seenToolUses.contains(toolID) else { continue }
                    seenToolUses.insert(toolID)
                }
                let name = JSONLine.string(block["name"]) ?? "tool"
                let input = JSONLine.object(block["input"]) ?? [:]
                events.append(.activity(ActivitySummary.describe(toolName: name, input: input)))
                if ActivitySummary.isEdit(toolName: name), let path = JSONLine.string(input["file_path"] ?? input["notebook_path"]) {
                    events.append(.fileChanged(path))
                }
            default:
                break  // thinking, redacted_thinking, ...
            }
        }
        if let usage = JSONLine.object(message["usage"]) {
            let used = (JSONLine.int(usage["input_tokens"]) ?? 0) + (JSONLine.int(usage["output_tokens"]) ?? 0)
            let previous = messageUsage[id]
            if previous != used {
                messageUsage[id] = used
                messageUsageTotal = messageUsageTotal &- (previous ?? 0) &+ used
                events.append(.usage(tokens: messageUsageTotal, costUSD: nil))
            }
        }
        return events
    }

    private mutating func result(_ object: [String: Any]) -> [AgentEvent] {
        resultSeen = true
        resultText = JSONLine.string(object["result"])
        cost = JSONLine.double(object["total_cost_usd"]) ?? cost
        durationMs = JSONLine.int(object["duration_ms"]) ?? durationMs
        if let usage = JSONLine.object(object["usage"]) {
            tokens = (JSONLine.int(usage["input_tokens"]) ?? 0) + (JSONLine.int(usage["output_tokens"]) ?? 0)
        } else {
            tokens = messageUsageTotal
        }
        denials = JSONLine.array(object["permission_denials"]).compactMap { item in
            guard let denial = item as? [String: Any] else { return nil }
            return Self.describeDenial(denial)
        }
        if JSONLine.bool(object["is_error"]) || (JSONLine.string(object["subtype"]).map { $0 != "success" } ?? false) {
            resultError = Self.errorText(object)
        }
        return [.usage(tokens: tokens, costUSD: cost)]
    }

    public mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult {
        var error = resultError
        if !resultSeen {
            error = JSONLine.exitError("exited without a result", stderrTail: stderrTail)
        } else if error == nil && exitCode != 0 {
            error = JSONLine.exitError("exited with status \(exitCode)", stderrTail: stderrTail)
        }
        let lastText = messageOrder.last { !(messageTexts[$0] ?? []).isEmpty }.map { messageTexts[$0]!.joined(separator: "\n") }
        let final = resultText.flatMap { $0.isEmpty ? nil : $0 } ?? lastText ?? ""
        return TurnResult(
            exitCode: exitCode, finalText: final, agentSessionID: sessionID,
            tokens: resultSeen ? tokens : messageUsageTotal, costUSD: cost,
            durationMs: durationMs, error: error, permissionDenials: denials
        )
    }

    /// `Bash(git push origin HEAD)`: the tool name and its command (or first input value).
    static func describeDenial(_ denial: [String: Any]) -> String {
        let name = TerminalText.oneLine(JSONLine.string(denial["tool_name"]) ?? "tool", limit: 60)
        let input = JSONLine.object(denial["tool_input"]) ?? [:]
        let argument: String?
        if let command = JSONLine.string(input["command"]) {
            argument = command
        } else if let path = ActivitySummary.path(in: input) {
            argument = path
        } else {
            argument = input.keys.sorted().lazy.compactMap { input[$0] as? String }.first
        }
        guard let argument else { return name }
        return "\(name)(\(TerminalText.oneLine(argument, limit: 200)))"
    }

    /// One line: the result text, else the `errors` list, else the subtype; with the API status.
    static func errorText(_ object: [String: Any]) -> String {
        var text = JSONLine.string(object["result"]) ?? ""
        if text.isEmpty {
            text = JSONLine.array(object["errors"]).compactMap { $0 as? String }.joined(separator: "; ")
        }
        let subtype = JSONLine.string(object["subtype"]) ?? "error"
        if text.isEmpty { text = subtype.replacingOccurrences(of: "_", with: " ") }
        if let status = JSONLine.int(object["api_error_status"]), !text.contains(String(status)) {
            text += " (API status \(status))"
        }
        return TerminalText.oneLine(text, limit: 240)
    }
}
