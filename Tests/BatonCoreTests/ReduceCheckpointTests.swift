import BatonCore
import Testing

/// `checkpointRecorded` for every kind, under the default policy and with the policy changed;
/// turn limits, conflicts between tasks, duplicate checkpoints.
@Suite struct ReduceCheckpointTests {
    /// A running task T1 whose first turn has ended.
    func atCheckpoint(policy: [(String, String)] = []) -> Harness {
        var h = Harness()
        h.approve([task("T1"), task("T2", deps: ["T1"])], policy: policy)
        h.run("T1")
        h.finished("T1")
        return h
    }

    @Test(arguments: [CheckpointKind.firstChange, .coreDrafted, .unstructured])
    func progressCheckpointsContinueTheAgentByDefault(kind: CheckpointKind) {
        var h = atCheckpoint()
        h.apply(.guidanceGiven(task: "T1", text: "keep it small"))
        let effects = h.checkpoint("T1", kind)
        #expect(effects == [.startTurn(task: "T1", turn: 2, messages: ["Guidance from the user: keep it small"])])
        #expect(h.status("T1") == .running)
        #expect(h.progress("T1").checkpoints.count == 1 && h.progress("T1").lastActivity == "checkpoint 1")
        #expect(h.progress("T1").awaitingCheckpoint == nil)
        #expect(h.state.decisions.isEmpty)
    }

    @Test(arguments: [CheckpointKind.firstChange, .coreDrafted, .unstructured])
    func progressCheckpointsAskWhenCheckpointsAsk(kind: CheckpointKind) {
        var h = atCheckpoint(policy: [("checkpoints", "ask")])
        #expect(h.checkpoint("T1", kind) == [.notifyDecision(id: "D1")])
        let d = h.lastDecision
        #expect(d?.kind == .question && d?.options == ["continue", "pause"] && d?.task == "T1")
        #expect(d?.question == "T1 reached checkpoint 1 (\(kind.label)) — continue?")
        #expect(h.status("T1") == .waiting)
    }

    @Test(arguments: [false, true])
    func beforeDestructiveAlwaysAsks(ask: Bool) {
        var h = atCheckpoint(policy: ask ? [("checkpoints", "ask")] : [])
        #expect(h.checkpoint("T1", .beforeDestructive, question: "Drop the users table?") == [.notifyDecision(id: "D1")])
        #expect(h.lastDecision?.kind == .destructive && h.lastDecision?.question == "Drop the users table?")
        #expect(h.lastDecision?.options == ["yes, go ahead", "no, find another way"])
        #expect(h.status("T1") == .waiting)
    }

    @Test(arguments: [false, true])
    func needsDecisionAsksTheAgentsQuestion(ask: Bool) {
        var h = atCheckpoint(policy: ask ? [("checkpoints", "ask")] : [])
        #expect(h.checkpoint("T1", .needsDecision, question: "JWT or opaque?", options: ["JWT", "opaque"]) == [.notifyDecision(id: "D1")])
        #expect(h.lastDecision?.kind == .question && h.lastDecision?.options == ["JWT", "opaque"])
        #expect(h.lastDecision?.question == "JWT or opaque?")
        // Without a question the summary is asked.
        var g = atCheckpoint(policy: ask ? [("checkpoints", "ask")] : [])
        g.checkpoint("T1", .needsDecision)
        #expect(g.lastDecision?.question == "did needs-decision")
    }

    @Test(arguments: [false, true])
    func doneGoesToReviewAndWaitsForAMerge(ask: Bool) {
        var h = atCheckpoint(policy: ask ? [("checkpoints", "ask")] : [])
        #expect(h.checkpoint("T1", .done) == [])
        #expect(h.status("T1") == .review && h.progress("T1").endedAt == h.now)
        #expect(h.state.decisions.isEmpty)
        #expect(h.status("T2") == .planned, "review does not unlock dependents; a merge does")
    }

    @Test func doneMergesWhenMergeIsAuto() {
        var h = atCheckpoint(policy: [("merge", "auto")])
        #expect(h.checkpoint("T1", .done) == [.merge(task: "T1")])
        #expect(h.status("T1") == .review)
    }

    @Test func unstructuredTurnsContinueUpToTheLimitThenAsk() {
        var h = atCheckpoint(policy: [("unstructured", "2")])
        #expect(h.checkpoint("T1", .unstructured) == [.startTurn(task: "T1", turn: 2, messages: [])])
        h.started("T1")
        h.finished("T1")
        #expect(h.checkpoint("T1", .unstructured) == [.startTurn(task: "T1", turn: 3, messages: [])])
        h.started("T1")
        h.finished("T1")
        #expect(h.checkpoint("T1", .unstructured) == [.notifyDecision(id: "D1")])
        #expect(h.lastDecision?.kind == .turnLimit && h.lastDecision?.question.contains("3 turns without a checkpoint") == true)
        #expect(h.progress("T1").unstructuredTurns == 3)
        // "continue" resets the count.
        #expect(
            h.apply(.decisionAnswered(id: "D1", answer: "continue")) == [
                .recordDecision(id: "D1"), .startTurn(task: "T1", turn: 4, messages: []),
            ])
        #expect(h.progress("T1").unstructuredTurns == 0)
    }

    @Test func aStructuredCheckpointResetsTheUnstructuredCount() {
        var h = atCheckpoint(policy: [("unstructured", "1")])
        h.checkpoint("T1", .unstructured)
        h.started("T1")
        h.finished("T1")
        h.checkpoint("T1", .firstChange)
        #expect(h.progress("T1").unstructuredTurns == 0)
        h.started("T1")
        h.finished("T1")
        #expect(h.checkpoint("T1", .unstructured) == [.startTurn(task: "T1", turn: 4, messages: [])])
    }

    @Test func maxTurnsAsksWhetherToGoOn() {
        var h = atCheckpoint(policy: [("max-turns", "2")])
        #expect(h.checkpoint("T1", .firstChange) == [.startTurn(task: "T1", turn: 2, messages: [])])
        h.started("T1")
        h.finished("T1")
        #expect(h.checkpoint("T1", .coreDrafted) == [.notifyDecision(id: "D1")])
        #expect(h.lastDecision?.kind == .turnLimit && h.lastDecision?.question == "T1 has taken 2 turns — go on?")
        #expect(h.status("T1") == .waiting)
    }

    @Test func duplicateCheckpointNumberIsIgnored() {
        var h = atCheckpoint()
        h.checkpoint("T1", .firstChange, number: 1)
        let before = h.state
        // Reconcile reports the same checkpoint again after a crash: nothing happens.
        #expect(h.checkpoint("T1", .done, number: 1) == [])
        #expect(h.state.progress == before.progress && h.state.decisions == before.decisions)
    }

    @Test func checkpointOfATaskNotRunningIsRecordedButStartsNothing() {
        var h = atCheckpoint()
        h.apply(.taskPaused(task: "T1"))
        #expect(h.checkpoint("T1", .firstChange) == [])
        #expect(h.status("T1") == .paused && h.progress("T1").checkpoints.count == 1)
    }

    /// T1 and T2 run side by side; T1 already touched `shared.swift`.
    func twoActive() -> Harness {
        var h = Harness()
        h.approve([task("T1"), task("T2"), task("T3")], parallelism: 3)
        for t in ["T1", "T2", "T3"] { h.run(t) }
        h.finished("T1")
        h.checkpoint("T1", .firstChange, files: ["shared.swift", "one.swift"])
        h.started("T1")
        return h
    }

    @Test func twoActiveTasksTouchingTheSameFileAskOncePerPair() {
        var h = twoActive()
        h.finished("T2")
        #expect(h.checkpoint("T2", .firstChange, files: ["shared.swift", "two.swift"]) == [.notifyDecision(id: "D1")])
        let d = h.lastDecision
        #expect(d?.kind == .conflict && d?.task == "T2" && d?.context == ["T1", "shared.swift"])
        #expect(d?.question == "T2 and T1 both changed shared.swift — how should they go on?")
        #expect(d?.options == ["pause T2 until T1 merges", "let both go on", "tell T2 to stay out of those files"])
        #expect(h.status("T2") == .waiting)
        // T1's next checkpoint on the same file does not ask about the same pair again.
        h.finished("T1")
        #expect(h.checkpoint("T1", .coreDrafted, files: ["shared.swift"]) == [.startTurn(task: "T1", turn: 3, messages: [])])
        #expect(h.state.decisions.count == 1)
    }

    @Test func aConflictOnDoneStillGoesToReview() {
        var h = twoActive()
        h.finished("T2")
        #expect(h.checkpoint("T2", .done, files: ["shared.swift"]) == [.notifyDecision(id: "D1")])
        #expect(h.status("T2") == .review)
    }

    @Test func aSecondPairIsAskedEvenWhenTheFirstWasAsked() {
        var h = twoActive()
        h.finished("T2")
        h.checkpoint("T2", .firstChange, files: ["shared.swift"])  // D1: T2 × T1
        h.apply(.decisionAnswered(id: "D1", answer: "let both go on"))
        h.started("T2")
        h.finished("T3")
        // T3 touches the file T1 and T2 both touched: T3 × T1 was never asked.
        #expect(h.checkpoint("T3", .firstChange, files: ["shared.swift"]) == [.notifyDecision(id: "D2")])
        #expect(h.lastDecision?.task == "T3" && h.lastDecision?.kind == .conflict)
        // T3 × T2 is asked at T3's next checkpoint (one decision at a time per task).
        h.apply(.decisionAnswered(id: "D2", answer: "let both go on"))
        h.started("T3")
        h.finished("T3")
        #expect(h.checkpoint("T3", .firstChange, files: ["shared.swift"]) == [.notifyDecision(id: "D3")])
        #expect(h.lastDecision?.context.first == "T2")
        h.apply(.decisionAnswered(id: "D3", answer: "let both go on"))
        h.started("T3")
        h.finished("T3")
        #expect(h.checkpoint("T3", .firstChange, files: ["shared.swift"]) == [.startTurn(task: "T3", turn: 4, messages: [])])
    }

    @Test func mergedOrCancelledTasksDoNotConflict() {
        var h = twoActive()
        h.apply(.taskCancelled(task: "T1"))
        h.finished("T2")
        #expect(h.checkpoint("T2", .firstChange, files: ["shared.swift"]) == [.startTurn(task: "T2", turn: 2, messages: [])])
    }
}
