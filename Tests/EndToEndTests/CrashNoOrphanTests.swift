import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Quitting never orphans or kills work: runs keep going in their own process groups and
/// `baton resume` follows them again.
@Suite struct CrashNoOrphanTests {
    static let slowScenario = """
        {"*": [
          {"write": {"a.txt": "1\\n"}, "lines": 2, "sleep": 4, "checkpoint": {"checkpoint": "done", "summary": "slow and done"}}
        ]}
        """
    static let twoTasks = #"""
        {"tasks": [
          {"id": "T1", "title": "First part", "kind": "code", "scope": ["a/"], "route": "codex"},
          {"id": "T2", "title": "Second part", "kind": "code", "scope": ["b/"], "route": "claude"}
        ]}
        """#

    @Test func quittingInAPipeLeavesRunsRunningAndResumeFollowsThem() async throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        // The agents run until the test lets them finish, however loaded the machine is.
        let goOn = repo.scratch + "/go-on"
        try env.scenario(Self.slowScenario.replacingOccurrences(of: #""sleep": 4"#, with: #""wait_for": "\#(goOn)""#))
        try env.plan(Self.twoTasks)
        let first = try LiveBaton(in: repo, environment: env)
        first.send("Build both parts")
        #expect(await first.waitFor("proposes"))
        first.send("/go")
        #expect(await poll(seconds: 90) { AgentProcesses.alive(repo).count == 2 })

        // Each agent runs in a process group of its own, not baton's.
        let batonGroup = try #require(AgentProcesses.processGroup(first.process.processIdentifier))
        let agents = AgentProcesses.alive(repo)
        for agent in agents {
            #expect(agent.group != batonGroup)
            #expect(agent.group == agent.pid)
        }

        first.close()  // end of input with runs in progress
        #expect(await first.waitForExit() == 0)
        let id = try #require(repo.sessionIDs.first)
        #expect(first.text.contains("T1 T2 still running — baton resume \(id) follows them again"))
        #expect(AgentProcesses.alive(repo).count == 2, "quitting left the agents running")

        let second = try LiveBaton(["resume"], in: repo, environment: env)
        #expect(await second.waitFor("— now —"))
        #expect(await second.waitFor("T1 is still running (pid"))
        #expect(second.text.contains("following it again"))
        _ = FileManager.default.createFile(atPath: goOn, contents: Data())
        let driver = SessionDriver(second, repo: repo)
        #expect(await driver.waitQuiet())
        await driver.quit()
        let state = try #require(SessionFile.state(repo))
        #expect(state.status(of: "T1") == .review)
        #expect(state.status(of: "T2") == .review)
        #expect(second.text.contains("done ·"))
        // Each task ran one turn: following again did not start a second agent.
        #expect(env.calls().filter { !$0.argv.contains("--version") && !$0.argv.contains("json") }.count == 2)
    }

    @Test func resumeWhileAnotherBatonHoldsTheSessionNamesItsPid() async throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        try env.plan(Self.twoTasks)
        let first = try LiveBaton(in: repo, environment: env)
        first.send("Build both parts")
        #expect(await first.waitFor("proposes"))
        let id = try #require(repo.sessionIDs.first)
        let result = try Baton.run(["resume", id], input: "/quit\n", in: repo, environment: env)
        #expect(result.status != 0)
        #expect(result.stderr.contains("error: session \(id) is open in baton (pid \(first.process.processIdentifier))"))
        first.send("/quit")
        first.close()
        _ = await first.waitForExit()
    }
}
