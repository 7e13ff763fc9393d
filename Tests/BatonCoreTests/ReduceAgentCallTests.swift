import BatonCore
import Testing

/// Mid-turn calls through Baton's MCP server: a question opens a decision while the agent
/// keeps its turn; the answer goes to the waiting call; each call is recorded once.
@Suite struct ReduceAgentCallTests {
    /// T1 running its first turn, T2 after it.
    func running() -> Harness {
        var h = Harness()
        h.approve([task("T1"), task("T2", deps: ["T1"])])
        h.run("T1")
        return h
    }

    let asked = SessionEvent.agentAsked(task: "T1", request: "T1-a1", question: "SQLite or in memory?", options: ["SQLite", "in memory"])

    @Test func aQuestionOpensADecisionAndTheTaskKeepsRunning() {
        var h = running()
        #expect(!h.state.isQuiescent)
        #expect(h.apply(asked) == [.notifyDecision(id: "D1")])
        let d = h.lastDecision
        #expect(d?.id == "D1" && d?.kind == .question && d?.task == "T1" && d?.request == "T1-a1")
        #expect(d?.options == ["SQLite", "in memory"])
        #expect(h.status("T1") == .running, "the agent keeps its turn")
        // Everything still running waits on the user: /wait and baton run return.
        #expect(h.state.waitsOnAgentQuestion("T1"))
        #expect(h.state.isQuiescent)
    }

    @Test func theAnswerGoesToTheWaitingCallNotToANewTurn() {
        var h = running()
        h.apply(asked)
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "2"))
        #expect(effects == [.recordDecision(id: "D1"), .answerAgent(task: "T1", request: "T1-a1", answer: "in memory")])
        #expect(h.state.decision("D1")?.answer == "in memory")
        #expect(h.status("T1") == .running)
        #expect(h.progress("T1").pendingMessages.isEmpty)
        #expect(!h.state.isQuiescent, "the agent works again")
        // The same turn then ends at its checkpoint as usual.
        h.finished("T1")
        h.checkpoint("T1", .done)
        #expect(h.status("T1") == .review)
    }

    @Test func anAnswerAfterTheTurnEndedGoesIntoTheNextTurn() {
        var h = running()
        h.apply(asked)
        // The agent gave up waiting (or died while Baton was away): its turn ended.
        h.apply(.runInterrupted(task: "T1", reason: "Baton stopped"))
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "SQLite"))
        #expect(effects == [.recordDecision(id: "D1"), .answerAgent(task: "T1", request: "T1-a1", answer: "SQLite")])
        #expect(h.progress("T1").pendingMessages == ["Decision D1 — SQLite or in memory? Answer: SQLite"])
        #expect(
            h.apply(.taskRetried(task: "T1", agent: nil)).contains { effect in
                if case .startTurn(_, _, let messages) = effect {
                    return messages.contains("Decision D1 — SQLite or in memory? Answer: SQLite")
                }
                return false
            })
    }

    @Test func anAgentWaitingOnTheUserIsNotReportedAsStalled() {
        var h = running()
        h.apply(asked)
        #expect(h.apply(.runStalled(task: "T1", minutes: 5)) == [])
        #expect(h.state.openDecisions.map(\.id) == ["D1"])
        h.apply(.decisionAnswered(id: "D1", answer: "1"))
        // Answered, a silent agent is reported again.
        #expect(h.apply(.runStalled(task: "T1", minutes: 5)) == [.notifyDecision(id: "D2")])
    }

    @Test func eachCallIsRecordedOnceHoweverOftenItIsRead() {
        var h = running()
        h.apply(asked)
        #expect(h.apply(asked) == [])
        h.apply(.agentNoted(task: "T1", request: "T1-n1", text: "dates are UTC"))
        #expect(h.apply(.agentNoted(task: "T1", request: "T1-n1", text: "dates are UTC")) == [])
        #expect(h.state.decisions.count == 2)
        #expect(h.state.notes == ["dates are UTC"])
    }

    @Test func aNoteIsRecordedLikeSlashNoteAndAttributedToTheTask() {
        var h = running()
        let effects = h.apply(.agentNoted(task: "T1", request: "T1-n1", text: "dates are UTC"))
        #expect(effects == [.recordDecision(id: "D1")])
        let d = h.lastDecision
        #expect(d?.kind == .note && d?.task == "T1" && d?.answer == "dates are UTC" && d?.isOpen == false)
        #expect(h.status("T1") == .running)
    }

    @Test func progressIsALineThatDoesNotEndTheTurnAndAnswersAStallQuestion() {
        var h = running()
        h.apply(.runStalled(task: "T1", minutes: 5))
        #expect(h.state.openDecisions.count == 1)
        let effects = h.apply(.progressReported(task: "T1", request: "T1-p1", summary: "parser drafted", next: "edge cases"))
        #expect(effects == [])
        #expect(h.status("T1") == .running)
        #expect(h.progress("T1").lastActivity == "parser drafted")
        #expect(h.state.openDecisions.isEmpty, "the agent reported: the stall question answered itself")
    }

    @Test func replayGivesTheSameDecisionsAndAnswers() {
        var h = running()
        h.apply(asked)
        h.apply(.decisionAnswered(id: "D1", answer: "1"))
        var replayed = SessionState(id: "s-test")
        var at = 1_000.0
        for event in h.events {
            at += 1
            _ = reduce(into: &replayed, event, at: at)
        }
        #expect(replayed == h.state)
    }
}
