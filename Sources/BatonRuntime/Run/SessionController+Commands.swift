import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

extension SessionController {
    /// The one way a command changes the session: `decide` (pure) accepts it or refuses it
    /// with a ``CommandError``; notes (``advise``) go to the observer; the events are recorded
    /// in order (each reduced, its effects carried out). Commands that need IO first (`/go`
    /// reads HEAD and creates the integration branch) or after (`/merge` dry-runs and merges,
    /// `/finish` merges in order and writes PR.md) do it here. Returns the events recorded
    /// for the command itself (not those its effects caused later).
    ///
    /// Throws only ``CommandError`` (render it with ``ErrorLine``).
    @discardableResult
    public func perform(_ command: Command) async throws -> [SessionEvent] {
        switch command {
        case .go: return try await performGo()
        case .merge(let target): return try await performMerge(target)
        case .finish: return try await performFinish()
        default: break
        }
        var context = CommandContext(agents: roster)
        if case .route = command { context.scopeFiles = await scopeFiles(of: state.plan.tasks) }
        let events = try decide(command, in: state, at: self.context.clock.now(), context: context).get()
        for note in advise(command, in: state, context: context) { notify(note) }
        if events.isEmpty && command.editsPlan { notify(.noChange) }
        for event in events { try await recordCommand(event) }
        return events
    }

    /// The agents as `decide` sees them.
    public nonisolated var roster: AgentRoster { context.registry.roster }

    /// How many tracked files the tasks' scopes hold (empty when git cannot say: routing
    /// then goes by words alone).
    public nonisolated func scopeFiles(of tasks: [PlanTask]) async -> [String: Int] {
        (try? await context.workspace.scopeFileCounts(tasks.flatMap(\.scope))) ?? [:]
    }

    /// Records an event for a command; a failure to save it is a ``CommandError``.
    func recordCommand(_ event: SessionEvent) async throws {
        do { try await record(event) } catch { throw CommandError.failed(error) }
    }

    func notify(_ note: CommandNote) {
        observer?(.note(note))
    }

    /// `/go`: HEAD is read, the rules decide, the integration branch is created, then the
    /// approval is recorded and the answered decisions go into DECISIONS.md.
    private func performGo() async throws -> [SessionEvent] {
        let head: HeadState
        do { head = try await context.workspace.headState() } catch { throw CommandError.failed(error) }
        let facts = HeadFacts(
            branch: head.branch, commit: head.commit, dirtyFiles: head.dirtyFiles,
            integrationBranch: Workspace.integrationBranch(session: id))
        let context = CommandContext(agents: roster, head: facts)
        let events = try decide(.go, in: state, at: self.context.clock.now(), context: context).get()
        for note in advise(.go, in: state, context: context) { notify(note) }
        let found = state.checks.isEmpty ? try await repositoryChecks().checks : []
        do {
            _ = try await self.context.workspace.createIntegrationBranch(session: id, from: facts.commit ?? "HEAD")
        } catch {
            throw CommandError.failed(error)
        }
        // The checks every task passes, fixed for the session before any task can be done.
        if !found.isEmpty {
            let reviewers = self.context.registry.available.filter { !$0.isHuman }.map(\.name)
            try await recordCommand(.checksConfigured(checks: found, slots: Self.defaultCheckSlots, agents: reviewers))
        }
        for event in events { try await recordCommand(event) }
        await recordPendingDecisions()
        return events
    }

    /// `/merge T` or `/merge all` (what is in review, in dependency order, until a conflict).
    private func performMerge(_ target: MergeTarget) async throws -> [SessionEvent] {
        _ = try decide(.merge(target), in: state, at: context.clock.now(), context: CommandContext(agents: roster)).get()
        switch target {
        case .task(let raw): return [try await merge(raw.uppercased())]
        case .forced(let raw): return [try await merge(raw.uppercased(), force: true)]
        case .all: return try await mergeInOrder()
        }
    }

    /// Merges every task in review whose dependencies are merged, in dependency order; stops
    /// at the first that does not merge cleanly (its conflict is a decision now).
    private func mergeInOrder() async throws -> [SessionEvent] {
        var events: [SessionEvent] = []
        var tried: Set<String> = []
        while let task = state.nextMergeable(skipping: tried) {
            tried.insert(task)
            events.append(try await merge(task))
            if state.status(of: task) != .merged { break }
            // A merge queue: the next merges onto an integration branch its checks found green.
            while state.integrationChecking != nil { try? await Task.sleep(nanoseconds: 100_000_000) }
            if state.integrationBrokenBy != nil { break }
        }
        return events
    }

    /// `/finish`: merges what is in review, writes PR.md, records the end of the session.
    private func performFinish() async throws -> [SessionEvent] {
        _ = try decide(.finish, in: state, at: context.clock.now(), context: CommandContext(agents: roster)).get()
        var events = try await mergeInOrder()
        let unmerged = state.plan.tasks.map(\.id).filter { state.status(of: $0) != .merged && state.status(of: $0) != .cancelled }
        if !unmerged.isEmpty { notify(.notMerged(tasks: unmerged)) }
        let file = directory + "/PR.md"
        let (text, fallback) = await PullRequestWriter(context: context, scratch: runFiles.directory).compose(state: state)
        if let fallback { notify(.pullRequestFallback(reason: fallback)) }
        do { try PrivateFile.write(text, to: file) } catch { throw CommandError.failed(error, doing: "could not write \(file)") }
        let finished = SessionEvent.sessionFinished(summaryFile: file)
        try await recordCommand(finished)
        events.append(finished)
        notify(.openPullRequest(branch: state.integrationBranch ?? "", file: file, hasGitHubCLI: context.executor.which("gh") != nil))
        return events
    }
}
