import BatonAgents
import BatonCore
import BatonRuntime
import BatonWorkspace
import Foundation

/// The commands `baton run` gives a session, carried out by the runtime — the one place the
/// headless run touches the controller's command API.
struct RunDriver {
    let controller: SessionController
    let output: HeadlessOutput

    var context: RuntimeContext { controller.context }

    func record(_ event: SessionEvent) async throws {
        try await controller.record(event)
    }

    /// Sets the mission and asks the planner; the plan (or why there is none) is recorded.
    func plan(_ mission: String) async throws {
        try await controller.record(.missionSet(text: mission))
        let service = PlanningService(context: context, scratchDirectory: controller.directory + "/runs")
        let proposal = await service.propose(mission: mission)
        try await controller.record(.planProposed(planner: proposal.planner, tasks: proposal.tasks, costUSD: proposal.costUSD, note: proposal.note))
    }

    /// `/go`: approves the plan and starts the tasks from HEAD.
    func go() async throws {
        let state = await controller.state
        if let error = PlanValidator.validate(state.plan).first { throw RunOptionError("the plan is not valid: \(error)") }
        let head = try await context.workspace.headState()
        guard head.hasCommits, let commit = head.commit else {
            throw RunOptionError("the repository has no commits yet — commit something first")
        }
        if !head.dirtyFiles.isEmpty {
            output.say([output.style.warning("uncommitted changes are not part of the run (\(head.dirtyFiles.prefix(4).joined(separator: " ")))")])
        }
        let integration = try await context.workspace.createIntegrationBranch(session: controller.id, from: commit)
        let limits = Dictionary(context.registry.profiles.map { ($0.name, $0.maxParallel) }, uniquingKeysWith: { a, _ in a })
        try await controller.record(.agentLimitsSet(limits: limits))
        try await controller.record(.planApproved(integrationBranch: integration, baseCommit: commit))
        await controller.recordPendingDecisions()
    }

    /// `/decide ID ANSWER`.
    func answer(_ id: String, _ answer: String) async throws {
        guard let d = await controller.state.decision(id), d.isOpen else { return }
        if let n = Int(answer), !d.options.isEmpty, !(1...d.options.count).contains(n) {
            throw RunOptionError("\(id) has options 1–\(d.options.count) — pick one, or answer in words")
        }
        try await controller.record(.decisionAnswered(id: id, answer: answer))
    }

    /// `/merge T`.
    func merge(_ task: String) async throws {
        try await controller.merge(task)
    }

    /// `/finish` once everything is merged: writes PR.md and ends the session; its path.
    func finish() async throws -> String {
        let state = await controller.state
        let file = controller.directory + "/PR.md"
        let text = await PullRequestWriter(context: context, scratch: controller.directory + "/runs").write(state: state)
        try PrivateFile.write(text, to: file)
        try await controller.record(.sessionFinished(summaryFile: file))
        return file
    }
}
