/// Checks: `/checks T`, and what they mean for `/merge`.
extension Decider {
    func runChecks(_ raw: String) throws -> [SessionEvent] {
        let task = try taskID(raw)
        guard !state.checks.isEmpty else {
            throw CommandError(
                .wrongState,
                "this repository has no checks — add \"checks\" to .baton/agents.json, e.g. [{\"name\": \"unit\", \"run\": [\"make\", \"test\"]}]",
                subject: task)
        }
        let status = state.status(of: task)
        guard state.progress[task]?.worktree != nil, !status.isActive, status != .merged, status != .cancelled else {
            let why = status == .checking ? "its checks are running already" : "it is \(status.label)"
            throw CommandError(.wrongState, "\(task) cannot run its checks now: \(why) — /status", subject: task)
        }
        return [.checksRequested(task: task)]
    }
}

extension SessionState {
    /// Why the checks of `task` stop its merge (red, running or never ran), or nil. `force`
    /// (`/merge T --force`) overrides.
    func checksRefusal(_ task: String, _ p: TaskProgress, force: Bool) -> CommandError? {
        guard !checks.isEmpty, !force, !p.checksWaived else { return nil }
        if p.status == .reviewing {
            return CommandError(
                .wrongState,
                "\(task) is being reviewed by \(reviewer(for: task) ?? "a reviewer") — /wait for the verdict, or /merge \(task) --force",
                subject: task)
        }
        if p.status == .checking {
            let queued = p.checksRunning ? "running" : "waiting for a free slot"
            return CommandError(.wrongState, "\(task)'s checks are \(queued) — /wait for them, or /merge \(task) --force", subject: task)
        }
        if p.status == .waiting, let open = openDecisions.first(where: { $0.task == task && $0.kind == .checks }), let verdict = p.verdict {
            return CommandError(
                .wrongState,
                "\(task)'s checks are red (\(verdict.firstFailure?.label ?? "failed")) — answer \(open.id), or /merge \(task) --force",
                subject: task)
        }
        guard p.status == .review || p.status == .done else { return nil }
        guard let verdict = p.verdict else {
            return CommandError(
                .wrongState, "\(task)'s checks never ran — /checks \(task) runs them, or /merge \(task) --force", subject: task)
        }
        if !verdict.green {
            return CommandError(
                .wrongState, "\(task)'s checks are red (\(verdict.firstFailure?.label ?? "failed")) — fix them, or /merge \(task) --force",
                subject: task)
        }
        return nil
    }

    /// Why nothing merges while the integration branch is being checked, or is red.
    func integrationRefusal(_ task: String, force: Bool) -> CommandError? {
        guard !force else { return nil }
        if let after = integrationChecking {
            return CommandError(
                .wrongState, "the integration checks after \(after) are running — /wait, then /merge \(task)", subject: task)
        }
        if let broken = integrationBrokenBy {
            let open = openDecisions.first { $0.kind == .integration }.map { "answer \($0.id)" } ?? "decide what to do"
            return CommandError(
                .wrongState, "the integration branch is red since \(broken) merged — \(open) first, or /merge \(task) --force",
                subject: task)
        }
        return nil
    }
}
