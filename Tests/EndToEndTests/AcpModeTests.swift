import BatonTestSupport
import Foundation
import Testing

/// An ACP agent's session mode (`"mode"` in .baton/agents.json, sent with session/set_mode
/// after session/new and session/load) and the stall report of a silent ACP turn, with the
/// stand-in `acp-agent`.
@Suite struct AcpModeTests {
    /// The `stand` ACP agent with `mode` set.
    static func setUp(mode: String, _ turns: [[String: Any]]) throws -> (TestRepository, BatonEnvironment) {
        let (repo, env) = try AcpTests.setUp(turns)
        try repo.write(
            ".baton/agents.json",
            """
            {"agents": {"stand": {"protocol": "acp", "command": ["acp-agent"], "strengths": ["code"], "cost": 1, "speed": 3, "mode": "\(mode)"}}}
            """)
        return (repo, env)
    }

    /// The stand-in asks permission for writes only in mode "ask" (as mistral-vibe does): the
    /// mode set after session/new makes the write a live decision, and session/load sets it
    /// again for the next turn.
    @Test func modeAskIsSetAfterSessionNewAndLoad() async throws {
        let first: [String: Any] = ["write": ["hello.txt": "hi\n"], "checkpoint": ["checkpoint": "first-change", "next": "polish"]]
        let (repo, env) = try Self.setUp(mode: "ask", [first, ["write": ["bye.txt": "bye\n"]]])
        let out = try await AcpTests.run(AcpTests.start + "/wait\n/decide D1 1\n/wait\n/decide D2 1\n/wait\n", in: repo, environment: env)
        #expect(out.contains("? D1  [T1 stand] T1 wants Write hello.txt — allow it?"), "\(out)")
        #expect(out.contains("? D2  [T1 stand] T1 wants Write bye.txt — allow it?"), "\(out)")
        #expect(out.contains("[T1 stand ] done"), "\(out)")
        let first1 = try AcpTests.transcript(repo, turn: 1)
        #expect(first1.contains(#""method":"session/set_mode","params":{"modeId":"ask""#), "\(first1)")
        let second = try AcpTests.transcript(repo, turn: 2)
        #expect(second.contains(#""method":"session/load""#) && second.contains(#""method":"session/set_mode""#), "\(second)")
        let session = try Review.session(repo)
        #expect(Review.show(repo, "baton/\(session)/T1", "bye.txt") == "bye\n")
    }

    @Test func aModeTheAgentDoesNotOfferIsSaidAndTheTurnGoesOn() async throws {
        let (repo, env) = try Self.setUp(mode: "yolo", [["write": ["hello.txt": "hi\n"]]])
        let out = try await AcpTests.run(AcpTests.start + "/wait\n/agents\n", in: repo, environment: env)
        #expect(out.contains("warning: stand has no mode yolo (its modes are default, ask) — it runs in its default"), "\(out)")
        #expect(out.contains("[T1 stand ] done"), "\(out)")
        #expect(!(try AcpTests.transcript(repo, turn: 1)).contains("session/set_mode"))
        #expect(out.contains("  stand (acp-agent): v1.0.0 · session/load · modes default ask · mode set: yolo"), "\(out)")
    }

    /// An ACP turn that says nothing for the stall time gets the stall question the other
    /// agents' turns get; the turn goes on.
    @Test func aSilentAcpTurnGetsTheStallQuestion() async throws {
        let repo0 = try TestRepository()
        let go = repo0.scratch + "/go-on"
        let (repo, env) = try AcpTests.setUp([["wait_for": go, "write": ["hello.txt": "hi\n"]]])
        let live = try LiveBaton(["--stall-after", "2s"], in: repo, environment: env)
        defer { if live.process.isRunning { live.kill9() } }
        for line in AcpTests.start.split(separator: "\n") { live.send(String(line)) }
        #expect(await live.waitFor("started T1 on stand", seconds: 120), "\(live.text)")
        #expect(await live.waitFor("[T1 stand] T1 has printed nothing for 2s — keep waiting, or stop it?", seconds: 120), "\(live.text)")
        try "".write(toFile: go, atomically: true, encoding: .utf8)
        #expect(await live.waitFor("[T1 stand ] done", seconds: 120), "the turn went on: \(live.text)")
        live.close()
        #expect(await live.waitForExit(seconds: 180) == 0, "\(live.text)")
    }
}
