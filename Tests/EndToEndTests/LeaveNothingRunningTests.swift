import BatonTestSupport
import Foundation
import Testing

/// A test ends what it started, on success and failure alike: agents a killed `baton` left
/// streaming (they outlive Baton by design) end with the test's repository.
@Suite struct LeaveNothingRunningTests {
    @Test func agentsAKilledBatonLeftRunningEndWithTheTestRepository() async throws {
        var marker = ""
        do {
            let repo = try TestRepository()
            var env = try BatonEnvironment(repository: repo)
            try env.scenario(#"{"*": [{"lines": 1, "sleep": 600, "checkpoint": {"checkpoint": "done", "summary": "never"}}]}"#)
            try env.plan(#"{"tasks": [{"id": "T1", "title": "Only task", "kind": "code", "scope": ["a.txt"], "route": "codex"}]}"#)
            marker = "HOME=" + repo.scratch
            let baton = try LiveBaton(in: repo, environment: env)
            baton.send("Write a.txt")
            #expect(await baton.waitFor("proposes", seconds: 90))
            baton.send("/go")
            #expect(await poll(seconds: 90) { AgentProcesses.alive(repo).count == 1 })
            baton.kill9()
            #expect(AgentProcesses.alive(repo).count == 1, "the agent outlives Baton")
            #expect(!ProcessSweep.pids(environmentPrefix: marker).isEmpty)
        }
        #expect(await poll(seconds: 60) { ProcessSweep.pids(environmentPrefix: marker).isEmpty })
    }
}
