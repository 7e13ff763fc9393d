/// The run: /retry /pause /continue /cancel, and the settings /policy /permissions.
extension Decider {
    func retry(_ raw: String, agent: String?) throws -> [SessionEvent] {
        let task = try taskID(raw)
        guard state.phase == .running else { throw CommandError(.wrongPhase, "nothing runs yet — /go first") }
        let status = state.status(of: task)
        guard [.failed, .interrupted, .cancelled, .paused].contains(status) else {
            throw CommandError(
                .wrongState, "\(task) is \(status.label) — /retry is for failed, interrupted or cancelled tasks", subject: task)
        }
        if let agent { try checkAgent(agent) }
        return [.taskRetried(task: task, agent: agent)]
    }

    func pause(_ raw: String) throws -> [SessionEvent] {
        let task = try taskID(raw)
        let status = state.status(of: task)
        guard [.planned, .ready, .preparing, .running, .waiting].contains(status) else {
            throw CommandError(.wrongState, "\(task) is \(status.label) — only tasks not finished can pause", subject: task)
        }
        return [.taskPaused(task: task)]
    }

    func resume(_ raw: String) throws -> [SessionEvent] {
        let task = try taskID(raw)
        guard state.status(of: task) == .paused else { throw CommandError(.wrongState, "\(task) is not paused", subject: task) }
        return [.taskContinued(task: task)]
    }

    func cancel(_ raw: String) throws -> [SessionEvent] {
        let task = try taskID(raw)
        let status = state.status(of: task)
        guard !status.isTerminal else { throw CommandError(.wrongState, "\(task) is already \(status.label)", subject: task) }
        return [.taskCancelled(task: task)]
    }

    func policy(_ name: String, _ value: String) throws -> [SessionEvent] {
        var probe = state.policy
        if let error = probe.set(name, value) { throw CommandError(.invalidValue, error, subject: name) }
        return [.policySet(name: name, value: value)]
    }

    /// Turning bypass on lets agents run any command unasked: only with the user's "yes".
    func permissions(bypass: Bool, confirmed: Bool) throws -> [SessionEvent] {
        guard !bypass || confirmed else {
            throw CommandError(
                .needsConfirmation, "turning bypass on needs a confirmation at a terminal — it lets agents run any command unasked")
        }
        return [.permissionBypassSet(enabled: bypass)]
    }
}
