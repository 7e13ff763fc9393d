import BatonRuntime
import BatonTestSupport
import Foundation
import Testing

/// The real executor against real (tiny) processes: what the fake stands in for.
@Suite struct LocalExecutorTests {
    @Test func aSpawnedProcessIsKnownByPidAndStartTimeUntilItIsStopped() async throws {
        let repo = try TestRepository()
        let executor = LocalExecutor(path: "/usr/bin:/bin")
        let out = repo.scratch + "/out"
        let err = repo.scratch + "/err"
        let process = try executor.spawn(["sh", "-c", "echo started; exec sleep 60"], in: repo.path, stdout: out, stderr: err)
        #expect(process.startTime != nil, "the start time tells the run from a reused pid")
        #expect(executor.isAlive(process))
        #expect(
            !executor.isAlive(SpawnedProcess(pid: process.pid, startTime: (process.startTime ?? 0) + 1)),
            "another start time is another process")
        #expect(executor.exitStatus(of: process) == nil)
        #expect(await poll { (try? String(contentsOfFile: out, encoding: .utf8)) == "started\n" })

        await executor.stop(process, grace: .seconds(10))
        #expect(!executor.isAlive(process))
    }

    @Test func theExitStatusOfAChildIsReapedAndAMissingCommandIsNotStarted() async throws {
        let repo = try TestRepository()
        let executor = LocalExecutor(path: "/usr/bin:/bin")
        let process = try executor.spawn(["sh", "-c", "exit 7"], in: repo.path, stdout: repo.scratch + "/o", stderr: repo.scratch + "/e")
        #expect(await executor.waitForExit(process) == 7)
        #expect(!executor.isAlive(process))
        #expect(throws: SpawnError.notFound("no-such-agent-xyz")) {
            try executor.spawn(["no-such-agent-xyz"], in: repo.path, stdout: repo.scratch + "/o", stderr: repo.scratch + "/e")
        }
        #expect(executor.which("sh") != nil && executor.which("no-such-agent-xyz") == nil)
    }

    /// Agents and checks run nicer than Baton (the conversation stays quick while they keep
    /// the cores busy); what they start inherits it.
    @Test func aSpawnedProcessRunsNicerThanBaton() async throws {
        let repo = try TestRepository()
        let executor = LocalExecutor(path: "/usr/bin:/bin")
        let out = repo.scratch + "/nice"
        let process = try executor.spawn(["sh", "-c", "sleep 0.5; nice"], in: repo.path, stdout: out, stderr: repo.scratch + "/e")
        #expect(await executor.waitForExit(process) == 0)
        let own = Int(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
        let theirs = Int((try String(contentsOfFile: out, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(theirs == min(19, own + 5), "the agent's children run at nice \(theirs ?? -99), Baton at \(own)")
    }
}
