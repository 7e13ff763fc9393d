import BatonAgents
import BatonCore
import BatonRuntime
import Foundation
import Testing

/// `SessionController.perform`: decide, notes, record — and the commands that need IO first
/// (/go) or after (planning, /merge). A real git repository, the offline planner, no agents.
@Suite struct SessionControllerCommandTests {
    /// A new session's controller, with the notices it sends collected.
    final class Observed: @unchecked Sendable {
        let harness: ControllerHarness
        let controller: SessionController
        private let lock = NSLock()
        private var notices: [SessionNotice] = []

        init() async throws {
            harness = try ControllerHarness()
            let session = try harness.sessions.store.create(repository: harness.repo.path, now: 100)
            controller = SessionController(context: harness.context, session: session)
            await controller.setObserver { [self] notice in lock.withLock { notices.append(notice) } }
        }

        var events: [SessionEvent] {
            lock.withLock { notices.compactMap { if case .update(let u) = $0 { u.record.event } else { nil } } }
        }

        var notes: [CommandNote] {
            lock.withLock { notices.compactMap { if case .note(let n) = $0 { n } else { nil } } }
        }
    }

    @Test func aMissionIsRecordedThenPlanned() async throws {
        let o = try await Observed()
        #expect(
            try await o.controller.perform(.say("Add CSV export, then write tests for it")) == [
                .missionSet(text: "Add CSV export, then write tests for it")
            ])
        guard case .planProposed(let planner, let tasks, _, _)? = o.events.last else {
            Issue.record("no plan: \(o.events)")
            return
        }
        #expect(planner == "offline" && tasks.count == 2)
        #expect(await o.controller.state.plan.version == 1)
    }

    @Test func theOfflinePlannerCannotReviseAndSaysSo() async throws {
        let o = try await Observed()
        try await o.controller.perform(.say("Add CSV export"))
        #expect(try await o.controller.perform(.replan(feedback: "smaller tasks")) == [.replanRequested(feedback: "smaller tasks")])
        guard case .plannerFailed(let planner, let reason)? = o.events.last else {
            Issue.record("\(o.events)")
            return
        }
        #expect(planner == "offline" && reason.hasPrefix("the offline planner cannot revise a plan from feedback"))
        #expect(await o.controller.state.plan.version == 1, "the plan stays as it was")
    }

    @Test func refusedCommandsThrowTheCoreErrorAndRecordNothing() async throws {
        let o = try await Observed()
        try await o.controller.perform(.say("Add CSV export"))
        let before = o.events.count
        await #expect(throws: CommandError(.unknown, "unknown task T9 — tasks are T1", subject: "T9")) {
            try await o.controller.perform(.drop(task: "T9"))
        }
        await #expect(throws: CommandError(.wrongPhase, "nothing runs yet — /go first")) {
            try await o.controller.perform(.merge(.all))
        }
        #expect(try await o.controller.perform(.editField(task: "T1", field: "title", value: "Add CSV export")) == [])
        #expect(o.notes == [.noChange])
        #expect(o.events.count == before)
    }

    @Test func goCreatesTheIntegrationBranchThenApproves() async throws {
        let o = try await Observed()
        try await o.controller.perform(.say("Add CSV export"))
        let head = try #require(try await o.harness.context.workspace.headState().commit)
        let events = try await o.controller.perform(.go)
        let branch = "baton/\(o.controller.id)/main"
        #expect(events.last == .planApproved(integrationBranch: branch, baseCommit: head))
        if case .agentLimitsSet(let limits)? = events.first {
            #expect(limits["claude"] == BuiltinProfiles.claude.maxParallel)
        } else {
            Issue.record("\(events)")
        }
        #expect(try await o.harness.context.workspace.branchExists(branch))
        #expect(await o.controller.state.phase == .running)
        await #expect(throws: CommandError(.wrongPhase, "the plan is already running — /status shows it")) {
            try await o.controller.perform(.go)
        }
    }
}
