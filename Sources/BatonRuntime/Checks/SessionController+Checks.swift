import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

/// Where a session's checks come from, for `/checks`.
public struct RepositoryChecks: Sendable, Equatable {
    public var checks: [CheckSpec]
    /// True when `.baton/agents.json` lists them (an empty list turns checks off).
    public var configured: Bool

    public init(checks: [CheckSpec], configured: Bool) {
        self.checks = checks
        self.configured = configured
    }
}

extension SessionController {
    /// The repository's checks: agents.json's `"checks"` when it has them, else those the
    /// repository map found in its manifests. Throws the agents.json error as a line.
    public nonisolated func repositoryChecks() async throws -> RepositoryChecks {
        try await Self.repositoryChecks(context: context)
    }

    public static func repositoryChecks(context: RuntimeContext) async throws -> RepositoryChecks {
        let file = context.repositoryRoot + "/.baton/agents.json"
        if let data = FileManager.default.contents(atPath: file) {
            do {
                if let listed = try AgentsConfig.checks(data: String(decoding: data, as: UTF8.self), file: ".baton/agents.json") {
                    return RepositoryChecks(checks: listed, configured: true)
                }
            } catch {
                throw CommandError(.invalidValue, "\(error)")
            }
        }
        let map = try? await context.workspace.repositoryMap()
        return RepositoryChecks(checks: CheckSpec.from(detected: map?.checks ?? []), configured: false)
    }

    /// Check runs at once by default: half the cores, at least one.
    static var defaultCheckSlots: Int { max(1, ProcessInfo.processInfo.activeProcessorCount / 2) }

    /// Runs the task's checks in its worktree in the background; records `checksFinished`.
    func runChecks(_ task: String, run: Int) async {
        guard let worktree = state.progress[task]?.worktree else { return }
        do { try runFiles.create() } catch { problem("could not create the runs folder: \(error)") }
        let log = runFiles.checkLog(run, of: task)
        let runner = CheckRunner(executor: context.executor, clock: context.clock)
        let checks = state.checks
        let environment = taskEnvironment(task, worktree: worktree)
        Task {
            let verdict = await runner.run(
                checks, in: worktree, log: log, environment: environment,
                started: { process in await self.checkStarted(task, run: run, process: process, log: log) },
                stillWanted: { await self.checksWanted(task, run: run) })
            await self.checksEnded(task, run: run, verdict: verdict)
        }
    }

    private func checkStarted(_ task: String, run: Int, process: SpawnedProcess, log: String) async {
        live[task] = process
        await recordQuietly(.checksStarted(task: task, run: run, pid: process.pid, pidStartTime: process.startTime, log: log))
    }

    private func checksWanted(_ task: String, run: Int) -> Bool {
        state.status(of: task) == .checking && state.progress[task]?.checkRuns == run
    }

    private func checksEnded(_ task: String, run: Int, verdict: CheckVerdict) async {
        if let process = live[task], process.pid == state.progress[task]?.checkPid { live[task] = nil }
        let current = state.progress[task]?.agent
        let alternative = context.registry.available.first { $0.name != current && !$0.isHuman }?.name
        await recordQuietly(.checksFinished(task: task, run: run, verdict: verdict, alternative: alternative))
    }

    /// Runs the checks on the integration worktree after `task` merged; records `mergeChecked`.
    func checkIntegration(after task: String) async {
        let integration: IntegrationWorkspace
        do {
            guard let ws = try await integrationWorktree() else { return }
            integration = ws
        } catch {
            problem("could not check the integration branch: \(error)")
            return
        }
        do { try runFiles.create() } catch { problem("could not create the runs folder: \(error)") }
        let log = runFiles.directory + "/main-after-\(task).check.log"
        let pidFile = runFiles.integrationCheck
        // A check left running by a Baton that stopped is stopped first (it would race this one).
        if let old = pidFile.readPid(), context.executor.isAlive(old) {
            await context.executor.stop(old)
        }
        let runner = CheckRunner(executor: context.executor, clock: context.clock)
        let checks = state.checks
        let environment = taskEnvironment("main", worktree: integration.path)
        Task {
            let verdict = await runner.run(
                checks, in: integration.path, log: log, environment: environment,
                started: { process in try? pidFile.writePid(process) },
                stillWanted: { await self.state.integrationChecking == task })
            await self.recordQuietly(.mergeChecked(task: task, verdict: verdict))
        }
    }

    /// Reverts the merge of `task` on the integration branch.
    func revertMerge(_ task: String) async {
        guard let commit = state.progress[task]?.mergedCommit else { return }
        do {
            let revert: String = try await withGitLock(.integration) {
                guard let integration = try await integrationWorktree() else { throw CommandError(.wrongPhase, "no integration branch") }
                let title = TerminalText.oneLine(state.plan.task(task)?.title ?? "", limit: 60)
                return try await context.workspace.revertMerge(commit, in: integration, message: "baton: revert merge \(task) — \(title)")
            }
            await recordQuietly(.mergeReverted(task: task, commit: revert))
        } catch {
            problem(
                "could not revert the merge of \(task): \(error) — revert it by hand in \(integration?.path ?? "the integration worktree")")
        }
    }

    /// On resume: checks that were running when Baton stopped run again (their old process
    /// group is stopped first); integration checks that were running run again.
    func reconcileChecks(_ task: String, _ p: TaskProgress) async -> String? {
        guard p.checksRunning else { return nil }
        if let pid = p.checkPid {
            let old = SpawnedProcess(pid: pid, startTime: p.checkPidStartTime)
            if context.executor.isAlive(old) { await context.executor.stop(old) }
        }
        await recordQuietly(.checksInterrupted(task: task))
        return "\(task)'s checks were interrupted — running them again"
    }
}

extension RunFiles {
    /// Where the integration checks record their process (`<runs>/main.check.pid`): resume
    /// stops one a stopped Baton left running.
    var integrationCheck: Turn { Turn(stem: directory + "/main.check") }

    /// The log of run `run` of a task's checks: `<runs>/T2-1.check.log`.
    public func checkLog(_ run: Int, of task: String) -> String {
        "\(directory)/\(task)-\(run).check.log"
    }
}
