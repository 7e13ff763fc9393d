import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// SIGKILL `baton` at seeded moments of a run, resume, finish: the session must agree with
/// git. `BATON_CRASH_POINTS` sets how many points (default 6); `BATON_CRASH_SEED` the seed.
@Suite(.serialized) struct CrashMatrixTests {
    @Test func killedAtRandomMomentsResumesToAConsistentEnd() async throws {
        let env = ProcessInfo.processInfo.environment
        let points = env["BATON_CRASH_POINTS"].flatMap(Int.init) ?? 6
        let seed = env["BATON_CRASH_SEED"].flatMap { UInt64($0) } ?? 0xC0FFEE
        let report = try await runCrashMatrix(seed: seed, points: points)
        print(report)
        #expect(report.points.count == points)
        #expect(report.failures.isEmpty, "\(report.failures.joined(separator: "\n"))")
    }

    /// A deliberate power cut in the middle of a second turn: the run is interrupted,
    /// resume offers /retry, and /retry continues the agent's own session.
    @Test func interruptedRunIsRetriedInItsOwnAgentSession() async throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        try env.scenario(
            """
            {"*": [
              {"write": {"a.txt": "1\\n"}, "checkpoint": {"checkpoint": "first-change", "summary": "first", "next": "more"}},
              {"append": {"a.txt": "2\\n"}, "sleep": 30, "checkpoint": {"checkpoint": "done", "summary": "never"}},
              {"append": {"a.txt": "3\\n"}, "checkpoint": {"checkpoint": "done", "summary": "done after retry"}}
            ]}
            """)
        try env.plan(#"{"tasks": [{"id": "T1", "title": "Only task", "kind": "code", "scope": ["a.txt"], "route": "codex"}]}"#)
        let first = try LiveBaton(in: repo, environment: env)
        first.send("Write a.txt")
        #expect(await first.waitFor("proposes"))
        first.send("/go")
        // Turn 2 has started and written its change: Baton and the agent die together.
        #expect(await poll(seconds: 90) { (repo.read(".baton/worktrees/\(repo.sessionIDs.first ?? "-")/T1/a.txt") ?? "") == "1\n2\n" })
        #expect(await poll(seconds: 30) { AgentProcesses.alive(repo).count == 1 })
        first.kill9()
        for agent in AgentProcesses.alive(repo) { kill(-agent.group, SIGKILL) }
        #expect(await poll(seconds: 30) { AgentProcesses.alive(repo).isEmpty })
        let before = try #require(SessionFile.state(repo))
        let agentSession = try #require(before.progress["T1"]?.agentSessionID)

        let second = try LiveBaton(["resume"], in: repo, environment: env)
        #expect(await second.waitFor("T1 was interrupted"))
        #expect(second.text.contains("/retry T1"))
        second.send("/retry T1")
        let driver = SessionDriver(second, repo: repo)
        #expect(await driver.waitQuiet())
        await driver.quit()
        let resumed = env.calls().filter { ($0.argv.contains("resume") || $0.argv.contains("--resume")) && $0.argv.contains(agentSession) }
        #expect(resumed.count == 2, "turn 2 and the retried turn both continue \(agentSession): \(env.calls().map(\.argv))")
        let after = try #require(SessionFile.state(repo))
        #expect(after.status(of: "T1") == .review)
        // The work the killed turn left uncommitted is part of the next checkpoint.
        let branch = try #require(after.progress["T1"]?.branch)
        #expect(try repo.git("show", "\(branch):a.txt") == "1\n2\n3\n")
    }
}
