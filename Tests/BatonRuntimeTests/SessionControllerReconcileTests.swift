import BatonCore
import BatonRuntime
import Foundation
import Testing

/// Resume after a crash: replay, then reconcile with the world — runs still going are
/// followed again, runs that ended are read from their stream files, runs that died are
/// interrupted. The "world" is the fake executor's; the clock is manual.
@Suite struct SessionControllerReconcileTests {
    @Test func aLiveRunRecordedInTheLogIsFollowedAgainAfterReopening() async throws {
        let h = try ControllerHarness()
        let (id, files) = try await h.crashedSession { ws in
            [.turnStarted(task: "T1", turn: 1, agent: "claude", pid: 4242, pidStartTime: 777, streamFile: nil)]
        }
        h.executor.running(pid: 4242, startTime: 777)
        try h.write([ClaudeStream.activity("swift build")], to: files.stream)

        let controller = try await h.open(id)
        #expect(await controller.reconcile() == ["T1 is still running (pid 4242) — following it again"])
        #expect(await controller.liveTasks() == ["T1"])
        #expect(h.executor.spawns.isEmpty, "nothing is started again")

        // What it writes from now on is read, and its end is seen (it is not Baton's child:
        // it ends when it is no longer alive).
        try await h.step {
            try h.append([ClaudeStream.result(cost: 0.4, checkpoint: "done")], to: files.stream)
            h.executor.end(pid: 4242)
        }
        #expect(await eventually { await controller.state.status(of: "T1") == .review })
        let state = await controller.state
        #expect(state.progress["T1"]?.costUSD == 0.4)
        #expect(state.progress["T1"]?.checkpoints.last?.report.kind == .done)
        #expect(await controller.liveTasks().isEmpty)
    }

    @Test func aReusedPidIsNotTakenForTheRun() async throws {
        let h = try ControllerHarness()
        let (id, _) = try await h.crashedSession { _ in
            [.turnStarted(task: "T1", turn: 1, agent: "claude", pid: 4242, pidStartTime: 777, streamFile: nil)]
        }
        h.executor.running(pid: 4242, startTime: 9999)  // another process with the same pid
        let controller = try await h.open(id)
        #expect(await controller.reconcile() == ["T1 was interrupted — /retry T1 continues its agent's session"])
        #expect(await controller.state.status(of: "T1") == .interrupted)
        #expect(await controller.liveTasks().isEmpty)
    }

    @Test func aRunThatFinishedWhileBatonWasAwayIsReadFromItsStream() async throws {
        let h = try ControllerHarness()
        let (id, files) = try await h.crashedSession { _ in
            [.turnStarted(task: "T1", turn: 1, agent: "claude", pid: 4242, pidStartTime: 777, streamFile: nil)]
        }
        h.executor.gone(pid: 4242)
        try h.write([ClaudeStream.activity("swift test"), ClaudeStream.result(cost: 0.3, checkpoint: "done")], to: files.stream)

        let controller = try await h.open(id)
        #expect(await controller.reconcile() == ["T1 finished its turn while Baton was away"])
        let finished = h.events.compactMap { if case .turnFinished(_, _, let r) = $0 { r } else { nil } }
        #expect(finished.count == 1)
        #expect(finished.first?.costUSD == 0.3 && finished.first?.agentSessionID == "sid-1")
        #expect(await controller.state.status(of: "T1") == .review)
        #expect(await controller.liveTasks().isEmpty)
    }

    @Test func aRunThatDiedWithoutAResultIsInterrupted() async throws {
        let h = try ControllerHarness()
        let (id, files) = try await h.crashedSession { _ in
            [.turnStarted(task: "T1", turn: 1, agent: "claude", pid: 4242, pidStartTime: 777, streamFile: nil)]
        }
        h.executor.gone(pid: 4242)
        try h.write([ClaudeStream.activity("swift test")], to: files.stream)

        let controller = try await h.open(id)
        #expect(await controller.reconcile() == ["T1 was interrupted — /retry T1 continues its agent's session"])
        #expect(h.events.contains(.runInterrupted(task: "T1", reason: "Baton stopped while it ran and its agent ended without a result")))
        #expect(await controller.state.status(of: "T1") == .interrupted)
    }

    @Test func aTurnStartedJustBeforeACrashIsFoundThroughItsPidFile() async throws {
        let h = try ControllerHarness()
        // The log never got the turn's start; the pid file did.
        let (id, files) = try await h.crashedSession { _ in [] }
        try files.writePid(SpawnedProcess(pid: 4343, startTime: 888))
        h.executor.running(pid: 4343, startTime: 888)
        try h.write([], to: files.stream)

        let controller = try await h.open(id)
        #expect(await controller.reconcile() == ["T1 is still running (pid 4343) — following it again"])
        guard case .turnStarted(let task, let turn, _, let pid, let start, let stream) = h.events.first else {
            Issue.record("the turn's start is recorded first, got \(h.events)")
            return
        }
        #expect(task == "T1" && turn == 1 && pid == 4343 && start == 888 && stream == files.stream)
        await h.step { h.executor.end(pid: 4343) }
        #expect(await eventually { await controller.state.status(of: "T1") == .failed }, "it ended without a result")
    }

    @Test func aBriefPathThatCannotBeCheckedFailsTheTaskInsteadOfWritingContext() async throws {
        let h = try ControllerHarness()
        h.executor.install("claude")  // and no spawn is allowed
        let folder = h.repo.scratch + "/not-a-worktree"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let id = "s-0b0f"
        let base = try #require(try await h.context.workspace.headState().commit)
        let branch = try await h.context.workspace.createIntegrationBranch(session: id, from: base)
        try h.sessions.make(
            id,
            events: [
                .planProposed(planner: "offline", tasks: [ControllerHarness.task], costUSD: nil, note: nil),
                .planApproved(integrationBranch: branch, baseCommit: base),
                .workspaceCreated(task: "T1", worktree: folder, branch: "baton/\(id)/T1", baseCommit: base),
            ])

        let controller = try await h.open(id)
        await controller.reconcile()  // the turn never started: it starts now
        let state = await controller.state
        #expect(state.status(of: "T1") == .failed)
        #expect(state.progress["T1"]?.failure?.hasPrefix("could not write the brief:") == true)
        #expect(!FileManager.default.fileExists(atPath: folder + "/CONTEXT.md"))
        #expect(h.executor.spawns.isEmpty)
    }
}
