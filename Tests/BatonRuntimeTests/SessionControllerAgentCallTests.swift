import BatonCore
import BatonRuntime
import Foundation
import Testing

/// The owning side of mid-turn calls: the calls `baton mcp` appended to runs/T1.mcp.jsonl
/// become events once; answers land where the call waits, also after a crash between the
/// answer's event and its file.
@Suite struct SessionControllerAgentCallTests {
    static func ask(_ id: String) -> AgentCall {
        AgentCall(id: id, tool: .askHuman, question: "SQLite or in memory?", options: ["SQLite", "in memory"])
    }

    @Test func callsMadeWhileBatonWasAwayAreRecordedOnceOnResume() async throws {
        let h = try ControllerHarness()
        let (id, _) = try await h.crashedSession { _ in
            [.turnStarted(task: "T1", turn: 1, agent: "claude", pid: 4242, pidStartTime: 777, streamFile: nil)]
        }
        h.executor.running(pid: 4242, startTime: 777)
        let files = RunFiles(sessionDirectory: h.sessions.store.sessionDirectory(id)).agentCalls(of: "T1")
        try AgentCall(id: "T1-n1", tool: .noteDecision, text: "dates are UTC").append(to: files.calls)
        try Self.ask("T1-a1").append(to: files.calls)

        let controller = try await h.open(id)
        await controller.reconcile()
        let state = await controller.state
        #expect(state.decisions.map(\.id) == ["D1", "D2"])
        #expect(state.decision("D2")?.request == "T1-a1" && state.decision("D2")?.isOpen == true)
        #expect(state.status(of: "T1") == .running)

        // The answer is written where the call waits; read again, nothing is recorded twice.
        try await controller.perform(.answer(decision: "D2", answer: "2"))
        let data = try #require(FileManager.default.contents(atPath: files.answer("T1-a1")))
        #expect(try JSONDecoder().decode(AgentCallAnswer.self, from: data).answer == "in memory")
        try Self.ask("T1-a2").append(to: files.calls)
        #expect(await eventually { await controller.state.decisions.count == 3 }, "a new call while the run is followed")
        #expect(h.events.filter { if case .agentAsked = $0 { true } else { false } }.count == 2)
        await h.step { h.executor.end(pid: 4242) }
        #expect(await eventually { await controller.liveTasks().isEmpty })
    }

    @Test func anAnswerRecordedButNotWrittenBeforeACrashIsWrittenOnResume() async throws {
        let h = try ControllerHarness()
        let (id, _) = try await h.crashedSession { _ in
            [
                .turnStarted(task: "T1", turn: 1, agent: "claude", pid: 4242, pidStartTime: 777, streamFile: nil),
                .agentAsked(task: "T1", request: "T1-a1", question: "SQLite or in memory?", options: ["SQLite", "in memory"]),
                .decisionAnswered(id: "D1", answer: "1"),
            ]
        }
        h.executor.running(pid: 4242, startTime: 777)
        let files = RunFiles(sessionDirectory: h.sessions.store.sessionDirectory(id)).agentCalls(of: "T1")
        #expect(!FileManager.default.fileExists(atPath: files.answer("T1-a1")))
        let controller = try await h.open(id)
        await controller.reconcile()
        let data = try #require(FileManager.default.contents(atPath: files.answer("T1-a1")))
        #expect(try JSONDecoder().decode(AgentCallAnswer.self, from: data).answer == "SQLite")
        await h.step { h.executor.end(pid: 4242) }
        #expect(await eventually { await controller.liveTasks().isEmpty })
    }
}
