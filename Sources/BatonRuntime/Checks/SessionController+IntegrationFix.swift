import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

extension SessionController {
    /// The key of the fix's process in `live` (beside the tasks' runs).
    static let integrationFixKey = "main"

    /// Starts an agent fixing the red integration branch in the integration worktree (the
    /// brief: the merge that broke it and the failing tail); follows it in the background and
    /// records `integrationFixFinished` with its commit. A fix committed before Baton stopped
    /// is found by its subject and recorded, never made twice.
    func fixIntegration(_ task: String, decision: String) async {
        guard let fix = state.integrationFix, fix.task == task, fix.decision == decision else { return }
        let integration: IntegrationWorkspace
        do {
            guard let ws = try await integrationWorktree() else { return }
            integration = ws
        } catch {
            await fixFailed(task, "could not check out the integration worktree: \(error)")
            return
        }
        if let commit = await committedFix(fix, on: integration.branch) {
            await recordQuietly(.integrationFixFinished(task: task, commit: commit, failure: nil, costUSD: nil, tokens: nil))
            return
        }
        guard let chosen = fixAgent(for: task) else {
            await fixFailed(task, "no installed agent can fix it (ACP agents and people cannot yet) — revert it or keep it")
            return
        }
        let (profile, adapter) = chosen
        let files = runFiles.integrationFix(decision)
        let options = TurnOptions(
            prompt: fixPrompt(task, integration), promptFile: files.prompt, worktree: integration.path,
            sessionDir: session.directory, model: profile.model, extraArguments: profile.extraArguments,
            allowedTools: CheckSpec.allowedToolPatterns(state.checks), allowPermissionBypass: state.permissionBypass,
            runningAsRoot: PermissionBypass.runningAsRoot)
        let process: SpawnedProcess
        do {
            try runFiles.create()
            try PrivateFile.write(options.prompt, to: files.prompt)
            process = try context.executor.spawn(
                adapter.argv(firstTurn: options), in: integration.path, stdout: files.stream, stderr: files.stderr,
                environment: taskEnvironment(Self.integrationFixKey, worktree: integration.path)
                    .merging(adapter.environment) { _, agent in agent })
        } catch {
            await fixFailed(task, "\(profile.name) could not start: \(error)")
            return
        }
        try? files.writePid(process)  // the event below records it too; this covers a crash before it
        live[Self.integrationFixKey] = process
        await recordQuietly(.integrationFixStarted(task: task, agent: profile.name, pid: process.pid, pidStartTime: process.startTime))
        followFix(fix, process: process, isChild: true, adapter: adapter, integration: integration)
    }

    /// Follows the fix's agent to its end, then commits what it changed.
    private func followFix(
        _ fix: IntegrationFix, process: SpawnedProcess, isChild: Bool, adapter: any AgentAdapter, integration: IntegrationWorkspace
    ) {
        let files = runFiles.integrationFix(fix.decision)
        let monitor = TurnMonitor(
            process: process, isChild: isChild, stdoutPath: files.stream, stderrPath: files.stderr,
            stallAfter: context.options.stallAfter, executor: context.executor, clock: context.clock,
            watcher: context.clock is SystemClock ? OutputWatcher.shared : nil)
        Task {
            let result = await monitor.follow(
                decoder: adapter.makeDecoder(worktree: integration.path),
                onEvents: { events in await self.agentReported(fix.task, events) }, onStall: {})
            await self.fixEnded(fix, process: process, result: result, integration: integration)
        }
    }

    private func fixEnded(_ fix: IntegrationFix, process: SpawnedProcess, result: TurnResult, integration: IntegrationWorkspace) async {
        if live[Self.integrationFixKey]?.pid == process.pid { live[Self.integrationFixKey] = nil }
        guard state.integrationFix?.decision == fix.decision else { return }
        let cost = result.costUSD
        let tokens = result.tokens > 0 ? result.tokens : nil
        if let error = result.error, result.exitCode != 0 || result.finalText.isEmpty {
            await fixFailed(fix.task, "its agent failed: " + TerminalText.oneLine(error, limit: 160), cost: cost, tokens: tokens)
            return
        }
        if let commit = await committedFix(fix, on: integration.branch) {
            await recordQuietly(.integrationFixFinished(task: fix.task, commit: commit, failure: nil, costUSD: cost, tokens: tokens))
            return
        }
        do {
            let commit = try await withGitLock(.integration) {
                try await context.workspace.commitCheckpoint(in: integration.path, message: fix.commitSubject(on: integration.branch))
            }
            guard let commit else {
                await fixFailed(fix.task, "its agent changed nothing", cost: cost, tokens: tokens)
                return
            }
            await recordQuietly(.integrationFixFinished(task: fix.task, commit: commit, failure: nil, costUSD: cost, tokens: tokens))
        } catch {
            await fixFailed(fix.task, "could not commit the fix: \(error)", cost: cost, tokens: tokens)
        }
    }

    private func fixFailed(_ task: String, _ why: String, cost: Double? = nil, tokens: Int? = nil) async {
        await recordQuietly(.integrationFixFinished(task: task, commit: nil, failure: why, costUSD: cost, tokens: tokens))
    }

    /// The fix's commit on `branch` when it was made (before a crash), else nil.
    private func committedFix(_ fix: IntegrationFix, on branch: String) async -> String? {
        guard let since = state.progress[fix.task]?.mergedCommit ?? state.baseCommit,
            let commits = try? await context.workspace.commits(branch: branch, since: since)
        else { return nil }
        return commits.first { $0.subject == fix.commitSubject(on: branch) }?.id
    }

    /// The task's own agent when it streams JSON and is installed, else the first such agent.
    private func fixAgent(for task: String) -> (AgentProfile, any AgentAdapter)? {
        let own = state.progress[task]?.agent.flatMap { context.registry.profile(named: $0) }
        for profile in [own].compactMap({ $0 }) + context.registry.available where !profile.isHuman && profile.protocol != .acp {
            guard let adapter = AdapterFactory.adapter(for: profile, prices: context.registry.prices),
                context.executor.which(AdapterFactory.executable(for: profile)) != nil
            else { continue }
            return (profile, adapter)
        }
        return nil
    }

    private func fixPrompt(_ task: String, _ integration: IntegrationWorkspace) -> String {
        let verdict = state.integrationVerdict
        let merged = state.progress[task]?.mergedCommit.map { "commit \($0.prefix(12))" } ?? "(commit unknown)"
        return context.prompts.render(
            "integration",
            [
                "task_id": task, "task_title": TerminalText.oneLine(state.plan.task(task)?.title ?? "", limit: 120),
                "branch": integration.branch, "merge": merged,
                "verdict": verdict.map { TerminalText.oneLine($0.line, limit: 200) } ?? "(no verdict)",
                "tail": verdict?.tail ?? "", "checks": state.checks.map { "- \($0.name): `\($0.display)`" }.joined(separator: "\n"),
            ])
    }

    /// On resume: a fix still running is followed again; one that ended while Baton was away
    /// is finished from its stream; one that never started (or died) starts again.
    func reconcileIntegrationFix() async -> String? {
        guard let fix = state.integrationFix, let integration else { return nil }
        let files = runFiles.integrationFix(fix.decision)
        let process = fix.pid.map { SpawnedProcess(pid: $0, startTime: fix.pidStartTime) } ?? files.readPid()
        if let process, let agent = fix.agent ?? state.progress[fix.task]?.agent,
            let profile = context.registry.profile(named: agent),
            let adapter = AdapterFactory.adapter(for: profile, prices: context.registry.prices)
        {
            if context.executor.isAlive(process) {
                if fix.pid == nil {
                    await recordQuietly(
                        .integrationFixStarted(task: fix.task, agent: agent, pid: process.pid, pidStartTime: process.startTime))
                }
                live[Self.integrationFixKey] = process
                followFix(fix, process: process, isChild: false, adapter: adapter, integration: integration)
                return "the fix of \(integration.branch) after \(fix.task) is still running — following it again"
            }
            var decoder = adapter.makeDecoder(worktree: integration.path)
            if let data = FileManager.default.contents(atPath: files.stream) {
                for line in data.split(separator: 0x0A) { _ = decoder.decode(line: String(decoding: line, as: UTF8.self)) }
            }
            let result = decoder.finish(exitCode: 0, stderrTail: TurnMonitor.tail(of: files.stderr))
            if result.error == nil {
                await fixEnded(fix, process: process, result: result, integration: integration)
                return "the fix of \(integration.branch) after \(fix.task) ended while Baton was away — recorded"
            }
        }
        await fixIntegration(fix.task, decision: fix.decision)
        return "the fix of \(integration.branch) after \(fix.task) was interrupted — starting it again"
    }
}

extension RunFiles {
    /// The files of the agent fixing the integration branch (answering `decision`): `main-fix-D3`.
    func integrationFix(_ decision: String) -> Turn {
        Turn(stem: "\(directory)/main-fix-\(decision)")
    }
}
