import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

extension SessionController {
    /// Builds the prompt, spawns the agent's turn, and follows it to its end.
    func startTurn(_ task: String, turn: Int, messages: [String]) async {
        guard let planTask = state.runTask(task), let p = state.progress[task], let worktree = p.worktree else { return }
        let agent = p.agent ?? planTask.route ?? AgentName.human
        if agent == AgentName.human { return }
        guard let profile = context.registry.profile(named: agent) else {
            let known = context.registry.profiles.map(\.name).joined(separator: " ")
            await recordQuietly(
                .taskFailed(task: task, reason: "unknown agent \(agent) — agents are \(known); /retry \(task) --agent NAME"))
            return
        }
        guard let adapter = AdapterFactory.adapter(for: profile, prices: context.registry.prices),
            context.executor.which(AdapterFactory.executable(for: profile)) != nil
        else {
            let alternative = context.registry.available.first { $0.name != agent && $0.name != AgentName.human }?.name ?? AgentName.human
            await recordQuietly(
                .taskFailed(
                    task: task,
                    reason:
                        "\(agent) is not installed — \(profile.install.isEmpty ? "install it" : profile.install), or /retry \(task) --agent \(alternative)"
                ))
            return
        }
        let files = runFiles.turn(turn, of: task)
        let continuing = p.agentSessionID != nil && adapter.supportsResume
        var prompt = ""
        var fresh = ""
        do {
            try runFiles.create()
            let (brief, briefPath) = try await BriefBuilder(controller: self).brief(for: planTask, worktree: worktree)
            try await context.workspace.writeBrief(brief, to: briefPath)
            if continuing {
                prompt = context.prompts.render(
                    "continue",
                    [
                        "task_id": task, "task_title": planTask.title,
                        "messages": messages.isEmpty ? "(no new messages)" : messages.map { "- \($0)" }.joined(separator: "\n"),
                        "brief_path": briefPath,
                        "last_checkpoint": p.lastCheckpoint?.recap ?? "No checkpoint yet: your last turn ended without one.",
                    ])
            }
            fresh =
                messages.isEmpty
                ? brief : brief + "\n\n## Messages since your last turn\n" + messages.map { "- \($0)" }.joined(separator: "\n")
            if !continuing { prompt = fresh }
            try PrivateFile.write(prompt, to: files.prompt)
        } catch {
            await recordQuietly(.taskFailed(task: task, reason: "could not write the brief: \(error)"))
            return
        }
        var options = TurnOptions(
            prompt: prompt, promptFile: files.prompt, worktree: worktree, sessionDir: session.directory,
            model: profile.model, extraArguments: profile.extraArguments,
            allowedTools: p.allowedTools + p.allowedOnce + CheckSpec.allowedToolPatterns(state.checks),
            allowPermissionBypass: state.permissionBypass,
            runningAsRoot: PermissionBypass.runningAsRoot, mcpServer: prepareMCPServer(for: task))
        options.changedFiles = (p.lastCheckpoint?.stat.files ?? []).filter {
            FileManager.default.fileExists(atPath: worktree + "/" + $0)
        }
        let argv = continuing ? adapter.argv(continuing: p.agentSessionID!, options) : adapter.argv(firstTurn: options)
        if profile.protocol == .acp {
            await startAcpTurn(
                task, turn: turn, agent: agent, argv: argv, worktree: worktree,
                prompts: AcpPrompts(brief: fresh, continuation: continuing ? prompt : nil), files: files)
            return
        }
        let process: SpawnedProcess
        do {
            process = try context.executor.spawn(
                argv, in: worktree, stdout: files.stream, stderr: files.stderr,
                environment: taskEnvironment(task, worktree: worktree).merging(adapter.environment) { _, agent in agent }
                    .merging(options.mcpServer == nil ? [:] : MCPServer.environment, uniquingKeysWith: { $1 }))
        } catch {
            await recordQuietly(.taskFailed(task: task, reason: "\(error) — /retry \(task) --agent NAME"))
            return
        }
        do {
            try files.writePid(process)
        } catch {
            // The run goes on (the event below records the pid too), but until it is saved a
            // crash would lose track of the agent.
            problem(
                "could not write \(task)'s pid file (\(error)) — if Baton stops before the turn is recorded, the run is not found again")
        }
        live[task] = process
        await recordQuietly(
            .turnStarted(
                task: task, turn: turn, agent: agent, pid: process.pid,
                pidStartTime: process.startTime, streamFile: files.stream))
        follow(task: task, turn: turn, process: process, isChild: true, files: files, adapter: adapter)
    }

    /// Follows a turn's output in the background until it ends, then records how it ended.
    func follow(task: String, turn: Int, process: SpawnedProcess, isChild: Bool, files: RunFiles.Turn, adapter: any AgentAdapter) {
        let monitor = TurnMonitor(
            process: process, isChild: isChild, stdoutPath: files.stream, stderrPath: files.stderr,
            stallAfter: context.options.stallAfter, executor: context.executor, clock: context.clock,
            watcher: context.clock is SystemClock ? OutputWatcher.shared : nil)
        let seconds = Int(context.options.stallAfter)
        let minutes = max(1, (seconds + 59) / 60)
        let worktree = state.progress[task]?.worktree
        Task {
            let calls = Task { await self.followAgentCalls(task) }  // its MCP calls, alongside
            let result = await monitor.follow(
                decoder: worktree.map { adapter.makeDecoder(worktree: $0) } ?? adapter.makeDecoder(),
                onEvents: { events in await self.agentReported(task, events) },
                onStall: { await self.recordQuietly(.runStalled(task: task, minutes: minutes, seconds: seconds)) })
            calls.cancel()
            await calls.value
            await self.readAgentCalls(task)
            await self.turnEnded(task, turn: turn, process: process, result: result)
        }
    }

    func turnEnded(_ task: String, turn: Int, process: SpawnedProcess, result: TurnResult) async {
        if live[task]?.pid == process.pid { live[task] = nil }
        var result = result
        // Each turn records the CLI's version: its stream's, else the one probed at start.
        if result.agentVersion == nil, let agent = state.progress[task]?.agent {
            result.agentVersion = context.registry.statuses[agent]?.version
        }
        await recordQuietly(.turnFinished(task: task, turn: turn, result: result))
    }

    /// Condenses what an agent streams: at most one activity line per task every few seconds.
    func agentReported(_ task: String, _ events: [AgentEvent]) async {
        var latest: String?
        for event in events {
            switch event {
            case .activity(let text): latest = text
            case .fileChanged(let path): latest = "editing \(path)"
            case .warning(let text): latest = "warning: \(text)"
            case .notice(let text):
                await warnOnce(task, key: text, text: text)
            case .drift(let drift):
                // A CLI that does not stream its version is named with the probed one.
                let probed = state.progress[task]?.agent.flatMap { context.registry.statuses[$0]?.version }
                await warnOnce(task, key: drift.key(probedVersion: probed), text: drift.text(probedVersion: probed))
            default: break
            }
        }
        guard let text = latest else { return }
        let now = context.clock.now().timeIntervalSince1970
        // Every few seconds per task; with many runs less often, so that the log (and the
        // screen) take about `activityPerSecond` lines a second, whatever the number of runs.
        let interval = max(Self.activityInterval, Double(live.count) / Self.activityPerSecond)
        if now - (activityLoggedAt[task] ?? 0) < interval { return }
        activityLoggedAt[task] = now
        await recordQuietly(.taskActivity(task: task, text: TerminalText.oneLine(text, limit: 100)))
    }

    static let activityInterval: Double = 3
    static let activityPerSecond: Double = 16

    /// Gives a warning once per session, resumed runs included (the decoder starts afresh each
    /// turn): recorded with its key, which the state keeps. Never condensed with activity.
    func warnOnce(_ task: String, key: String, text: String) async {
        guard !state.warningsGiven.contains(key), noticesShown.insert(key).inserted else { return }
        await recordQuietly(.warningGiven(task: task, key: key, text: TerminalText.oneLine(text, limit: 160)))
    }

    /// Commits the worktree and records the checkpoint (idempotent: a commit already made
    /// for this checkpoint before a crash is found and reused). One at a time per task, and
    /// only while a finished turn awaits it: a second caller (reconcile and the turn's own
    /// end, around a crash) finds it done or in hand and records nothing.
    func recordCheckpoint(_ task: String, turn: Int, report: CheckpointReport) async {
        guard let p = state.progress[task], p.awaitingCheckpoint != nil, let worktree = p.worktree, let branch = p.branch,
            let base = p.baseCommit, checkpointing.insert(task).inserted
        else { return }
        defer { checkpointing.remove(task) }
        let number = p.checkpoints.count + 1
        let subjectPrefix = "baton: \(task) checkpoint \(number) ("
        let summary = TerminalText.oneLine(report.summary, limit: 72)
        do {
            let commit: String?
            var stat: DiffStat?  // read while committing
            // Whether a crash came after this checkpoint's commit, and what a commit would
            // take: three git processes side by side.
            async let recent = context.workspace.commits(branch: branch, since: base)
            async let scope = context.workspace.checkpointScope(in: worktree)
            if let existing = try await recent.first(where: { $0.subject.hasPrefix(subjectPrefix) }) {
                commit = existing.id
            } else {
                (commit, stat) = try await context.workspace.commitCheckpoint(
                    in: worktree, message: "\(subjectPrefix)\(report.kind.rawValue)): \(summary)", scope: try await scope,
                    statSince: base)
            }
            let changed: DiffStat
            if let stat { changed = stat } else { changed = try await context.workspace.diffStat(in: worktree, from: base) }
            await recordQuietly(
                .checkpointRecorded(
                    task: task, checkpoint: Checkpoint(number: number, turn: turn, report: report, commit: commit, stat: changed)))
        } catch {
            await recordQuietly(.taskFailed(task: task, reason: "could not commit its checkpoint: \(error)"))
        }
    }
}
