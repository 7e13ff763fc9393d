import BatonAgents
import BatonCore
import Foundation

/// Mid-turn calls: the MCP server Baton serves each agent run (`baton-mcp mcp`) is a separate
/// process. It appends each call to `runs/<task>.mcp.jsonl`; this process, which owns the
/// session, follows that file while the task's turn runs (and reads it again on resume),
/// records each call as an event once (its id), and writes the answer to an `ask_human`
/// call to `runs/<task>.mcp/<id>.json`, where the MCP process waits for it.
extension SessionController {
    /// The MCP server for `task`'s agent: `baton-mcp mcp --session S --task T --sessions-dir D`
    /// (for ACP `session/new` mcpServers too); nil when there is no baton-mcp.
    public nonisolated func mcpServer(for task: String) -> MCPServer? {
        guard let executable = context.options.mcpExecutable else { return nil }
        let sessions = URL(fileURLWithPath: context.store.directory).standardizedFileURL.path
        return MCPServer(
            name: "baton", command: executable,
            arguments: ["mcp", "--session", id, "--task", task, "--sessions-dir", sessions],
            tools: Self.mcpTools, configFile: runFiles.agentCalls(of: task).config)
    }

    /// The tools of Baton's MCP server.
    public static let mcpTools = ["ask_human", "get_decisions", "note_decision", "report_progress"]

    /// The server for a turn about to start, with claude's config file written; nil (the turn
    /// runs without it) when there is none or the file cannot be written.
    func prepareMCPServer(for task: String) -> MCPServer? {
        guard let server = mcpServer(for: task) else {
            noteMissingMCPServer()
            return nil
        }
        do {
            try PrivateFile.write(server.configJSON(), to: server.configFile)
        } catch {
            problem("\(task) runs without Baton's MCP server (ask_human): \(error)")
            return nil
        }
        return server
    }

    /// Says once (per process) why turns run without Baton's MCP server, when it is missing.
    func noteMissingMCPServer() {
        guard let note = context.options.mcpMissing, noticesShown.insert("mcp-missing").inserted else { return }
        problem(note)
    }

    /// Records `task`'s calls as they arrive, until cancelled (its turn ended).
    /// The file is watched (created empty first, the MCP process appends to it): a call wakes
    /// this at once, and a turn without calls costs nothing; without a watcher it is polled.
    func followAgentCalls(_ task: String) async {
        let file = runFiles.agentCalls(of: task).calls
        let watcher = context.clock is SystemClock ? OutputWatcher.shared : nil
        if watcher != nil, !FileManager.default.fileExists(atPath: file) {
            try? runFiles.create()
            // Created only if still missing: a call the MCP process appended meanwhile stays.
            let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) }
        }
        let watch = watcher?.watch(file)
        defer { if let watch { watcher?.unwatch(watch) } }
        while !Task.isCancelled {
            await readAgentCalls(task)
            if let watch, let watcher {
                await watcher.wait(watch, timeout: Self.agentCallCheck)
            } else {
                try? await Task.sleep(for: Self.agentCallPoll)
            }
        }
    }

    /// How often a running task's calls file is read when it cannot be watched.
    static let agentCallPoll: Duration = .milliseconds(100)
    /// How often a watched calls file is read anyway (a missed change is seen by then).
    static let agentCallCheck: Duration = .seconds(5)

    /// Records the calls appended since the last read (each once).
    func readAgentCalls(_ task: String) async {
        let file = runFiles.agentCalls(of: task).calls
        let (calls, offset) = AgentCall.read(file, from: agentCallOffsets[task] ?? 0)
        agentCallOffsets[task] = offset
        for call in calls where !state.agentCalls.contains(call.id) {
            await recordQuietly(call.event(task: task))
        }
    }

    /// Writes the answer where the task's MCP process waits for it.
    func answerAgentCall(_ task: String, request: String, answer: String) {
        let files = runFiles.agentCalls(of: task)
        do {
            try FileManager.default.createDirectory(
                atPath: files.answers, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let data = try JSONEncoder().encode(AgentCallAnswer(answer: answer))
            try PrivateFile.write(String(decoding: data, as: UTF8.self), to: files.answer(request))
        } catch {
            problem("could not hand \(task) the answer to its question: \(error)")
        }
    }

    /// On resume: records the calls made while Baton was away, and writes the answers that
    /// were recorded but not yet written (effects are not replayed).
    func reconcileAgentCalls(_ tasks: [String]) async {
        for task in tasks where state.progress[task] != nil { await readAgentCalls(task) }
        for d in state.decisions {
            guard let request = d.request, let task = d.task, let answer = d.answer else { continue }
            if !FileManager.default.fileExists(atPath: runFiles.agentCalls(of: task).answer(request)) {
                answerAgentCall(task, request: request, answer: answer)
            }
        }
    }
}
