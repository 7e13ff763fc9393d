import BatonCore
import Foundation

/// What a planner agent answered: the plan text (JSON, maybe fenced), its cost, or an error.
public struct PlannerReply: Sendable, Equatable {
    public var text: String?
    public var costUSD: Double?
    public var error: String?

    public init(text: String? = nil, costUSD: Double? = nil, error: String? = nil) {
        self.text = text
        self.costUSD = costUSD
        self.error = error
    }
}

/// Read-only planner invocations of agent CLIs (they must never edit the repository).
public enum PlannerCommand {
    /// Agents that can plan through their CLI.
    public static let agents = ["claude", "codex", "gemini"]

    /// The read-only tools a claude one-shot agent gets (`--tools`).
    public static let claudeReadOnlyTools = "Read,Grep,Glob"

    /// claude: `claude -p PROMPT --output-format json --tools Read,Grep,Glob [--json-schema S]
    /// [--model M]` (not plan mode: it injects a workflow of its own that contradicts "answer
    /// with one JSON object"; with a schema claude validates the answer, `structured_output`);
    /// codex: `codex exec --json -s read-only --skip-git-repo-check [-m M] PROMPT`;
    /// gemini: `gemini -p PROMPT -o json --approval-mode default [-m M]`; nil for other agents.
    public static func argv(agent: String, prompt: String, model: String?, schema: String? = nil) -> [String]? {
        let prompt = AdapterArguments.positional(prompt)
        switch agent.lowercased() {
        case "claude":
            // `--tools` takes several values: an option must follow it, never the prompt.
            return ["claude", "-p", prompt, "--output-format", "json", "--tools", claudeReadOnlyTools]
                + (schema.map { ["--json-schema", $0] } ?? [])
                + AdapterArguments.model("--model", model)
        case "codex":
            return ["codex", "exec", "--json", "-s", "read-only", "--skip-git-repo-check"]
                + AdapterArguments.model("-m", model) + [prompt]
        case "gemini":
            return ["gemini", "-p", prompt, "-o", "json", "--approval-mode", "default"]
                + AdapterArguments.model("-m", model)
        default:
            return nil
        }
    }

    /// Reads the planner's answer from its stdout: claude's JSON result (`structured_output`
    /// as JSON text, else `result`; `is_error`, `total_cost_usd`), codex's last agent_message,
    /// gemini's `response`.
    public static func extract(agent: String, stdout: String, exitCode: Int32) -> PlannerReply {
        var reply: PlannerReply
        switch agent.lowercased() {
        case "claude": reply = claude(stdout)
        case "codex": reply = codex(stdout, exitCode: exitCode)
        case "gemini": reply = gemini(stdout)
        default: reply = PlannerReply(text: stdout.isEmpty ? nil : TerminalText.sanitize(stdout))
        }
        if reply.error == nil && exitCode != 0 {
            reply.error = "\(agent) exited with status \(exitCode)"
        }
        if reply.error == nil && (reply.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            reply.error = "\(agent) gave no answer"
        }
        return reply
    }

    private static func claude(_ stdout: String) -> PlannerReply {
        guard let object = lastObject(stdout, where: { JSONLine.string($0["type"]) == "result" }) else {
            return PlannerReply(error: "claude printed no result: \(TerminalText.oneLine(stdout, limit: 160))")
        }
        let cost = JSONLine.double(object["total_cost_usd"])
        if JSONLine.bool(object["is_error"]) || (JSONLine.string(object["subtype"]).map { $0 != "success" } ?? false) {
            return PlannerReply(costUSD: cost, error: ClaudeStreamDecoder.errorText(object))
        }
        return PlannerReply(text: structuredOutput(stdout) ?? JSONLine.string(object["result"]), costUSD: cost)
    }

    /// The result's `structured_output` (the answer claude validated against `--json-schema`),
    /// as JSON text.
    private static func structuredOutput(_ stdout: String) -> String? {
        for line in stdout.split(separator: "\n").reversed() {
            guard let object = parse(String(line)), JSONLine.string(object["type"]) == "result" else { continue }
            return json(object["structured_output"])
        }
        return parse(stdout.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { json($0["structured_output"]) }
    }

    private static func json(_ value: JSONValue?) -> String? {
        switch value {
        case .object?, .array?: break
        default: return nil
        }
        guard let value, let data = try? JSONSerialization.data(withJSONObject: value.any, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func codex(_ stdout: String, exitCode: Int32) -> PlannerReply {
        var decoder = CodexStreamDecoder()
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: true) {
            _ = decoder.decode(line: String(line))
        }
        let result = decoder.finish(exitCode: exitCode, stderrTail: "")
        return PlannerReply(text: result.finalText.isEmpty ? nil : result.finalText, error: result.error)
    }

    private static func gemini(_ stdout: String) -> PlannerReply {
        // `-o json` prints one pretty-printed object, possibly after debug lines.
        var object: JSONObject?
        if let start = stdout.firstIndex(of: "{"), let end = stdout.lastIndex(of: "}"), start < end {
            object = parse(String(stdout[start...end]))
        }
        if object == nil { object = lastObject(stdout, where: { _ in true }) }
        guard let object else {
            return PlannerReply(error: "gemini printed no JSON: \(TerminalText.oneLine(stdout, limit: 160))")
        }
        if let error = object["error"], error != .null {
            let message = JSONLine.string(JSONLine.object(error)?["message"]) ?? JSONLine.string(error) ?? "gemini error"
            return PlannerReply(text: JSONLine.string(object["response"]), error: TerminalText.oneLine(message, limit: 240))
        }
        return PlannerReply(text: JSONLine.string(object["response"]))
    }

    private static func parse(_ text: String) -> JSONObject? {
        guard case .object(let object)? = JSONLineParser.parseValue(text) else { return nil }
        return object
    }

    /// The last line holding a JSON object that matches, else the whole output as one object.
    private static func lastObject(_ stdout: String, where match: (JSONObject) -> Bool) -> JSONObject? {
        for line in stdout.split(separator: "\n").reversed() {
            if case .object(let object) = JSONLine.parse(String(line)), match(object) { return object }
        }
        if let whole = parse(stdout.trimmingCharacters(in: .whitespacesAndNewlines)), match(whole) { return whole }
        return nil
    }
}
