import BatonCore
import BatonRuntime
import Foundation
import MCP

/// Baton's MCP server for one task's agent (`baton mcp --session S --task T`), over stdio.
///
/// It is a process of its own, started by the agent CLI, so it never touches the session
/// log: every call that changes the session is appended to `runs/<task>.mcp.jsonl`, which the
/// Baton that owns the session records as an event (see `SessionController+AgentCalls`);
/// an `ask_human` call then waits for its answer file. `get_decisions` only reads the log.
public struct AgentCallServer: Sendable {
    public let sessionsDirectory: String
    public let session: String
    public let task: String
    /// How long `ask_human` waits for the user before the call fails (the agent is told to
    /// end its turn with the question instead).
    public var answerTimeout: Duration
    /// How often the answer file is looked for.
    public var poll: Duration = .milliseconds(200)

    public init(sessionsDirectory: String, session: String, task: String, answerTimeout: Duration = .seconds(86_400)) {
        self.sessionsDirectory = sessionsDirectory
        self.session = session
        self.task = task
        self.answerTimeout = answerTimeout
    }

    var files: RunFiles.AgentCalls {
        RunFiles(sessionDirectory: SessionStore(directory: sessionsDirectory).sessionDirectory(session)).agentCalls(of: task)
    }

    /// Checks that the session exists, then serves until the agent closes stdin.
    public func run() async throws {
        let store = SessionStore(directory: sessionsDirectory)
        guard FileManager.default.fileExists(atPath: store.sessionDirectory(session) + "/events.jsonl") else {
            throw CommandError(.unknown, "no session \(session) in \(sessionsDirectory) — baton mcp is started by Baton for an agent run")
        }
        let server = Server(
            name: "baton", version: "1", instructions: Self.instructions,
            capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: AgentCallTools.all) }
        await server.withMethodHandler(CallTool.self) { params in await self.call(params.name, params.arguments ?? [:]) }
        try await server.start(transport: LenientStdioTransport())
        await server.waitUntilCompleted()
    }

    static let instructions =
        "Baton coordinates this task with the user. Ask the user with ask_human instead of ending your turn with a question; check get_decisions first."

    /// Carries out one tool call; bad arguments are an error result the model can read.
    func call(_ name: String, _ arguments: [String: Value]) async -> CallTool.Result {
        do {
            switch name {
            case "ask_human":
                let question = try Self.text(arguments, "question")
                let options = arguments["options"]?.arrayValue?.compactMap(\.stringValue).filter { !$0.isEmpty } ?? []
                return try await ask(question, options: options)
            case "get_decisions":
                return Self.reply(try decisionsText())
            case "note_decision":
                try submit(AgentCall(id: newID(), tool: .noteDecision, text: try Self.text(arguments, "text")))
                return Self.reply("Noted: it goes into DECISIONS.md and every task's brief.")
            case "report_progress":
                let next = arguments["next"]?.stringValue ?? ""
                try submit(AgentCall(id: newID(), tool: .reportProgress, summary: try Self.text(arguments, "summary"), next: next))
                return Self.reply("Reported. Go on with your turn.")
            default:
                return Self.failure("unknown tool \(name) — the tools are \(AgentCallTools.all.map(\.name).joined(separator: ", "))")
            }
        } catch {
            return Self.failure("\(error)")
        }
    }

    /// Opens a decision and waits for the user's answer.
    func ask(_ question: String, options: [String]) async throws -> CallTool.Result {
        let call = AgentCall(id: newID(), tool: .askHuman, question: question, options: options)
        try submit(call)
        let path = files.answer(call.id)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: answerTimeout)
        while clock.now < deadline {
            if let data = FileManager.default.contents(atPath: path),
                let answer = try? JSONDecoder().decode(AgentCallAnswer.self, from: data)
            {
                return Self.reply("The user answered: \(answer.answer)")
            }
            try await Task.sleep(for: poll)
        }
        return Self.failure(
            "no answer from the user yet — end your turn with a needs-decision checkpoint asking this question; the answer comes in your next turn"
        )
    }

    func submit(_ call: AgentCall) throws {
        try FileManager.default.createDirectory(
            atPath: (files.calls as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        try call.append(to: files.calls)
    }

    func newID() -> String { "\(task)-" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "") }

    /// The session's decisions and notes, one per line, as the log says now — plus this
    /// task's calls that Baton has not recorded yet (a note made a moment ago).
    func decisionsText() throws -> String {
        let state = try SessionStore(directory: sessionsDirectory).read(session).state
        var lines = state.decisions.map { d -> String in
            if d.kind == .note { return "\(d.id) note\(d.task.map { " (\($0))" } ?? ""): \(d.answer ?? "")" }
            let by = d.task ?? "mission"
            guard let answer = d.answer else { return "\(d.id) (\(by), open): \(d.question)" }
            return "\(d.id) (\(by)): \(d.question) → \(answer)"
        }
        for call in AgentCall.read(files.calls, from: 0).calls where !state.agentCalls.contains(call.id) {
            switch call.tool {
            case .noteDecision: lines.append("note (\(task), being recorded): \(call.text ?? "")")
            case .askHuman: lines.append("(\(task), open, being recorded): \(call.question ?? "")")
            case .reportProgress: break
            }
        }
        return lines.isEmpty ? "No decisions yet." : lines.joined(separator: "\n")
    }

    static func text(_ arguments: [String: Value], _ key: String) throws -> String {
        let value = arguments[key]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !value.isEmpty else { throw CommandError(.invalidValue, "\(key) is required: a non-empty string") }
        return value
    }

    static func reply(_ text: String) -> CallTool.Result {
        .init(content: [.text(text: text, annotations: nil, _meta: nil)])
    }

    static func failure(_ message: String) -> CallTool.Result {
        .init(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }
}
