import BatonCore
import Testing

/// Never ask twice, through `reduce` and `decide`: answered from DECISIONS.md, the same
/// question open several times answered once, contradictions, batch answers.
@Suite struct ReduceReuseTests {
    static let question = "SQLite or in memory?"
    static let options = ["SQLite", "in memory"]

    /// T1…T`n` running, each at the end of its first turn.
    func running(_ n: Int, policy: [(String, String)] = []) -> Harness {
        var h = Harness()
        h.approve((1...n).map { task("T\($0)") }, parallelism: 8, policy: policy)
        for i in 1...n { h.run("T\(i)") }
        for i in 1...n { h.finished("T\(i)") }
        return h
    }

    @discardableResult func ask(_ h: inout Harness, _ task: String, _ q: String = question) -> [Effect] {
        h.checkpoint(task, .needsDecision, files: ["\(task).swift"], question: q, options: Self.options)
    }

    @Test func anAnsweredQuestionIsAnsweredFromItsDecision() {
        var h = running(2)
        ask(&h, "T1")
        h.apply(.decisionAnswered(id: "D1", answer: "1"))
        let effects = ask(&h, "T2", "sqlite, or in-memory?")
        let d2 = h.state.decision("D2")
        #expect(d2?.answer == "SQLite" && d2?.reusedFrom == "D1")
        #expect(h.status("T2") == .running)
        #expect(
            effects == [
                .startTurn(
                    task: "T2", turn: 2,
                    messages: ["Decision D2 — sqlite, or in-memory? Answer: SQLite (decided earlier as D1; see DECISIONS.md)"])
            ])
        #expect(h.state.openDecisions.isEmpty)
    }

    @Test func reuseOffAsksAgain() {
        var h = running(2, policy: [("reuse-answers", "off")])
        ask(&h, "T1")
        h.apply(.decisionAnswered(id: "D1", answer: "1"))
        let effects = ask(&h, "T2")
        #expect(effects == [.notifyDecision(id: "D2")])
        #expect(h.state.decision("D2")?.isOpen == true && h.status("T2") == .waiting)
    }

    @Test func fiveTasksAskingTheSameQuestionAreAnsweredOnce() {
        var h = running(5)
        for i in 1...5 { ask(&h, "T\(i)") }
        #expect(h.state.openDecisions.count == 5)
        #expect(DecisionQueue.entries(h.state).map(\.ids) == [["D1", "D2", "D3", "D4", "D5"]])
        let effects = h.apply(.decisionAnswered(id: "D3", answer: "2"))
        #expect(h.state.openDecisions.isEmpty)
        #expect(h.state.decisions.map(\.answer) == Array(repeating: "in memory", count: 5))
        #expect(h.state.decisions.filter { $0.reusedFrom == "D3" }.count == 4)
        #expect(effects.filter { if case .startTurn = $0 { true } else { false } }.count == 5)
        #expect(effects.filter { if case .recordDecision = $0 { true } else { false } } == [.recordDecision(id: "D3")])
    }

    @Test func aContradictionIsFlaggedBeforeItIsRecorded() {
        var h = running(2, policy: [("reuse-answers", "off")])
        ask(&h, "T1")
        h.apply(.decisionAnswered(id: "D1", answer: "SQLite"))
        ask(&h, "T2")
        #expect(
            accepted(.answer(decision: "D2", answer: "in memory"), h) == [.answerContradicted(id: "D2", answer: "in memory", earlier: "D1")]
        )
        #expect(
            accepted(.answer(decision: "D2", answer: "1"), h) == [.decisionAnswered(id: "D2", answer: "1")],
            "the same answer is no contradiction")
        h.apply(.answerContradicted(id: "D2", answer: "in memory", earlier: "D1"))
        #expect(h.state.decision("D2")?.isOpen == true)
        let d2 = h.state.decision("D2")!
        #expect(
            d2.contradictionOptions(earlier: h.state.decision("D1")!) == [
                "use in memory for T2 only", "replace D1 for every task", "keep D1",
            ])
        #expect(
            refusal(.answer(decision: "D2", answer: "SQLite"), h)
                == "error: D2 waits for 1) D2 only 2) replace D1 3) keep D1 — /decide D2 1|2|3")
    }

    @Test func contradictionChoices() {
        for choice in 1...3 {
            var h = running(3, policy: [("reuse-answers", "off")])
            ask(&h, "T1")
            h.apply(.decisionAnswered(id: "D1", answer: "SQLite"))
            ask(&h, "T2")
            h.apply(.answerContradicted(id: "D2", answer: "in memory", earlier: "D1"))
            let effects = h.apply(.decisionAnswered(id: "D2", answer: "\(choice)"))
            let d2 = h.state.decision("D2")!
            #expect(d2.contradicts == nil && h.status("T2") == .running)
            h.apply(.policySet(name: "reuse-answers", value: "on"))
            ask(&h, "T3")
            let d3 = h.state.decision("D3")!
            switch choice {
            case 1:
                #expect(d2.answer == "in memory" && effects.contains(.recordDecision(id: "D2")))
                #expect(d3.answer == "SQLite" && d3.reusedFrom == "D1", "D1 still settles it for other tasks")
            case 2:
                #expect(d2.answer == "in memory" && d2.replaced == "D1")
                #expect(d3.answer == "in memory" && d3.reusedFrom == "D2")
                #expect(h.progress("T1").pendingMessages.contains { $0.contains("replaced decision D1") }, "T1 is told")
            default:
                #expect(d2.answer == "SQLite" && d2.reusedFrom == "D1" && !effects.contains(.recordDecision(id: "D2")))
                #expect(d3.reusedFrom == "D1")
            }
        }
    }

    @Test func batchAnswersNeedTheSameOptions() {
        var h = running(3, policy: [("reuse-answers", "off")])
        ask(&h, "T1")
        ask(&h, "T2", "Which cache?")
        h.checkpoint("T3", .needsDecision, files: ["T3.swift"], question: "Tabs or spaces?", options: ["tabs", "spaces"])
        #expect(
            accepted(.answerMany(decisions: ["D1", "d2"], answer: "1"), h) == [
                .decisionAnswered(id: "D1", answer: "1"), .decisionAnswered(id: "D2", answer: "1"),
            ])
        #expect(
            refusal(.answerMany(decisions: [], answer: "1"), h)
                == "error: D3 has other options than D1 — answer it on its own, e.g. /decide D3 ANSWER")
        #expect(refusal(.answerMany(decisions: ["D1", "D9"], answer: "1"), h)?.contains("unknown decision D9") == true)
    }

    @Test func aMergeConflictTheUserLetHappenIsResolvedByTheAgentUnasked() {
        var h = running(2)
        h.checkpoint("T1", .firstChange, files: ["shared.txt"])
        h.checkpoint("T2", .done, files: ["shared.txt"])
        #expect(h.state.decision("D1")?.kind == .conflict)
        h.apply(.decisionAnswered(id: "D1", answer: "2"))  // let both go on
        let effects = h.apply(.mergeConflicted(task: "T2", files: ["shared.txt"]))
        let d2 = h.state.decision("D2")
        #expect(d2?.kind == .mergeConflict && d2?.reusedFrom == "D1" && d2?.answer == "let the agent resolve it")
        #expect(effects.count == 1 && h.status("T2") == .running)
        // The agent's attempt conflicts again: now the user is asked.
        h.apply(.mergeConflicted(task: "T2", files: ["shared.txt"]))
        #expect(h.state.decision("D3")?.isOpen == true && h.state.decision("D3")?.kind == .mergeConflict)
        // Other files than the ones the user let both change: asked.
        h.apply(.mergeConflicted(task: "T1", files: ["other.txt"]))
        #expect(h.state.decision("D4")?.isOpen == true)
    }

    @Test func batonsOwnContinueQuestionsAreNeverAnsweredFromOneAnother() {
        var h = running(2, policy: [("checkpoints", "ask")])
        h.checkpoint("T1", .firstChange, files: ["T1.swift"])
        h.checkpoint("T2", .firstChange, files: ["T2.swift"])
        #expect(h.state.openDecisions.count == 2)
        h.apply(.decisionAnswered(id: "D1", answer: "1"))
        #expect(h.state.decision("D2")?.isOpen == true, "T2's checkpoint is its own")
    }

    @Test func batchAnswerWithReuseAnswersTheSameQuestionOnce() {
        var h = running(3)
        for i in 1...3 { ask(&h, "T\(i)") }
        #expect(accepted(.answerMany(decisions: [], answer: "2"), h) == [.decisionAnswered(id: "D1", answer: "2")])
    }

    @Test func decisionsAreOrderedByWhatTheyBlock() {
        var h = Harness()
        h.approve([task("T1"), task("T2"), task("T3", deps: ["T2"]), task("T4", deps: ["T3"])], parallelism: 8)
        h.run("T1")
        h.run("T2")
        h.finished("T1")
        h.finished("T2")
        h.checkpoint("T1", .needsDecision, files: ["a"], question: "Tabs or spaces?", options: ["tabs", "spaces"])
        h.checkpoint("T2", .needsDecision, files: ["b"], question: "Opaque or JWT?", options: ["opaque", "JWT"])
        let entries = DecisionQueue.entries(h.state)
        #expect(entries.map(\.ids) == [["D2"], ["D1"]])
        #expect(entries[0].blocked == ["T3", "T4"] && entries[0].onCriticalPath)
    }
}

/// `/wait` and `baton run` return when every run still going waits on the user.
@Suite struct QuiescenceTests {
    @Test func aRunThatAskedMidTurnCountsAsWaiting() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        #expect(!h.state.isQuiescent)
        h.state.decisions.append(Decision(id: "D1", kind: .question, task: "T1", question: "SQLite or in memory?", options: []))
        #expect(h.state.isQuiescent && h.status("T1") == .running)
        h.state.decisions[0].kind = .stall
        #expect(!h.state.isQuiescent, "a stall question is about the run, which still counts as running")
    }
}
