import BatonTestSupport
import Foundation
import Testing

extension RealCLI {
    /// Quitting while the real CLI is in the middle of a turn leaves it running; `baton resume`
    /// follows the same process again, and its checkpoint lands as if Baton had never left.
    @Suite struct RealCLIReattachTests {
        @Test(arguments: RealCLI.agents)
        func quitMidTurnThenResumeFollowsTheSameRun(agent: String) async throws {
            var script = ModelScript()
            // The model answers the first request only once the test says so.
            let goOn = FileManager.default.temporaryDirectory.appendingPathComponent("baton-goon-\(UUID().uuidString.prefix(8))").path
            defer { try? FileManager.default.removeItem(atPath: goOn) }
            script.task(
                "T1",
                [
                    ModelStep.waiting(ModelStep.write("src/a.txt", "a\n"), for: goOn),
                    ModelStep.checkpoint("done", "Wrote a"),
                ])
            script.planner([ModelStep.plan([RealCLI.task("T1", "Write a", scope: ["src/"])])])
            let rig = try RealCLI.Rig(script, agents: [agent])

            let first = try rig.live()
            defer { if first.process.isRunning { first.kill9() } }
            first.send("Write a")
            try #require(await first.waitFor("proposes", seconds: 120), "\(first.text)")
            first.send("/go")
            // The CLI is mid-turn: its request reached the model, which has not answered.
            try #require(await poll(seconds: 120) { !rig.server.requests(conversation: 0).isEmpty }, "\(first.text)")
            first.close()
            #expect(await first.waitForExit(seconds: 120) == 0, "\(first.text)")
            let session = try rig.session()
            #expect(first.text.contains("T1 still running — baton resume \(session) follows them again"), "\(first.text)")

            let second = try rig.live(["resume"])
            defer { if second.process.isRunning { second.kill9() } }
            #expect(await second.waitFor("following it again", seconds: 120), "\(second.text)")
            _ = FileManager.default.createFile(atPath: goOn, contents: Data())
            #expect(await second.waitFor("] done · Wrote a · +1 −0 in 1 file", seconds: 180), "\(second.text)")
            second.send("/merge T1")
            second.send("/wait")
            second.send("/quit")
            second.close()
            #expect(await second.waitForExit(seconds: 120) == 0, "\(second.text)")
            #expect(rig.show("baton/\(session)/main", "src/a.txt") == "a\n", "\(second.text)")
            // One run: following again did not start the CLI over (one first request).
            #expect(rig.server.requests(conversation: 0).filter { ($0["step"] as? Int) == 0 }.count == 1)
        }
    }
}
