import BatonTestSupport
import Foundation
import Testing

extension RealCLI {
    /// The real claude-code-acp 0.5.1 (Claude Code's ACP adapter, driving the CLI bundled in
    /// claude-agent-sdk) as the built-in `claude-code-acp` profile, against the scripted model
    /// server: its permission request for Write is a live decision, answered by /decide, and
    /// the same turn goes on to its checkpoint.
    @Suite struct RealCLIAcpTests {
        @Test(
            .enabled(
                if: RealAgents.hasClaudeCodeAcp,
                "claude-code-acp is not laid out (scripts/real-agents could not fetch it) — skipped"))
        func claudeCodeAcpAsksLiveAndGoesOnInTheSameTurn() async throws {
            var script = ModelScript()
            script.task("T1", [ModelStep.write("src/release.txt", "v1\n"), ModelStep.checkpoint("done", "Wrote the release file")])
            script.planner([ModelStep.plan([RealCLI.task("T1", "Publish the release", scope: ["src/"])])])
            let rig = try RealCLI.Rig(script, agents: ["claude", "claude-code-acp"])
            let live = try rig.live()
            defer { if live.process.isRunning { live.kill9() } }
            for line in ["Publish the release", "/route T1 claude-code-acp", "/go"] { live.send(line) }
            #expect(await live.waitFor("started T1 on claude-code-acp", seconds: 120), "\(live.text)")
            #expect(
                await live.waitFor("? D1  [T1 claude-code-acp] T1 wants Write src/release.txt — allow it?", seconds: 180), "\(live.text)")
            live.send("/decide D1 1")
            #expect(await live.waitFor("· +1 −0 in 1 file · 1 turn", seconds: 180), "\(live.text)")
            live.close()
            _ = await live.waitForExit(seconds: 60)
            RealCLI.dump(live.text, arguments: [], in: rig.repo)
            #expect(rig.show("baton/\(try rig.session())/T1", "src/release.txt") == "v1\n", "\(live.text)")
            let log = try String(
                contentsOfFile: rig.repo.path + "/.baton/Sessions/\(try rig.session())/runs/T1-1.jsonl", encoding: .utf8)
            #expect(log.contains("session/request_permission"), "\(log.suffix(2000))")
            #expect(log.contains("\"outcome\":\"selected\""), "the answer went back to the waiting agent")
        }
    }
}
