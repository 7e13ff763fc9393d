import BatonCore
import BatonRuntime
import Foundation
import Testing

/// The controller running a turn — spawn, follow, stall, budget — against a fake executor
/// and a manual clock: no agent process, no real waiting.
@Suite struct SessionControllerRunTests {
    @Test func aTurnIsSpawnedDetachedWithItsFilesAndPidRecord() async throws {
        let h = try ControllerHarness()
        h.executor.install("claude")
        h.executor.allowSpawns(1)
        let controller = try await h.startRun()

        let spawn = try #require(h.executor.spawns.first)
        let files = controller.runFiles.turn(1, of: "T1")
        #expect(spawn.argv.first == "claude")
        #expect(spawn.stdout == files.stream && spawn.stderr == files.stderr)
        #expect(spawn.directory.hasSuffix("/T1"), "the agent runs in the task's worktree")
        #expect(files.readPid() == spawn.process, "the pid file is the crash-recovery record")
        #expect(FileManager.default.fileExists(atPath: files.prompt))
        #expect(
            h.events.contains(
                .turnStarted(
                    task: "T1", turn: 1, agent: "claude", pid: spawn.process.pid,
                    pidStartTime: spawn.process.startTime, streamFile: files.stream)))
        #expect(await controller.liveTasks() == ["T1"])

        try await h.step {
            try h.append([ClaudeStream.result(cost: 0.25)], to: spawn.stdout)
            h.executor.end(pid: spawn.process.pid, status: 1)
        }
        #expect(await eventually { await controller.state.status(of: "T1") == .failed })
        #expect(await controller.liveTasks().isEmpty)
    }

    @Test func aRunSilentForTheStallTimeIsReportedOnceAndAsked() async throws {
        let h = try ControllerHarness(stallAfter: 300)
        h.executor.install("claude")
        h.executor.allowSpawns(1)
        let controller = try await h.startRun()
        let pid = try #require(h.executor.spawns.first).process.pid

        await h.step(299)
        // One more look at 299 s: still not stalled.
        #expect(await eventually { h.clock.sleeping > 0 })
        #expect(!h.events.contains { if case .runStalled = $0 { true } else { false } })

        await h.step(1)
        #expect(await eventually { await controller.state.openDecisions.contains { $0.kind == .stall } })
        #expect(h.events.filter { if case .runStalled = $0 { true } else { false } } == [.runStalled(task: "T1", minutes: 5, seconds: 300)])
        let decision = try #require(await controller.state.openDecisions.first { $0.kind == .stall })
        #expect(decision.task == "T1")
        #expect(decision.question == "T1 has printed nothing for 5m00s — keep waiting, or stop it?")

        // More silence is not asked again.
        await h.step(600)
        #expect(await eventually { h.clock.sleeping > 0 })
        #expect(h.events.filter { if case .runStalled = $0 { true } else { false } }.count == 1)

        // The turn ends: the question answers itself.
        await h.step { h.executor.end(pid: pid, status: 1) }
        #expect(await eventually { await controller.state.status(of: "T1") == .failed })
        #expect(await controller.state.decisions.first { $0.id == decision.id }?.answer == "the turn ended")
    }

    @Test func aTurnWhoseCostPassesTheBudgetStopsTheNextTurnAndAsks() async throws {
        let h = try ControllerHarness()
        h.executor.install("claude")
        h.executor.allowSpawns(1)  // a second spawn would fail the test
        let controller = try await h.startRun(budget: 1)
        let spawn = try #require(h.executor.spawns.first)

        try await h.step {
            try h.append([ClaudeStream.activity("swift build"), ClaudeStream.result(cost: 2.5)], to: spawn.stdout)
            h.executor.end(pid: spawn.process.pid, status: 0)
        }

        #expect(await eventually { await controller.state.openDecisions.contains { $0.kind == .budget } })
        let state = await controller.state
        #expect(state.totalCostUSD == 2.5)
        #expect(state.progress["T1"]?.checkpoints.count == 1, "the turn's checkpoint is recorded")
        #expect(state.status(of: "T1") == .waiting)
        let decision = try #require(state.openDecisions.first { $0.kind == .budget })
        #expect(decision.question == "The mission has spent $2.50 of its $1.00 budget — no new turn starts. Go on?")
        #expect(decision.context == ["T1"])
        #expect(h.executor.spawns.count == 1, "no new turn started")
    }

    @Test func aPidFileThatCannotBeWrittenIsReported() async throws {
        let h = try ControllerHarness()
        h.executor.install("claude")
        h.executor.allowSpawns(1)
        // A folder where the pid file goes: writing it fails (for root too).
        let session = try h.sessions.store.create(repository: h.repo.path, now: 0)
        let files = RunFiles(sessionDirectory: session.directory).turn(1, of: "T1")
        try FileManager.default.createDirectory(atPath: files.pid, withIntermediateDirectories: true)
        let controller = try await h.approve(h.observe(session))

        #expect(h.problems.count == 1)
        #expect(h.problems.first?.hasPrefix("could not write T1's pid file") == true)
        #expect(await controller.state.status(of: "T1") == .running, "the run goes on; the log records its pid")
        let pid = try #require(h.executor.spawns.first).process.pid
        await h.step { h.executor.end(pid: pid, status: 1) }
        #expect(await eventually { await controller.state.status(of: "T1") == .failed })
    }
}
