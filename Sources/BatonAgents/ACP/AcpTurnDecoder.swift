import BatonCore
import Foundation

/// Decodes the transcript of one ACP turn into events and, at its end, a `TurnResult`.
///
/// The transcript (the run's stream file) holds every line the agent wrote and, wrapped as
/// `{"baton":"sent","message":{…}}` (see ``sentLine(_:)``), the requests Baton sent it: so
/// the same decoder serves the live turn, `/log` and a replay after a restart. History the
/// agent replays for `session/load` is not part of the turn; the final text is what the
/// agent said after the last `session/prompt`.
public struct AcpTurnDecoder: StreamDecoder {
    var worktree: String?
    var sessionID: String?
    var finalText = ""
    var stopReason: String?
    var promptError: String?
    var sawPrompt = false
    /// Ids of Baton's pending requests, by method.
    var pending: [JSONRPCID: String] = [:]
    var loading = false
    var titles: [String: [String: Any]] = [:]
    /// The mode asked for by each pending `session/set_mode`.
    var modes: [JSONRPCID: String] = [:]
    let started = Date()

    public init(worktree: String? = nil) { self.worktree = worktree }

    /// The transcript line for a message Baton sent.
    public static func sentLine(_ message: AcpMessage) -> String {
        "{\"baton\":\"sent\",\"message\":" + message.line + "}"
    }

    public mutating func decode(line: String) -> [AgentEvent] {
        switch JSONLine.parse(line) {
        case .skip: return []
        case .warning(let w): return [.warning(w)]
        case .object(let parsed):
            let object = parsed.anyDictionary
            if JSONLine.string(object["baton"]) == "sent" {
                if let inner = JSONLine.object(object["message"]), let message = AcpMessage.parse(object: inner) { sent(message) }
                return []
            }
            guard let message = AcpMessage.parse(object: object) else { return [] }
            return received(message)
        }
    }

    private mutating func sent(_ message: AcpMessage) {
        guard case .request(let id, let method, let params) = message else { return }
        pending[id] = method
        switch method {
        case "session/load":
            loading = true
            sessionID = JSONLine.string(params["sessionId"]) ?? sessionID
        case "session/prompt":
            sawPrompt = true
            finalText = ""
            stopReason = nil
            promptError = nil
        case "session/set_mode":
            modes[id] = JSONLine.string(params["modeId"]) ?? ""
        default: break
        }
    }

    /// A permission request that names its tool call by id alone (mistral-vibe) gets the
    /// title, kind and locations of the tool call the agent announced before it.
    public func completingToolCall(_ message: AcpMessage) -> AcpMessage {
        guard case .request(let id, let method, var params) = message, method == "session/request_permission",
            var call = JSONLine.object(params["toolCall"]), let tid = JSONLine.string(call["toolCallId"]), let known = titles[tid]
        else { return message }
        for key in ["title", "kind", "locations"] where call[key] == nil { call[key] = known[key] }
        params["toolCall"] = call
        return .request(id: id, method: method, params: params)
    }

    /// The line for a mode switch's answer (nil for other answers).
    private mutating func modeSwitched(_ id: JSONRPCID, failure: String?) -> [AgentEvent] {
        guard let mode = modes.removeValue(forKey: id) else { return [] }
        let name = TerminalText.oneLine(mode, limit: 30)
        guard let failure else { return [.activity("mode \(name)")] }
        return [.warning("the agent did not switch to mode \(name): \(TerminalText.oneLine(failure, limit: 120))")]
    }

    private mutating func received(_ message: AcpMessage) -> [AgentEvent] {
        switch message {
        case .response(let id, let result):
            switch pending.removeValue(forKey: id) {
            case "session/new":
                guard let (sid, _) = AcpAgentInfo.newSession(result) else { return [] }
                sessionID = sid
                return [.sessionStarted(sid)]
            case "session/load":
                loading = false
                return sessionID.map { [.sessionStarted($0)] } ?? []
            case "session/prompt":
                stopReason = JSONLine.string(JSONLine.object(result)?["stopReason"]) ?? "end_turn"
                return []
            case "session/set_mode": return modeSwitched(id, failure: nil)
            default: return []
            }
        case .failure(let id, _, let text):
            guard let id else { return [.warning("the agent reported an error: \(TerminalText.oneLine(text, limit: 160))")] }
            switch pending.removeValue(forKey: id) {
            case "session/prompt": promptError = TerminalText.oneLine(text, limit: 200)
            case "session/load": loading = false
            case "session/set_mode": return modeSwitched(id, failure: text)
            default: break
            }
            return []
        case .notification(let method, let params):
            guard method == "session/update", !loading, let update = JSONLine.object(params["update"]) else { return [] }
            return sessionUpdate(update)
        case .request(_, let method, let params):
            switch method {
            case "session/request_permission":
                let completed = completingToolCall(message)
                guard case .request(_, _, let asked) = completed else { return [] }
                let tool = AcpPermissionRequest.parse(asked, worktree: worktree)?.tool ?? "a tool"
                return [.activity("asks permission: \(tool)")]
            case "fs/write_text_file":
                guard let path = JSONLine.string(params["path"]) else { return [] }
                return [.fileChanged(TerminalText.oneLine(ActivitySummary.relative(path, to: worktree), limit: 120))]
            case "fs/read_text_file":
                guard let path = JSONLine.string(params["path"]) else { return [] }
                return [.activity("reading " + TerminalText.oneLine(ActivitySummary.relative(path, to: worktree), limit: 60))]
            default: return []
            }
        }
    }

    private mutating func sessionUpdate(_ update: [String: Any]) -> [AgentEvent] {
        switch JSONLine.string(update["sessionUpdate"]) ?? "" {
        case "agent_message_chunk":
            guard let content = JSONLine.object(update["content"]), JSONLine.string(content["type"]) == "text",
                let text = JSONLine.string(content["text"])
            else { return [] }
            finalText += text
            return [.text(text)]
        case "tool_call":
            if let id = JSONLine.string(update["toolCallId"]) { titles[id] = update }
            return [.activity(AcpToolCall.activity(update, worktree: worktree))]
        case "tool_call_update":
            guard let id = JSONLine.string(update["toolCallId"]) else { return [] }
            var call = titles[id] ?? [:]
            for (k, v) in update { call[k] = v }
            titles[id] = call
            switch JSONLine.string(update["status"]) {
            case "completed":
                let kind = JSONLine.string(call["kind"]) ?? ""
                if ["edit", "delete", "move"].contains(kind), let path = AcpToolCall.firstPath(call) {
                    return [.fileChanged(TerminalText.oneLine(ActivitySummary.relative(path, to: worktree), limit: 120))]
                }
                return []
            case "failed":
                return [.activity("failed: " + AcpToolCall.describe(call, worktree: worktree))]
            default: return []
            }
        case "plan":
            let entries = JSONLine.array(update["entries"])
            let current = entries.lazy.compactMap { JSONLine.object($0) }
                .first { JSONLine.string($0["status"]) == "in_progress" }
                .flatMap { JSONLine.string($0["content"]) }
            return [.activity(current.map { "plan: " + TerminalText.oneLine($0, limit: 80) } ?? "plan: \(entries.count) steps")]
        default:
            return []  // thoughts, commands, mode changes, non-standard updates
        }
    }

    public mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult {
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        var result = TurnResult(exitCode: 0, finalText: finalText, agentSessionID: sessionID, durationMs: ms)
        switch stopReason {
        case "end_turn", "max_tokens", "max_turn_requests":
            break
        case "cancelled":
            result.error = "its turn was cancelled"
        case "refusal":
            result.error = "the agent refused to go on"
        case .some(let other):
            result.error = "the turn stopped: \(TerminalText.oneLine(other, limit: 60))"
        case nil:
            if let promptError {
                result.error = "the agent failed the prompt: \(promptError)"
            } else {
                result.error = JSONLine.endError(
                    sawPrompt ? "exited before ending its turn" : "exited before its prompt", exitCode: exitCode,
                    stderrTail: stderrTail)
            }
            result.exitCode = exitCode == 0 ? 1 : exitCode
        }
        return result
    }
}
