import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

extension SessionController {
    /// After replay, looks at the world and records what changed while Baton was away:
    /// runs that ended or died, checkpoints committed but not recorded, merges done but not
    /// recorded, decisions not yet in DECISIONS.md. Then work continues where it stopped.
    /// Returns one line per thing it found, for the conversation.
    @discardableResult
    public func reconcile() async -> [String] {
        guard state.phase == .running, session.log != nil else { return [] }
        var found: [String] = []
        let tasks = state.runIDs
        await reconcileAgentCalls(tasks)
        for task in tasks {
            guard let p = state.progress[task] else { continue }
            switch p.status {
            case .preparing:
                await execute(.prepareWorkspace(task: task))
            case .running where p.agent == AgentName.human:
                break
            case .running where isAcp(p) && (p.pid != nil || runFiles.turn(p.turn + 1, of: task).readPid() != nil),
                .waiting where isAcp(p) && state.openDecisions.contains { $0.task == task && $0.kind == .livePermission }:
                found.append(await reconcileAcpRun(task, p))
            case .running:
                if let line = await reconcileRun(task, p) { found.append(line) }
            case .review:
                if let line = await reconcileMerge(task, p) { found.append(line) }
            case .checking:
                if let line = await reconcileChecks(task, p) { found.append(line) }
            case .reviewing:
                if let reviewer = state.reviewer(for: task) {
                    reviewInBackground(task, reviewer: reviewer)
                    found.append("\(task)'s review by \(reviewer) was interrupted — asking again")
                }
            default:
                break
            }
            if let report = state.progress[task]?.awaitingCheckpoint, state.progress[task]?.status == .running {
                await recordCheckpoint(task, turn: state.progress[task]?.turn ?? 0, report: report)
            }
        }
        if let merged = state.integrationChecking {
            await execute(.checkIntegration(after: merged))
            found.append("the integration checks after \(merged) were interrupted — running them again")
        }
        found += await reconcileRaces()
        if let line = await reconcileIntegrationFix() { found.append(line) }
        await writeDecisionLog()
        return found
    }

    /// A run that was going when Baton stopped: reattach if alive, read the rest if it ended,
    /// else mark it interrupted (so /retry continues the agent's own session).
    private func reconcileRun(_ task: String, _ p: TaskProgress) async -> String? {
        let stemTurn = p.pid == nil ? p.turn + 1 : p.turn
        let files = runFiles.turn(stemTurn, of: task)
        var process = p.pid.map { SpawnedProcess(pid: $0, startTime: p.pidStartTime) }
        var turn = p.turn
        // Started, but Baton stopped before recording it: the pid file knows.
        if process == nil, let recorded = files.readPid() {
            process = recorded
            turn = stemTurn
            await recordQuietly(
                .turnStarted(
                    task: task, turn: turn, agent: p.agent ?? "", pid: recorded.pid,
                    pidStartTime: recorded.startTime, streamFile: files.stream))
        }
        guard let process else {
            if p.awaitingCheckpoint != nil { return nil }
            // The turn never started: start it now.
            let effects = [Effect.startTurn(task: task, turn: p.turn + 1, messages: p.pendingMessages)]
            for e in effects { await execute(e) }
            return nil
        }
        guard let profile = context.registry.profile(named: p.agent ?? ""),
            let adapter = AdapterFactory.adapter(for: profile, prices: context.registry.prices)
        else {
            await recordQuietly(.runInterrupted(task: task, reason: "its agent is unknown now"))
            return "\(task) was interrupted — /retry \(task)"
        }
        if context.executor.isAlive(process) {
            live[task] = process
            follow(task: task, turn: turn, process: process, isChild: false, files: files, adapter: adapter)
            return "\(task) is still running (pid \(process.pid)) — following it again"
        }
        // It ended while Baton was away: its whole stream is on disk.
        var decoder = p.worktree.map { adapter.makeDecoder(worktree: $0) } ?? adapter.makeDecoder()
        if let data = FileManager.default.contents(atPath: files.stream) {
            for line in data.split(separator: 0x0A) { _ = decoder.decode(line: String(decoding: line, as: UTF8.self)) }
        }
        let result = decoder.finish(exitCode: 0, stderrTail: TurnMonitor.tail(of: files.stderr))
        if result.error == nil || !result.permissionDenials.isEmpty {
            await recordQuietly(.turnFinished(task: task, turn: turn, result: result))
            return "\(task) finished its turn while Baton was away"
        }
        await recordQuietly(.runInterrupted(task: task, reason: "Baton stopped while it ran and its agent ended without a result"))
        return "\(task) was interrupted — /retry \(task) continues its agent's session"
    }

    private func isAcp(_ p: TaskProgress) -> Bool {
        context.registry.profile(named: p.agent ?? "")?.protocol == .acp
    }

    /// An ACP turn ends with Baton (the agent lived on its pipes): the agent is stopped if it
    /// is still there, the run is interrupted, and /retry continues it with session/load.
    private func reconcileAcpRun(_ task: String, _ p: TaskProgress) async -> String {
        let recorded = p.pid.map { SpawnedProcess(pid: $0, startTime: p.pidStartTime) }
        if let process = recorded ?? runFiles.turn(p.turn + 1, of: task).readPid(), context.executor.isAlive(process) {
            await context.executor.stop(process)
        }
        await recordQuietly(.runInterrupted(task: task, reason: "Baton stopped during its ACP turn, which ended with it"))
        let how = p.agentSessionID == nil ? "starts it again" : "continues its agent's session (session/load)"
        return "\(task) was interrupted — /retry \(task) \(how)"
    }

    /// A merge made before Baton could record it.
    private func reconcileMerge(_ task: String, _ p: TaskProgress) async -> String? {
        guard let integration, let base = state.baseCommit else { return nil }
        let commits: [(id: String, subject: String)]
        do {
            commits = try await context.workspace.commits(branch: integration.branch, since: base)
        } catch {
            return "could not check whether \(task) was merged while Baton was away: \(error)"
        }
        guard let merge = commits.first(where: { $0.subject.hasPrefix("baton: merge \(task) ") }) else { return nil }
        await recordQuietly(.taskMerged(task: task, commit: merge.id))
        return "\(task) had been merged — recorded"
    }
}
