import BatonAgents
import BatonCore
import Foundation

/// The live ACP turn of one task: its connection, the agent's session, the permission
/// requests the agent is waiting on.
struct AcpRun: Sendable {
    var connection: AcpConnection
    var process: SpawnedProcess
    var sessionID: String?
    var pendingPermissions: Set<String> = []
}

/// What an ACP turn is told to say: the brief (a new session) and, for a session it
/// continues, the continuation prompt.
struct AcpPrompts: Sendable {
    var brief: String
    var continuation: String?
}

extension SessionController {
    /// Starts a turn of an ACP agent: the agent runs on Baton's pipes; Baton initializes it,
    /// continues its session (`session/load`) or opens one in the worktree, prompts it, and
    /// serves its permission requests and fs calls until it answers the prompt.
    func startAcpTurn(
        _ task: String, turn: Int, agent: String, argv: [String], worktree: String, prompts: AcpPrompts, files: RunFiles.Turn
    ) async {
        guard let exe = context.executor.which(argv[0]) else {
            await recordQuietly(.taskFailed(task: task, reason: "\(argv[0]) is not installed — /retry \(task) --agent NAME"))
            return
        }
        let piped: PipedProcess
        do {
            piped = try PipedProcess(
                [exe] + argv.dropFirst(), in: worktree, stderr: files.stderr,
                environment: taskEnvironment(task, worktree: worktree))
        } catch {
            await recordQuietly(.taskFailed(task: task, reason: "\(error) — /retry \(task) --agent NAME"))
            return
        }
        let process = piped.process
        do { try files.writePid(process) } catch { problem("could not write \(task)'s pid file (\(error))") }
        let connection = AcpConnection(
            process: piped, transcript: files.stream, worktree: worktree, clock: context.clock,
            onEvents: { events in await self.agentReported(task, events) },
            onRequest: { message in await self.acpRequest(task, message, worktree: worktree) })
        live[task] = process
        acpRuns[task] = AcpRun(connection: connection, process: process)
        let resume = state.progress[task]?.agentSessionID
        await recordQuietly(
            .turnStarted(task: task, turn: turn, agent: agent, pid: process.pid, pidStartTime: process.startTime, streamFile: files.stream))
        if mcpServer(for: task) == nil { noteMissingMCPServer() }
        Task { await connection.readLoop() }
        Task { await Self.watch(process, connection) }
        Task { await self.watchAcpStall(task, process: process, connection: connection) }
        Task {
            let calls = Task { await self.followAgentCalls(task) }  // its MCP calls (ask_human), alongside
            let failure = await self.driveAcpTurn(
                task, turn: turn, agent: agent, connection: connection, worktree: worktree, prompts: prompts, resume: resume)
            connection.process.closeInput()
            let code = await self.acpExit(process)
            var result = await connection.result(exitCode: code, stderrTail: TurnMonitor.tail(of: files.stderr))
            if let failure, result.error != nil, !result.error!.hasPrefix("killed by signal") { result.error = failure }
            if self.acpRuns[task]?.process == process { self.acpRuns[task] = nil }
            calls.cancel()
            await calls.value
            await self.readAgentCalls(task)
            await self.turnEnded(task, turn: turn, process: process, result: result)
        }
    }

    /// An agent that died while something it started still holds its stdout: once what it
    /// wrote has been read (2 s), the calls waiting on it fail instead of waiting forever.
    private static func watch(_ process: SpawnedProcess, _ connection: AcpConnection) async {
        let executor = LocalExecutor()
        while executor.isAlive(process) { try? await Task.sleep(for: .milliseconds(200)) }
        try? await Task.sleep(for: .seconds(2))
        await connection.processEnded()
    }

    /// initialize → session/load or session/new → session/prompt, to the prompt's answer.
    /// Returns why the turn could not reach its prompt, if it could not.
    private func driveAcpTurn(
        _ task: String, turn: Int, agent: String, connection: AcpConnection, worktree: String, prompts: AcpPrompts, resume: String?
    ) async -> String? {
        let initialized: AcpValue
        switch await connection.call({ AcpClientMessages.initialize(id: $0) }) {
        case .success(let value): initialized = value
        case .failure(let failure): return "initialize failed: \(failure.text)"
        }
        var info = AcpAgentInfo.fromInitialize(initialized.value)
        var sessionID: String?
        var prompt = prompts.brief
        var loaded = false
        if let resume, info.loadSession, let continuation = prompts.continuation {
            let servers = acpMcpServers(task)
            let answer = await connection.call {
                AcpClientMessages.loadSession(id: $0, sessionID: resume, cwd: worktree, mcpServers: servers)
            }
            if case .success(let value) = answer {
                sessionID = resume
                prompt = continuation
                loaded = true
                info.modes = AcpAgentInfo.modes(value.value)
                if info.modes.isEmpty { info.modes = acpCapabilities[agent]?.modes ?? [] }
            }
        }
        if sessionID == nil {
            switch await acpNewSession(task, connection: connection, worktree: worktree) {
            case .success(let (sid, modes)):
                sessionID = sid
                info.modes = modes
            case .failure(let failure): return "session/new failed: \(failure.text)"
            }
        }
        if acpCapabilities[agent] != info {
            acpCapabilities[agent] = info
            AcpProbe.store(info, agent: agent, root: context.repositoryRoot)
        }
        guard let sid = sessionID else { return nil }
        acpRuns[task]?.sessionID = sid
        await acpSetMode(task, agent: agent, sessionID: sid, offered: info.modes, connection: connection)
        let text = prompt
        let answer = await connection.call { AcpClientMessages.prompt(id: $0, sessionID: sid, text: text) }
        // An agent may accept session/load yet not know the session (claude-code-acp across
        // processes): a new session gets the whole brief.
        if loaded, case .failure(.error(_, let message)) = answer, message.lowercased().contains("not found") {
            guard case .success(let (fresh, _)) = await acpNewSession(task, connection: connection, worktree: worktree) else {
                return "session/new failed after \(message)"
            }
            acpRuns[task]?.sessionID = fresh
            await acpSetMode(task, agent: agent, sessionID: fresh, offered: info.modes, connection: connection)
            _ = await connection.call { AcpClientMessages.prompt(id: $0, sessionID: fresh, text: prompts.brief) }
        }
        return nil
    }

    /// The profile's `mode`, set with `session/set_mode` when the agent offers it (its answer
    /// reaches the task's lines through the transcript); a mode it does not offer is said.
    private func acpSetMode(_ task: String, agent: String, sessionID: String, offered: [String], connection: AcpConnection) async {
        guard let mode = context.registry.profile(named: agent)?.mode else { return }
        guard offered.contains(mode) else {
            let modes = offered.isEmpty ? "it offers no session modes" : "its modes are \(offered.joined(separator: ", "))"
            let line = "warning: \(agent) has no mode \(mode) (\(modes)) — it runs in its default"
            await recordQuietly(.taskActivity(task: task, text: TerminalText.oneLine(line, limit: 200)))
            return
        }
        _ = await connection.call { AcpClientMessages.setMode(id: $0, sessionID: sessionID, modeID: mode) }
    }

    private func acpNewSession(
        _ task: String, connection: AcpConnection, worktree: String
    ) async -> Result<(String, [String]), AcpCallFailure> {
        let servers = acpMcpServers(task)
        let answer = await connection.call { AcpClientMessages.newSession(id: $0, cwd: worktree, mcpServers: servers) }
        switch answer {
        case .failure(let failure): return .failure(failure)
        case .success(let value):
            guard let (sid, modes) = AcpAgentInfo.newSession(value.value) else {
                return .failure(.error(code: 0, message: "its answer has no sessionId"))
            }
            await recordQuietly(.agentSessionOpened(task: task, sessionID: sid))
            return .success((sid, modes))
        }
    }

    /// The MCP servers handed to the agent in `session/new`: Baton's own (`ask_human`, …)
    /// when this Baton can serve it.
    nonisolated func acpMcpServers(_ task: String) -> [AcpMcpServer] {
        guard let server = mcpServer(for: task) else { return [] }
        return [AcpMcpServer(name: server.name, command: server.command, args: server.arguments, env: MCPServer.environment)]
    }

    /// Waits briefly for an agent whose stdin closed to exit, then stops it.
    private func acpExit(_ process: SpawnedProcess) async -> Int32 {
        let executor = LocalExecutor()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(5))
        while clock.now < deadline {
            if let code = executor.exitStatus(of: process) { return code }
            try? await Task.sleep(for: .milliseconds(20))
        }
        await executor.stop(process)
        return executor.exitStatus(of: process) ?? 0
    }

    /// A request from the agent: a permission to ask the user, a file to serve.
    private func acpRequest(_ task: String, _ message: AcpMessage, worktree: String) async {
        guard case .request(let id, let method, let params) = message, let run = acpRuns[task] else { return }
        switch method {
        case "session/request_permission":
            guard let request = AcpPermissionRequest.parse(params, worktree: worktree) else {
                await run.connection.send(
                    AcpClientMessages.error(id: id, code: JSONRPCError.invalidParams, message: "no options to choose from"))
                return
            }
            acpRuns[task]?.pendingPermissions.insert(id.description)
            await recordQuietly(
                .permissionAsked(
                    task: task, request: id.description, tool: request.tool, options: request.options.map(\.name),
                    optionIDs: request.options.map(\.id), optionKinds: request.options.map(\.kind)))
        case "fs/read_text_file", "fs/write_text_file":
            let answer = await AcpFileServer(worktree: worktree).serve(id: id, method: method, params: AcpValue(value: params))
            if let refusal = answer.refusal {
                await recordQuietly(.taskActivity(task: task, text: TerminalText.oneLine("refused: " + refusal, limit: 160)))
            }
            await run.connection.send(answer.message)
        default:
            await run.connection.send(
                AcpClientMessages.error(id: id, code: JSONRPCError.methodNotFound, message: "Baton does not serve \(method)"))
        }
    }

    /// Tasks whose live turn is an ACP agent's (it ends when Baton does).
    public func liveAcpTasks() -> [String] { acpRuns.keys.sorted() }

    /// Sends the user's answer to a permission request the agent waits on.
    func answerAcpPermission(_ task: String, request: String, optionID: String?) async {
        guard let run = acpRuns[task], run.pendingPermissions.contains(request), let id = JSONRPCID.parse(request) else { return }
        acpRuns[task]?.pendingPermissions.remove(request)
        await run.connection.send(AcpClientMessages.permissionOutcome(id: id, optionID: optionID))
    }

    /// /cancel, /pause: `session/cancel`, pending permission requests answered cancelled,
    /// and the agent stopped if it has not ended its turn a few seconds later.
    func stopAcpRun(_ task: String) async {
        guard let run = acpRuns[task] else { return }
        for request in run.pendingPermissions.sorted() {
            if let id = JSONRPCID.parse(request) { await run.connection.send(AcpClientMessages.permissionOutcome(id: id, optionID: nil)) }
        }
        acpRuns[task]?.pendingPermissions.removeAll()
        if let sid = run.sessionID { await run.connection.send(AcpClientMessages.cancel(sessionID: sid)) }
        let process = run.process
        Task {
            let executor = LocalExecutor()
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: .seconds(5))
            while clock.now < deadline, executor.isAlive(process), await self.acpRuns[task]?.process == process {
                try? await Task.sleep(for: .milliseconds(50))
            }
            if executor.isAlive(process), await self.acpRuns[task]?.process == process { await executor.stop(process) }
        }
    }
}
