import BatonCore
import Foundation

/// Decodes `claude -p --output-format stream-json --verbose` output.
///
/// One API message may come split over several `assistant` lines sharing `message.id`: text
/// blocks are kept per message id and a block seen twice is not repeated. The turn's final
/// text is the `result` event's `result`, else the text of the last assistant message.
/// Tokens are `input_tokens + output_tokens` of the result's usage, which counts this run only
/// (cache reads/writes, which Anthropic counts separately, are not added); assistant lines
/// carry a placeholder `output_tokens` until then, so figures before the result are approximate.
/// The cost is this run's (`model_usage_since_last_result`) when reported; `total_cost_usd`,
/// which on `--resume` counts the whole claude session, goes to `sessionCostUSD`.
/// `system`/`api_retry` lines (the API failed, claude retries) are `.retrying`, not progress.
/// Paths inside `worktree` are shown relative to it.
public struct ClaudeStreamDecoder: JSONObjectDecoder {
    private let worktree: String?
    private var sessionID: String?
    /// The API message being streamed (its lines share `message.id`); only it and the last
    /// message with text are kept, so a long turn costs no more memory than a short one.
    private var current = StreamedMessage(id: "")
    /// The text blocks of the last message that had any (the final text without a result).
    private var lastTexts: [String] = []
    /// The usage of the messages before `current` (wrapping arithmetic: equal to the sum
    /// whenever that fits); with `current.usage`, the turn's tokens so far.
    private var earlierUsage = 0
    private var messageUsageTotal: Int { earlierUsage &+ current.usage }
    private var resultSeen = false
    private var resultText: String?
    private var resultError: String?
    private var tokens = 0
    private var cost: Double?
    private var sessionCost: Double?
    private var durationMs = 0
    private var requests: [PermissionRequest] = []
    private var anonymousMessages = 0
    private var cachedTokens = 0
    private var version: String?
    /// Kinds of drift already reported this turn (the runtime shows each once per session).
    private var driftReported: Set<AgentDrift.Kind> = []
    private var rateLimit = ClaudeRateLimit()
    private var assistantError: String?

    public init(worktree: String? = nil) { self.worktree = worktree }

    /// The members this decoder reads; tool results, models, uuids... are skipped unbuilt.
    static let read: JSONFilter = .keep([
        "session_id": .all, "type": .all, "subtype": .all, "result": .all, "total_cost_usd": .all,
        "duration_ms": .all, "usage": .all, "permission_denials": .all, "is_error": .all, "errors": .all,
        "api_error_status": .all, "model_usage_since_last_result": .all,
        "attempt": .all, "max_retries": .all, "error_status": .all, "error": .all,
        "parent_tool_use_id": .all, "deferred_tool_use": .all, "modelUsage": .all, "rate_limit_info": .all,
        "claude_code_version": .all, "api_error": .all, "terminal_reason": .all,
        "message": .keep([
            "id": .all, "usage": .all,
            "content": .keep("type", "text", "id", "name", "input"),
        ]),
    ])

    /// A `user` line (the tool results claude echoes, often the largest lines) once the
    /// session id is known: `handle` would only skip it.
    func ignores(_ line: String) -> Bool {
        sessionID != nil && JSONLine.isEvent(line, ofType: Self.userType)
    }

    private static let userType = Array("\"user\"".utf8)

    mutating func handle(_ object: JSONObject) -> [AgentEvent] {
        var events: [AgentEvent] = []
        if sessionID == nil, let id = JSONLine.string(object["session_id"]), !id.isEmpty {
            sessionID = id
            events.append(.sessionStarted(id))
        }
        let type = JSONLine.string(object["type"])
        let message = type == "assistant" ? JSONLine.object(object["message"]) : nil
        switch type {
        case "system":
            switch JSONLine.string(object["subtype"]) {
            case "init":
                if let id = JSONLine.string(object["session_id"]), id != sessionID {
                    sessionID = id
                    events.append(.sessionStarted(id))
                }
                version = JSONLine.string(object["claude_code_version"]).map { TerminalText.oneLine($0, limit: 40) } ?? version
            case "api_retry":
                events.append(.retrying(Self.retryText(object)))
            default:
                break
            }
        case "assistant":
            if let error = JSONLine.string(object["error"]), !error.isEmpty { assistantError = error }
            if let parent = JSONLine.string(object["parent_tool_use_id"]), !parent.isEmpty {
                events = events.followed(by: subagent(message ?? [:]))
            } else {
                events = events.followed(by: assistant(message ?? [:]))
            }
        case "result":
            events = events.followed(by: result(object))
        case "rate_limit_event":
            events = events.followed(by: rateLimit.read(JSONLine.object(object["rate_limit_info"]) ?? [:]).map { .notice($0) })
        case "user", "stream_event", "control_request", "control_response", "keep_alive", "tool_progress", "auth_status":
            break
        case let other:
            events = events.followed(by: drift(.unknownEvent("claude", version: version, type: other)))
        }
        guard let type else { return events }
        return events.followed(by: missingFields(object, type: type, message: message))
    }

    /// The fields of each event type without which Baton misreads it (the Claude Agent SDK's
    /// parser requires them too).
    static let required: [String: [String]] = [
        "system": ["subtype"], "assistant": ["message"], "result": ["subtype", "is_error", "session_id"],
        "rate_limit_event": ["rate_limit_info"],
    ]

    /// A drift warning for the first required field missing from `object` (an event of `type`;
    /// `message`: an assistant event's), if any.
    private mutating func missingFields(_ object: JSONObject, type: String, message: JSONObject?) -> [AgentEvent] {
        guard let fields = Self.required[type] else { return [] }
        var missing = fields.first { JSONLine.absent(object[$0]) }
        if missing == nil, type == "assistant", JSONLine.absent(message?["content"]) {
            missing = "message.content"
        }
        guard let missing else { return [] }
        return drift(.missingField("claude", version: version, event: type, field: missing))
    }

    /// `drift` as an event, once per kind and turn.
    private mutating func drift(_ drift: AgentDrift) -> [AgentEvent] {
        driftReported.insert(drift.kind).inserted ? [.drift(drift)] : []
    }

    /// A subagent's line: its text and tool calls, for `/log` only (files it edits count).
    private func subagent(_ message: JSONObject) -> [AgentEvent] {
        var events: [AgentEvent] = []
        for case .object(let block) in JSONLine.array(message["content"]) {
            switch JSONLine.string(block["type"]) {
            case "text":
                if let text = JSONLine.string(block["text"]), !text.isEmpty { events.append(.subagent(text)) }
            case "tool_use":
                let name = JSONLine.string(block["name"]) ?? "tool"
                let input = JSONLine.object(block["input"]) ?? [:]
                events.append(.subagent(ActivitySummary.describe(toolName: name, input: input, worktree: worktree)))
                if ActivitySummary.isEdit(toolName: name), let path = JSONLine.string(input["file_path"] ?? input["notebook_path"]) {
                    events.append(.fileChanged(ActivitySummary.relative(path, to: worktree)))
                }
            default:
                break
            }
        }
        return events
    }

    private mutating func assistant(_ message: JSONObject) -> [AgentEvent] {
        var events: [AgentEvent] = []
        let id: String
        if let given = JSONLine.string(message["id"]) {
            id = given
        } else {
            anonymousMessages += 1
            id = "#\(anonymousMessages)"
        }
        if id != current.id {
            earlierUsage = earlierUsage &+ current.usage
            current = StreamedMessage(id: id)
        }
        for case .object(let block) in JSONLine.array(message["content"]) {
            switch JSONLine.string(block["type"]) {
            case "text":
                guard let text = JSONLine.string(block["text"]), !text.isEmpty else { continue }
                if current.texts.contains(text) { continue }
                current.texts.append(text)
                lastTexts = current.texts
                events.append(.text(text))
            case "tool_use":
                if let toolID = JSONLine.string(block["id"]) {
                    guard current.toolUses.insert(toolID).inserted else { continue }
                }
                let name = JSONLine.string(block["name"]) ?? "tool"
                let input = JSONLine.object(block["input"]) ?? [:]
                events.append(.activity(ActivitySummary.describe(toolName: name, input: input, worktree: worktree)))
                if ActivitySummary.isEdit(toolName: name), let path = JSONLine.string(input["file_path"] ?? input["notebook_path"]) {
                    events.append(.fileChanged(ActivitySummary.relative(path, to: worktree)))
                }
            default:
                break  // thinking, redacted_thinking, ...
            }
        }
        if let usage = JSONLine.object(message["usage"]) {
            let used = (JSONLine.int(usage["input_tokens"]) ?? 0) + (JSONLine.int(usage["output_tokens"]) ?? 0)
            if current.usage != used || !current.usageSeen {
                current.usage = used
                current.usageSeen = true
                events.append(.usage(tokens: messageUsageTotal, costUSD: nil, approximate: true))
            }
        }
        return events
    }

    private mutating func result(_ object: JSONObject) -> [AgentEvent] {
        resultSeen = true
        resultText = JSONLine.string(object["result"])
        sessionCost = JSONLine.double(object["total_cost_usd"]) ?? Self.modelUsageCost(object["modelUsage"]) ?? sessionCost
        cost = Self.runCost(object) ?? sessionCost
        durationMs = JSONLine.int(object["duration_ms"]) ?? durationMs
        if let usage = JSONLine.object(object["usage"]) {
            tokens = (JSONLine.int(usage["input_tokens"]) ?? 0) + (JSONLine.int(usage["output_tokens"]) ?? 0)
            cachedTokens = JSONLine.int(usage["cache_read_input_tokens"]) ?? 0
        } else {
            tokens = messageUsageTotal
        }
        requests = JSONLine.array(object["permission_denials"]).compactMap { item in
            guard case .object(let denial) = item else { return nil }
            return ClaudePermissionRules.request(
                toolName: JSONLine.string(denial["tool_name"]) ?? "tool", input: JSONLine.object(denial["tool_input"]) ?? [:],
                worktree: worktree)
        }
        // A tool call deferred to the caller is not done: it is asked like a denied one.
        if let deferred = JSONLine.object(object["deferred_tool_use"]) {
            let request = ClaudePermissionRules.request(
                toolName: JSONLine.string(deferred["name"]) ?? "tool", input: JSONLine.object(deferred["input"]) ?? [:],
                worktree: worktree)
            if !requests.contains(request) { requests.append(request) }
        }
        if let limited = rateLimit.rejection {
            resultError = limited
        } else if JSONLine.bool(object["is_error"]) || (JSONLine.string(object["subtype"]).map { $0 != "success" } ?? false) {
            resultError = Self.errorText(object, assistantError: assistantError)
        }
        return [.usage(tokens: tokens, costUSD: cost)]
    }

    public mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult {
        var error = resultError
        if let limited = rateLimit.rejection, error == nil {
            error = limited
        } else if !resultSeen {
            error = JSONLine.endError("exited without a result", exitCode: exitCode, stderrTail: stderrTail)
        } else if error == nil && exitCode != 0 {
            error = JSONLine.endError("exited with status \(exitCode)", exitCode: exitCode, stderrTail: stderrTail)
        }
        let lastText = lastTexts.isEmpty ? nil : lastTexts.joined(separator: "\n")
        let final = resultText.flatMap { $0.isEmpty ? nil : $0 } ?? lastText ?? ""
        return TurnResult(
            exitCode: exitCode, finalText: final, agentSessionID: sessionID,
            tokens: resultSeen ? tokens : messageUsageTotal, costUSD: cost,
            durationMs: durationMs, error: error, permissionDenials: requests.map(\.description),
            sessionCostUSD: resultSeen ? sessionCost : nil,
            tokensApproximate: !resultSeen && messageUsageTotal > 0 ? true : nil,
            permissionRequests: requests.isEmpty ? nil : requests,
            cachedTokens: cachedTokens > 0 ? cachedTokens : nil,
            rateLimitedUntil: rateLimit.rejection == nil ? nil : rateLimit.resetsAt,
            agentVersion: version
        )
    }

    /// This run's cost: the sum of `model_usage_since_last_result[model].costUSD`, when
    /// reported; 0 when the run's `usage` shows no token at all (every API call failed).
    static func runCost(_ object: JSONObject) -> Double? {
        if let models = JSONLine.object(object["model_usage_since_last_result"]) {
            return models.distinctMembers.reduce(0.0) { sum, model in
                sum + (JSONLine.double(JSONLine.object(model.value)?["costUSD"]) ?? 0)
            }
        }
        if let usage = JSONLine.object(object["usage"]),
            ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"]
                .allSatisfy({ (JSONLine.int(usage[$0]) ?? 0) == 0 })
        {
            return 0
        }
        return nil
    }

    /// The sum of `modelUsage[*].costUSD` (a session total, as `total_cost_usd`), when given.
    static func modelUsageCost(_ value: JSONValue?) -> Double? {
        guard let models = JSONLine.object(value), !models.isEmpty else { return nil }
        let costs = models.distinctMembers.compactMap { JSONLine.double(JSONLine.object($0.value)?["costUSD"]) }
        return costs.isEmpty ? nil : costs.reduce(0, +)
    }

    /// "API call failed (status 529), retrying (attempt 3 of 10)".
    static func retryText(_ object: JSONObject) -> String {
        var text = "API call failed"
        if let status = JSONLine.int(object["error_status"]) {
            text += " (status \(status))"
        } else if let error = JSONLine.string(object["error"]), !error.isEmpty, error != "unknown" {
            text += " (\(error))"
        }
        text += ", retrying"
        if let attempt = JSONLine.int(object["attempt"]) {
            text += JSONLine.int(object["max_retries"]).map { " (attempt \(attempt) of \($0))" } ?? " (attempt \(attempt))"
        }
        return TerminalText.oneLine(text, limit: 120)
    }

    /// One line naming the cause: `API overloaded (529)`, `rate limited (429)`,
    /// `authentication failed (401)` for those API failures; else the result text, the
    /// `errors` list or the subtype (never "success": the terminal reason then), with the
    /// API status.
    static func errorText(_ object: JSONObject, assistantError: String? = nil) -> String {
        let status = JSONLine.int(object["api_error_status"])
        if let cause = apiCause(status: status, error: assistantError ?? JSONLine.string(object["api_error"])) {
            return cause
        }
        var text = JSONLine.string(object["result"]) ?? ""
        if text.isEmpty {
            text = JSONLine.array(object["errors"]).compactMap { JSONLine.string($0) }.joined(separator: "; ")
        }
        var subtype = JSONLine.string(object["subtype"]) ?? "error"
        if subtype == "success" { subtype = JSONLine.string(object["terminal_reason"]) ?? "error" }
        if text.isEmpty { text = subtype.replacingOccurrences(of: "_", with: " ") }
        if let status = JSONLine.int(object["api_error_status"]), !text.contains(String(status)) {
            text += " (API status \(status))"
        }
        return TerminalText.oneLine(text, limit: 240)
    }

    /// The cause of an API failure by its HTTP status (or claude's error name), nil when
    /// neither says one.
    static func apiCause(status: Int?, error: String?) -> String? {
        switch (status, error) {
        case (529?, _), (_, "overloaded_error"?), (_, "overloaded"?): return "API overloaded (\(status ?? 529))"
        case (429?, _), (_, "rate_limit"?), (_, "rate_limit_error"?): return "rate limited (\(status ?? 429))"
        case (401?, _), (403?, _), (_, "authentication_failed"?), (_, "authentication_error"?):
            return "authentication failed (\(status ?? 401)) — log in to claude again"
        default: return nil  // other statuses: the result text says more
        }
    }
}

/// One API message as claude streams it: its text blocks (each once), the tool calls already
/// shown and its latest usage.
private struct StreamedMessage {
    var id: String
    var texts: [String] = []
    var toolUses: Set<String> = []
    var usage = 0
    var usageSeen = false
}
