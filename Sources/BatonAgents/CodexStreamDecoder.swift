import BatonCore

/// Decodes `codex exec --json` output (thread.started, turn.*, item.*, error).
///
/// The final text is the last `agent_message`; `file_change` items give `.fileChanged` (a
/// failed one a warning), `command_execution` items give activity lines, `error` items are
/// warnings. Tokens are `input_tokens + output_tokens` of `turn.completed` (cached input is
/// part of input); on `exec resume` that usage is the thread's total so far, so it is also
/// `sessionTokens`. `turn.failed` ends the turn with its error. A top-level `error` event is a
/// warning, said once: held until the next line, dropped when `turn.failed` repeats it, and the
/// turn's error when the turn never completed. "Reconnecting..." errors are `.retrying`.
/// Paths inside `worktree` are shown relative to it.
public struct CodexStreamDecoder: JSONObjectDecoder {
    private let worktree: String?
    private var threadID: String?
    private var lastMessage: String?
    /// The last agent_message carrying a baton block (a later one without a block is not
    /// the checkpoint).
    private var lastBlockMessage: String?
    /// Questions codex asked through `request_user_input` (answered via `exec resume`).
    private var userInput: CodexUserInput?
    private var cachedTokens = 0
    private let price: ModelPrice?
    private var turnCompleted = false
    private var failure: String?
    private var lastStreamError: String?
    /// A top-level error not yet printed (turn.failed may repeat it).
    private var pendingError: String?
    private var lastRetry: String?
    private var tokens = 0
    private var startedCommands: Set<String> = []
    private var cost: Double?
    /// Kinds of drift already reported this turn (the runtime shows each once per session).
    private var driftReported: Set<AgentDrift.Kind> = []

    /// `price`: the model's price per million tokens, for an estimated cost (codex reports none).
    public init(worktree: String? = nil, price: ModelPrice? = nil) {
        self.worktree = worktree
        self.price = price
    }

    /// The members this decoder reads; aggregated command output, reasoning summaries... are
    /// skipped unbuilt.
    static let read: JSONFilter = .keep([
        "type": .all, "thread_id": .all, "usage": .all, "message": .all, "questions": .all,
        "error": .keep("message"),
        "item": .keep([
            "id": .all, "type": .all, "item_type": .all, "text": .all, "command": .all, "status": .all,
            "server": .all, "tool": .all, "query": .all, "message": .all, "exit_code": .all, "questions": .all,
            "changes": .keep("path"), "error": .keep("message"),
        ]),
    ])

    mutating func handle(_ object: JSONObject) -> [AgentEvent] {
        let type = JSONLine.string(object["type"])
        var events: [AgentEvent] = []
        if let held = pendingError, type != "turn.failed", type != "error" {
            events.append(.warning(held))
            pendingError = nil
        }
        if let type { events = events.followed(by: missingFields(object, type: type)) }
        switch type {
        case "thread.started":
            guard let id = JSONLine.string(object["thread_id"]), !id.isEmpty else { return events }
            threadID = id
            return events.followed(by: [.sessionStarted(id)])
        case "turn.completed":
            turnCompleted = true
            let usage = JSONLine.object(object["usage"]) ?? [:]
            let input = JSONLine.int(usage["input_tokens"]) ?? 0
            let output = JSONLine.int(usage["output_tokens"]) ?? 0
            // Cached input is part of input: shown apart, so figures compare with claude's.
            cachedTokens = min(input, JSONLine.int(usage["cached_input_tokens"]) ?? 0)
            tokens = input - cachedTokens + output
            cost = price?.cost(input: input - cachedTokens, cachedInput: cachedTokens, output: output)
            return events.followed(by: [.usage(tokens: tokens, costUSD: cost)])
        case "request_user_input":
            userInput = CodexUserInput(questions: JSONLine.array(object["questions"]))
            return events.followed(by: [.activity("asking the user")])
        case "turn.failed":
            let message = JSONLine.string(JSONLine.object(object["error"])?["message"]) ?? "turn failed"
            let failure = TerminalText.oneLine(message, limit: 240)
            self.failure = failure
            if let held = pendingError, held != failure { events.append(.warning(held)) }
            pendingError = nil
            return events
        case "error":
            let message = TerminalText.oneLine(JSONLine.string(object["message"]) ?? "error", limit: 240)
            if message.hasPrefix("Reconnecting") {
                lastRetry = message
                return events.followed(by: [.retrying(message)])
            }
            lastStreamError = message
            if message == failure { return events }
            if failure != nil { return events.followed(by: [.warning(message)]) }
            if let held = pendingError { events.append(.warning(held)) }
            pendingError = message
            return events
        case "item.started", "item.updated", "item.completed":
            let isCompleted = type == "item.completed"
            return events.followed(by: item(JSONLine.object(object["item"]) ?? [:], completed: isCompleted))
        case "turn.started", "item.plan.delta":
            return events
        case let other:
            return events.followed(by: drift(.unknownEvent("codex", version: nil, type: other)))
        }
    }

    /// The field of each event type without which Baton misreads it.
    static func required(_ type: String) -> String? {
        switch type {
        case "item.started", "item.updated", "item.completed": "item"
        case "thread.started": "thread_id"
        case "turn.completed": "usage"
        case "turn.failed": "error"
        case "error": "message"
        default: nil
        }
    }

    /// The field of each item type without which Baton misreads it.
    static func requiredInItem(_ type: String) -> String? {
        switch type {
        case "agent_message": "text"
        case "command_execution": "command"
        case "file_change": "changes"
        default: nil
        }
    }

    /// A drift warning for the first required field missing from `object`, if any.
    private mutating func missingFields(_ object: JSONObject, type: String) -> [AgentEvent] {
        if let field = Self.required(type), JSONLine.absent(object[field]) {
            return drift(.missingField("codex", version: nil, event: type, field: field))
        }
        guard let item = JSONLine.object(object["item"]) else { return [] }
        guard let itemType = JSONLine.string(item["type"]) ?? JSONLine.string(item["item_type"]) else {
            return drift(.missingField("codex", version: nil, event: type, field: "item.type"))
        }
        // Items grow over started/updated: only a completed one must be whole.
        guard type == "item.completed", let field = Self.requiredInItem(itemType), JSONLine.absent(item[field]) else { return [] }
        return drift(.missingField("codex", version: nil, event: "\(itemType) item", field: field))
    }

    /// `drift` as an event, once per kind and turn.
    private mutating func drift(_ drift: AgentDrift) -> [AgentEvent] {
        driftReported.insert(drift.kind).inserted ? [.drift(drift)] : []
    }

    private mutating func item(_ item: JSONObject, completed: Bool) -> [AgentEvent] {
        let id = JSONLine.string(item["id"]) ?? ""
        switch JSONLine.string(item["type"]) ?? JSONLine.string(item["item_type"]) {
        case "agent_message", "assistant_message":
            guard completed, let text = JSONLine.string(item["text"]) else { return [] }
            lastMessage = text
            if text.contains("```baton") { lastBlockMessage = text }
            return [.text(text)]
        case "request_user_input":
            guard completed else { return [] }
            userInput = CodexUserInput(questions: JSONLine.array(item["questions"]))
            return [.activity("asking the user")]
        case "command_execution":
            if completed, let outcome = Self.commandOutcome(item) { return [.warning(outcome)] }
            // One activity per command: at its start, or at completion if the start was not seen
            // (a completed command is forgotten: the set holds only the commands running).
            if !id.isEmpty {
                if completed {
                    guard startedCommands.remove(id) == nil else { return [] }
                } else {
                    guard startedCommands.insert(id).inserted else { return [] }
                }
            }
            guard let command = JSONLine.string(item["command"]) else { return [] }
            return [.activity(ActivitySummary.describe(command: command))]
        case "file_change":
            guard completed else { return [] }
            let paths = JSONLine.array(item["changes"]).compactMap { change in
                JSONLine.string(JSONLine.object(change)?["path"]).map { ActivitySummary.relative($0, to: worktree) }
            }
            if JSONLine.string(item["status"]) == "failed" {
                let files = paths.isEmpty ? "a file" : paths.joined(separator: ", ")
                return [.warning(TerminalText.oneLine("could not change \(files) (the edit failed)", limit: 240))]
            }
            var events: [AgentEvent] = []
            for path in paths {
                events.append(.activity(ActivitySummary.editing(path)))
                events.append(.fileChanged(path))
            }
            return events
        case "mcp_tool_call":
            if completed, JSONLine.string(item["status"]) == "failed" {
                let message = JSONLine.string(JSONLine.object(item["error"])?["message"]) ?? "failed"
                let name = "\(JSONLine.string(item["server"]) ?? "mcp").\(JSONLine.string(item["tool"]) ?? "tool")"
                return [.warning(TerminalText.oneLine("\(name) failed: \(message)", limit: 240))]
            }
            guard !completed else { return [] }
            let server = JSONLine.string(item["server"]) ?? "mcp"
            let tool = JSONLine.string(item["tool"]) ?? "tool"
            return [.activity(TerminalText.oneLine("calling \(server).\(tool)", limit: ActivitySummary.limit))]
        case "web_search":
            guard !completed else { return [] }
            return [
                .activity(TerminalText.oneLine("searching: \(JSONLine.string(item["query"]) ?? "the web")", limit: ActivitySummary.limit))
            ]
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
            if JSONLine.signal(exitCode) != nil {
                error = JSONLine.endError("", exitCode: exitCode, stderrTail: stderrTail)
            } else {
                error = lastStreamError ?? lastRetry ?? JSONLine.exitError("exited without a result", stderrTail: stderrTail)
            }
        } else if exitCode != 0 {
            error = JSONLine.endError("exited with status \(exitCode)", exitCode: exitCode, stderrTail: stderrTail)
        }
        var final = lastBlockMessage ?? lastMessage ?? ""
        if let userInput, error == nil { final = userInput.asCheckpoint(after: final) }
        return TurnResult(
            exitCode: exitCode, finalText: final, agentSessionID: threadID,
            tokens: tokens, costUSD: cost, durationMs: 0, error: error,
            sessionTokens: turnCompleted ? tokens : nil,
            sessionCostUSD: turnCompleted ? cost : nil,
            cachedTokens: cachedTokens > 0 ? cachedTokens : nil,
            costEstimated: cost == nil ? nil : true
        )
    }

    /// For /log: `exit 2: swift test`, `declined: rm -rf build`; nil for a command that worked.
    static func commandOutcome(_ item: JSONObject) -> String? {
        func shown() -> String {
            TerminalText.oneLine(JSONLine.string(item["command"]).map(ActivitySummary.unwrapShell) ?? "a command", limit: 160)
        }
        switch JSONLine.string(item["status"]) {
        case "declined": return "command declined: \(shown())"
        default:
            guard let code = JSONLine.int(item["exit_code"]), code != 0 else { return nil }
            return "exit \(code): \(shown())"
        }
    }
}
