import BatonTestSupport
import Foundation
import Testing

extension RealCLI {
    /// The real mistral-vibe 3.0.3 (`vibe-acp`, the built-in `vibe` profile) against the
    /// scripted model server (chat completions): it writes files itself; with `"mode": "ask"`
    /// (session/set_mode) its write is a live decision answered by /decide; and its session
    /// continues across processes with session/load after Baton is killed mid-turn.
    @Suite struct RealCLIVibeTests {
        static let skip = "mistral-vibe is not laid out (scripts/real-agents needs a Python 3.12+, e.g. pyenv's) — skipped"

        @Test(.enabled(if: RealAgents.hasVibe, Comment(rawValue: skip)))
        func vibeInAskModeAsksLiveAndGoesOnInTheSameTurn() async throws {
            var script = ModelScript()
            script.task("T1", [ModelStep.write("src/release.txt", "v1\n"), ModelStep.checkpoint("done", "Wrote the release file")])
            script.planner([ModelStep.plan([RealCLI.task("T1", "Publish the release", scope: ["src/"])])])
            let rig = try RealCLI.Rig(script, agents: ["claude", "vibe-acp"])
            try rig.repo.write(".baton/agents.json", #"{"agents": {"vibe": {"mode": "ask"}}}"#)
            let live = try rig.live()
            defer { if live.process.isRunning { live.kill9() } }
            for line in ["Publish the release", "/route T1 vibe", "/go"] { live.send(line) }
            #expect(await live.waitFor("started T1 on vibe", seconds: 120), "\(live.text)")
            #expect(
                await live.waitFor("? D1  [T1 vibe] T1 wants Writing src/release.txt — allow it?", seconds: 180), "\(live.text)")
            #expect(live.text.contains("1) Allow once"), "vibe's own options: \(live.text)")
            live.send("/decide D1 1")
            #expect(await live.waitFor("done · Wrote the release file · +1 −0 in 1 file · 1 turn", seconds: 180), "\(live.text)")
            live.send("/agents")
            #expect(
                await live.waitFor("  vibe (vibe-acp): v3.0.3 · session/load · modes ask accept-edits auto-approve · mode set: ask"),
                "\(live.text)")
            live.close()
            #expect(await live.waitForExit(seconds: 60) == 0, "\(live.text)")
            RealCLI.dump(live.text, arguments: [], in: rig.repo)
            let session = try rig.session()
            #expect(rig.show("baton/\(session)/T1", "src/release.txt") == "v1\n", "\(live.text)")
            let log = try String(contentsOfFile: rig.repo.path + "/.baton/Sessions/\(session)/runs/T1-1.jsonl", encoding: .utf8)
            #expect(log.contains(#""method":"session/set_mode","params":{"modeId":"ask""#), "\(log.prefix(3000))")
            #expect(log.contains("\"outcome\":\"selected\""), "the answer went back to the waiting agent")
            #expect(log.contains("usage_update"), "vibe's non-standard updates came and broke nothing")
        }

        @Test(.enabled(if: RealAgents.hasVibe, Comment(rawValue: skip)))
        func killedMidTurnThenRetryContinuesTheSessionWithSessionLoad() async throws {
            let goOn = FileManager.default.temporaryDirectory.appendingPathComponent("baton-goon-\(UUID().uuidString.prefix(8))").path
            defer { try? FileManager.default.removeItem(atPath: goOn) }
            var script = ModelScript()
            script.task(
                "T1",
                [
                    ModelStep.write("src/a.txt", "a\n"),
                    ModelStep.waiting(ModelStep.checkpoint("done", "Wrote a after the restart"), for: goOn),
                ])
            script.planner([ModelStep.plan([RealCLI.task("T1", "Write a", scope: ["src/"])])])
            let rig = try RealCLI.Rig(script, agents: ["claude", "vibe-acp"])
            let first = try rig.live()
            defer { if first.process.isRunning { first.kill9() } }
            for line in ["Write a", "/route T1 vibe", "/go"] { first.send(line) }
            #expect(await first.waitFor("started T1 on vibe", seconds: 120), "\(first.text)")
            // vibe wrote the file and waits on the model's next reply: Baton dies now.
            try #require(
                await poll(seconds: 180) { rig.server.requests(conversation: 0).contains { ($0["step"] as? Int) == 1 } }, "\(first.text)")
            first.kill9()
            let session = try rig.session()
            let pidText = try String(contentsOfFile: rig.repo.path + "/.baton/Sessions/\(session)/runs/T1-1.pid", encoding: .utf8)
            let pid = try #require(Int32(pidText.split(separator: " ").first ?? ""))
            #expect(await poll(seconds: 60) { kill(pid, 0) != 0 || Self.isZombie(pid) }, "vibe ended with Baton (its stdin closed)")

            let resumed = try rig.live(["resume"])
            defer { if resumed.process.isRunning { resumed.kill9() } }
            #expect(
                await resumed.waitFor("T1 was interrupted — /retry T1 continues its agent's session (session/load)", seconds: 120),
                "\(resumed.text)")
            _ = FileManager.default.createFile(atPath: goOn, contents: Data())
            resumed.send("/retry T1")
            #expect(await resumed.waitFor("done · Wrote a after the restart · +1 −0 in 1 file", seconds: 180), "\(resumed.text)")
            resumed.close()
            #expect(await resumed.waitForExit(seconds: 60) == 0, "\(resumed.text)")
            RealCLI.dump(resumed.text, arguments: ["resume"], in: rig.repo)
            let log = try String(contentsOfFile: rig.repo.path + "/.baton/Sessions/\(session)/runs/T1-2.jsonl", encoding: .utf8)
            #expect(log.contains(#""method":"session/load""#), "\(log.prefix(3000))")
            // The new vibe process knew the session: the model saw the first turn's brief and
            // write in the history of the request that answered after the restart.
            let after = try #require(rig.server.requests(conversation: 0).last, "no request after the restart")
            let history = RealCLI.text(of: after)
            #expect(history.contains("## Task T1 — ") && history.contains("write_file"), "\(history.prefix(4000))")
            #expect(history.contains("interrupted"), "the continuation prompt: \(history.suffix(3000))")
            #expect(rig.show("baton/\(session)/T1", "src/a.txt") == "a\n")
        }

        static func isZombie(_ pid: Int32) -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
                return true
            }
            return stat[stat.index(after: close)...].hasPrefix(" Z")
        }
    }
}
