import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

extension SessionController {
    /// Carries out one effect; outcomes come back as events.
    func execute(_ effect: Effect) async {
        switch effect {
        case .proposePlan(let mission, let feedback):
            await proposePlan(mission: mission, feedback: feedback)
        case .prepareWorkspace(let task):
            await prepareWorkspace(task)
        case .startTurn(let task, let turn, let messages):
            await startTurn(task, turn: turn, messages: messages)
        case .recordCheckpoint(let task, let turn, let report):
            await recordCheckpoint(task, turn: turn, report: report)
        case .stopRun(let task) where acpRuns[task] != nil:
            live[task] = nil
            await stopAcpRun(task)
        case .stopRun(let task):
            if let process = live[task] {
                live[task] = nil
                await context.executor.stop(process)
            }
        case .notifyDecision:
            break  // the conversation rings the bell when it renders the decision
        case .recordDecision(let id):
            await writeDecisionLog(only: id)
        case .answerPermission(let task, let request, let optionID):
            await answerAcpPermission(task, request: request, optionID: optionID)
        case .merge(let task):
            do { try await merge(task) } catch { problem("\(error)") }
        case .answerAgent(let task, let request, let answer):
            answerAgentCall(task, request: request, answer: answer)
        case .runChecks(let task, let run):
            await runChecks(task, run: run)
        case .checkIntegration(let task):
            await checkIntegration(after: task)
        case .revertMerge(let task):
            await revertMerge(task)
        case .fixIntegration(let task, let decision):
            await fixIntegration(task, decision: decision)
        case .reviewTask(let task, let reviewer):
            reviewInBackground(task, reviewer: reviewer)
        case .judgeRace(let task, let judge):
            judgeRaceInBackground(task, judge: judge)
        case .raceDeadline(let task, let time):
            armRaceDeadline(task, at: time)
        case .wakeAgent(let agent, let time):
            let clock = context.clock
            Task {
                let wait = time - clock.now().timeIntervalSince1970
                if wait > 0 { try? await clock.sleep(for: .seconds(wait)) }
                await self.recordQuietly(.agentAvailable(agent: agent))
            }
        }
    }

    /// The integration worktree, checked out on first use (a merge, a decision to record).
    func integrationWorktree() async throws -> IntegrationWorkspace? {
        guard let base = state.baseCommit, let integration else { return nil }
        // Checked out already (the common case): no git call on the merge path.
        if FileManager.default.fileExists(atPath: integration.path + "/.git") { return integration }
        // A new worktree: it waits its turn with the tasks' (callers hold the integration lane).
        return try await withGitLock(.worktrees) { try await context.workspace.prepareIntegration(session: id, from: base) }
    }

    var integration: IntegrationWorkspace? {
        guard let branch = state.integrationBranch else { return nil }
        return IntegrationWorkspace(session: id, branch: branch, path: context.workspace.worktreePath(session: id, name: "main"))
    }

    private func prepareWorkspace(_ task: String) async {
        guard let integration else { return }
        // The brief's questions about the task's area do not need its worktree: asked while
        // it is made, they are answered when the agent's turn starts.
        if let planTask = state.runTask(task) {
            let workspace = context.workspace
            briefAreas[task] = Task { await BriefBuilder.area(of: planTask, in: workspace) }
        }
        defer { briefAreas[task] = nil }  // taken by the turn started when the worktree was recorded
        await takeEarlyWorktree(task)
        do {
            let sparse = await sparsePaths(for: task)
            let ws = try await withGitLock(.worktrees, priority: gitPriority(of: task)) {
                try await context.workspace.createTaskWorktree(
                    session: id, task: task, from: integration.branch, mergingIn: [],
                    include: context.registry.include, sparse: sparse)
            }
            if let failure = await runSetup(in: ws.path, environment: taskEnvironment(task, worktree: ws.path)) {
                await recordQuietly(.taskFailed(task: task, reason: failure))
                return
            }
            if ws.isNew { newWorktrees.insert(task) }
            await recordQuietly(.workspaceCreated(task: task, worktree: ws.path, branch: ws.branch, baseCommit: ws.baseCommit))
            checkOutDependentsEarly(of: task)
        } catch {
            await recordQuietly(.taskFailed(task: task, reason: "could not create its worktree: \(error)"))
        }
    }

    /// Runs the per-worktree setup in a new worktree — `.baton/setup` (an executable) or the
    /// `"setup"` argv of agents.json — and returns the failure, if any.
    private func runSetup(in worktree: String, environment: [String: String]) async -> String? {
        let script = context.repositoryRoot + "/.baton/setup"
        let argv: [String]
        let name: String
        if FileManager.default.isExecutableFile(atPath: script) {
            (argv, name) = ([script], ".baton/setup")
        } else if let configured = context.registry.setup {
            (argv, name) = (configured, "setup (\(configured.joined(separator: " ")))")
        } else {
            return nil
        }
        do {
            try runFiles.create()
        } catch {
            return "\(name) could not start: \(error)"
        }
        let out = runFiles.scratch("setup") + ".log"
        do {
            let process = try context.executor.spawn(argv, in: worktree, stdout: out, stderr: out, environment: environment)
            let code = await context.executor.waitForExit(process)
            if code == 0 { return nil }
            let label = name == ".baton/setup" ? "setup (.baton/setup)" : name
            return "\(label) failed with status \(code): " + TerminalText.oneLine(TurnMonitor.tail(of: out, lines: 3), limit: 200)
        } catch {
            return "\(name) could not start: \(error)"
        }
    }
}
