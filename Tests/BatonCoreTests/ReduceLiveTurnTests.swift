import BatonCore
import Testing

/// ACP turns: the agent's session known at its start, and permission requests the running
/// agent waits on, answered live (no re-run).
@Suite struct ReduceLiveTurnTests {
    /// T1 in its first turn, asking to write a.txt (D1).
    func asking() -> Harness {
        var h = Harness()
        h.approve([task("T1", route: "goose")])
        h.workspace("T1")
        h.started("T1")
        h.apply(.agentSessionOpened(task: "T1", sessionID: "acp-1"))
        h.apply(
            .permissionAsked(
                task: "T1", request: "7", tool: "Write a.txt", options: ["Allow", "Always allow", "Reject"],
                optionIDs: ["allow", "always", "reject"], optionKinds: ["allow_once", "allow_always", "reject_once"]))
        return h
    }

    @Test func sessionIsKnownBeforeTheTurnEnds() {
        let h = asking()
        #expect(h.progress("T1").agentSessionID == "acp-1")
    }

    @Test func askingOpensADecisionAndTheTaskWaits() {
        let h = asking()
        let d = h.state.decision("D1")
        #expect(d?.kind == .livePermission)
        #expect(d?.question == "T1 wants Write a.txt — allow it?")
        #expect(d?.options == ["Allow", "Always allow", "Reject"])
        #expect(h.status("T1") == .waiting)
    }

    @Test func theAnswerGoesBackAsTheChosenOptionWithoutANewTurn() {
        var h = asking()
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "2"))
        #expect(effects == [.recordDecision(id: "D1"), .answerPermission(task: "T1", request: "7", optionID: "always")])
        #expect(h.status("T1") == .running)
        #expect(h.progress("T1").turn == 1)
    }

    @Test func wordsRejectAndReachTheAgentNextTurn() {
        var h = asking()
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "write b.txt instead"))
        #expect(effects.contains(.answerPermission(task: "T1", request: "7", optionID: "reject")))
        #expect(h.progress("T1").pendingMessages.last?.hasSuffix(": write b.txt instead") == true)
    }

    @Test func theTurnsEndClosesAnOpenRequestAndCounts() {
        var h = asking()
        let effects = h.finished("T1", "```baton\n{\"checkpoint\":\"done\",\"summary\":\"ok\"}\n```", session: "acp-1")
        #expect(h.state.decision("D1")?.answer == "the turn ended")
        #expect(effects.contains { if case .recordCheckpoint = $0 { true } else { false } }, "the turn's end is not ignored")
    }

    @Test func anInterruptedTurnClosesItsRequests() {
        var h = asking()
        h.apply(.runInterrupted(task: "T1", reason: "Baton stopped"))
        #expect(h.state.openDecisions.isEmpty)
        #expect(h.status("T1") == .interrupted)
        // /retry continues the agent's session.
        let effects = h.apply(.taskRetried(task: "T1", agent: nil))
        #expect(
            effects == [
                .startTurn(task: "T1", turn: 2, messages: ["Your previous turn was interrupted; continue from your last checkpoint."])
            ])
    }

    @Test func aRequestFromAStoppedTurnIsCancelledAtOnce() {
        var h = asking()
        h.apply(.taskCancelled(task: "T1"))
        let effects = h.apply(
            .permissionAsked(task: "T1", request: "9", tool: "Bash", options: ["Allow"], optionIDs: ["a"], optionKinds: ["allow_once"]))
        #expect(effects == [.answerPermission(task: "T1", request: "9", optionID: nil)])
        #expect(h.state.openDecisions.isEmpty)
    }
}
