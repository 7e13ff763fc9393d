import Foundation

/// A scripted model server for the real agent CLIs (`Tests/RealAgents/model_server.py`):
/// the Anthropic Messages API for claude and the OpenAI Responses API for codex, on
/// 127.0.0.1 and a free port. It answers each conversation from a ``ModelScript``, logs every
/// request, stops by itself after `lifetime` seconds and is killed when the value goes away.
public final class ModelServer: @unchecked Sendable {
    public let port: Int
    /// One JSON line per request the server got (see ``requests()``).
    public let logPath: String
    public let process = Process()

    /// The server program (python3 standard library only).
    public static var program: String { Products.packageRoot.appendingPathComponent("Tests/RealAgents/model_server.py").path }

    /// Starts the server with `script`; its files (script, port, log, output) go in `directory`.
    public init(_ script: ModelScript, in directory: String, lifetime: Int = 900) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let scriptPath = directory + "/model-script.json"
        let portPath = directory + "/model-port"
        logPath = directory + "/model-requests.jsonl"
        try script.json().write(to: URL(fileURLWithPath: scriptPath))
        try? FileManager.default.removeItem(atPath: portPath)
        _ = FileManager.default.createFile(atPath: directory + "/model-server.out", contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/model-server.out"))
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.program, "--script", scriptPath, "--port-file", portPath,
            "--log", logPath, "--lifetime", String(lifetime),
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Wait for the port (python may start slowly on a loaded machine).
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            found = (try? String(contentsOfFile: portPath, encoding: .utf8)).flatMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if found == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let found else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            let out = (try? String(contentsOfFile: directory + "/model-server.out", encoding: .utf8)) ?? ""
            throw CommandFailure(description: "the model server did not start: \(out)")
        }
        port = found
    }

    deinit { stop() }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Every request so far, in order: `method`, `path`, `api` (anthropic/openai),
    /// `conversation` (index into the script, or nil), `step`, `reply` (the step answered),
    /// `body` (the request's JSON).
    public func requests() -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// The model requests (not side calls) of conversation `index` of the script.
    public func requests(conversation index: Int) -> [[String: Any]] {
        requests().filter { ($0["conversation"] as? Int) == index }
    }
}

/// What the model server answers: conversations chosen by a text in the request's first
/// user message (Baton's brief or planner prompt), each a list of replies ("steps"). The
/// step answered is the number of model replies already in the request's history, so one
/// list runs across turns, resumes and answered decisions.
public struct ModelScript {
    public var conversations: [[String: Any]] = []

    public init() {}

    /// Adds a conversation for requests whose first user message contains `match` (the
    /// first matching conversation wins: put more specific ones first).
    public mutating func on(_ match: String, _ steps: [[String: Any]]) {
        conversations.append(["match": match, "steps": steps])
    }

    /// The conversation of a task's worker turns (`## Task T1 — ` is in its brief only).
    public mutating func task(_ id: String, _ steps: [[String: Any]]) { on("## Task \(id) — ", steps) }

    /// The planner's conversation (its prompt opens with "You are the planner").
    public mutating func planner(_ steps: [[String: Any]]) { on("You are the planner", steps) }

    func json() throws -> Data {
        try JSONSerialization.data(withJSONObject: ["conversations": conversations], options: [.sortedKeys])
    }
}

/// Replies of a ``ModelScript`` conversation. Any step may carry `"delay": seconds` or
/// `"wait_for": path` (answer once that file exists) — see ``ModelStep/paced(_:delay:)``.
public enum ModelStep {
    /// Creates a file (claude: the Write tool; codex: apply_patch), path relative to the
    /// worktree (claude gets it absolute, as models write it; add `"relative": true` to keep it).
    public static func write(_ path: String, _ content: String) -> [String: Any] {
        ["write": ["path": path, "content": content]]
    }

    /// Reads a file (claude: Read — claude edits only files it has read; codex: `cat`).
    public static func read(_ path: String) -> [String: Any] { ["read": path] }

    /// Replaces `old` by `new` in a file (claude: Edit, after ``read(_:)``; codex: apply_patch).
    public static func edit(_ path: String, _ old: String, _ new: String) -> [String: Any] {
        ["edit": ["path": path, "old": old, "new": new]]
    }

    /// An edit (``write(_:_:)``, ``edit(_:_:_:)``) and the text or checkpoint `then` in one
    /// reply: aider's turn is one reply, its edits in SEARCH/REPLACE blocks before the text.
    public static func both(_ edit: [String: Any], _ then: [String: Any]) -> [String: Any] {
        edit.merging(then) { first, _ in first }
    }

    /// Runs a shell command (claude: Bash; codex: exec_command). A claude turn in acceptEdits
    /// mode is refused commands that change things (e.g. `touch`, `git push`): a permission denial.
    public static func run(_ command: String) -> [String: Any] { ["run": command] }

    /// Calls any tool by name with `input` (claude), e.g. an MCP tool `mcp__baton__ask_human`.
    public static func tool(_ name: String, _ input: [String: Any]) -> [String: Any] {
        ["tool": ["name": name, "input": input]]
    }

    /// Plain text, ending the turn (no checkpoint block).
    public static func text(_ text: String) -> [String: Any] { ["text": text] }

    /// Ends the turn with a ```baton checkpoint block (after `text`, if any).
    public static func checkpoint(
        _ kind: String, _ summary: String, next: String = "", question: String? = nil,
        options: [String] = [], text: String = ""
    ) -> [String: Any] {
        [
            "text": text,
            "checkpoint": [
                "checkpoint": kind, "summary": summary, "next": next,
                "question": question.map { $0 as Any } ?? NSNull(), "options": options,
            ],
        ]
    }

    /// The planner's answer: `{"tasks": [...]}` as JSON text (or claude's StructuredOutput
    /// tool when the request offers it, i.e. with `--json-schema`).
    public static func plan(_ tasks: [[String: Any]]) -> [String: Any] { ["plan": ["tasks": tasks]] }

    /// An HTTP error (500, 529 overloaded, …) for the first `times` requests of this step
    /// (nil: every request), then `then` (default: plain text "OK.").
    public static func error(_ status: Int, times: Int? = nil, then: [String: Any] = [:]) -> [String: Any] {
        var step = then
        step["error"] = status
        if let times { step["times"] = times }
        return step
    }

    /// The stream starts, then the connection closes, for the first `times` requests of this step.
    public static func drop(times: Int? = nil, then: [String: Any] = [:]) -> [String: Any] {
        var step = then
        step["drop"] = true
        if let times { step["times"] = times }
        return step
    }

    /// `step`, answered after `delay` seconds.
    public static func paced(_ step: [String: Any], delay: Double) -> [String: Any] {
        var step = step
        step["delay"] = delay
        return step
    }

    /// `step`, answered once `path` exists (a test decides when the model replies).
    public static func waiting(_ step: [String: Any], for path: String) -> [String: Any] {
        var step = step
        step["wait_for"] = path
        return step
    }
}
