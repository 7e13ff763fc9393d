import BatonCore
import Testing

/// `decisionAnswered` for every kind of decision and each of its options.
@Suite struct ReduceDecisionTests {
    /// T1 running (turn 1 ended), T2 after T1; optionally a second active task T3.
    func running(extra: Bool = false, policy: [(String, String)] = []) -> Harness {
        var h = Harness()
        h.approve([task("T1"), task("T2", deps: ["T1"])] + (extra ? [task("T3")] : []), policy: policy)
        h.run("T1")
        if extra { h.run("T3") }
        h.finished("T1")
        return h
    }

    /// T1 with an open permission decision D1 for `Bash(git push)`.
    func permission() -> Harness {
        var h = running()
        h.started("T1")
        h.apply(.turnFinished(task: "T1", turn: 2, result: TurnResult(exitCode: 0, permissionDenials: ["Bash(git push)"])))
        return h
    }

    @Test func permissionAllowOnce() {
        var h = permission()
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "1"))
        #expect(
            effects == [
                .recordDecision(id: "D1"),
                .startTurn(task: "T1", turn: 3, messages: ["You may now use Bash(git push). Retry what needed it."]),
            ])
        #expect(h.progress("T1").allowedOnce == ["Bash(git push)"] && h.progress("T1").allowedTools.isEmpty)
        #expect(h.state.decision("D1")?.answer == "allow once")
        #expect(h.status("T1") == .running)
        // The next turn used it; it is gone after.
        h.started("T1")
        #expect(h.progress("T1").allowedOnce.isEmpty)
    }

    @Test func permissionAllowForTask() {
        var h = permission()
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "allow for this task"))
        #expect(
            effects == [
                .recordDecision(id: "D1"),
                .startTurn(task: "T1", turn: 3, messages: ["You may now use Bash(git push). Retry what needed it."]),
            ])
        #expect(h.progress("T1").allowedTools == ["Bash(git push)"] && h.progress("T1").allowedOnce.isEmpty)
        h.started("T1")
        #expect(h.progress("T1").allowedTools == ["Bash(git push)"], "kept for every later turn")
    }

    @Test func permissionDeny() {
        var h = permission()
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "3"))
        #expect(
            effects == [
                .recordDecision(id: "D1"), .startTurn(task: "T1", turn: 3, messages: ["The user denied Bash(git push). Do without it."]),
            ])
        #expect(h.progress("T1").allowedTools.isEmpty && h.progress("T1").allowedOnce.isEmpty)
        #expect(h.state.decision("D1")?.answer == "deny")
    }

    @Test func answeringTwiceOrAnUnknownDecisionDoesNothing() {
        var h = permission()
        h.apply(.decisionAnswered(id: "D1", answer: "1"))
        #expect(h.apply(.decisionAnswered(id: "D1", answer: "3")) == [])
        #expect(h.state.decision("D1")?.answer == "allow once")
        #expect(h.apply(.decisionAnswered(id: "D9", answer: "yes")) == [])
    }

    /// T1 and T3 both touched shared.swift: D1 asks about T3.
    func conflict() -> Harness {
        var h = running(extra: true)
        h.checkpoint("T1", .firstChange, files: ["shared.swift"])
        h.started("T1")
        h.finished("T3")
        h.checkpoint("T3", .firstChange, files: ["shared.swift"])
        return h
    }

    @Test func conflictPause() {
        var h = conflict()
        #expect(h.lastDecision?.kind == .conflict && h.lastDecision?.task == "T3")
        #expect(h.apply(.decisionAnswered(id: "D1", answer: "1")) == [.recordDecision(id: "D1")])
        #expect(h.status("T3") == .paused && h.progress("T3").pausedFrom == .waiting)
        // /continue T3 later resumes the agent.
        #expect(
            h.apply(.taskContinued(task: "T3")) == [
                .startTurn(task: "T3", turn: 2, messages: ["The user paused you and now asks you to continue."])
            ])
    }

    @Test func conflictLetBothGoOn() {
        var h = conflict()
        #expect(
            h.apply(.decisionAnswered(id: "D1", answer: "let both go on")) == [
                .recordDecision(id: "D1"), .startTurn(task: "T3", turn: 2, messages: []),
            ])
    }

    @Test func conflictRescope() {
        var h = conflict()
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "3"))
        #expect(
            effects == [
                .recordDecision(id: "D1"),
                .startTurn(
                    task: "T3", turn: 2,
                    messages: [
                        "Stay out of shared.swift: T1 is changing them. Undo your changes there if you can."
                    ]),
            ])
    }

    @Test func conflictOnADoneTaskKeepsItInReview() {
        var h = running(extra: true)
        h.checkpoint("T1", .firstChange, files: ["shared.swift"])
        h.started("T1")
        h.finished("T3")
        h.checkpoint("T3", .done, files: ["shared.swift"])
        #expect(h.apply(.decisionAnswered(id: "D1", answer: "2")) == [.recordDecision(id: "D1")])
        #expect(h.status("T3") == .review)
        var g = running(extra: true)
        g.checkpoint("T1", .firstChange, files: ["shared.swift"])
        g.started("T1")
        g.finished("T3")
        g.checkpoint("T3", .done, files: ["shared.swift"])
        g.apply(.decisionAnswered(id: "D1", answer: "1"))
        #expect(g.status("T3") == .paused && g.progress("T3").pausedFrom == .review)
        #expect(g.apply(.taskContinued(task: "T3")) == [])
        #expect(g.status("T3") == .review)
    }

    /// T1 done and in review, then its merge conflicted: D1.
    func mergeConflict() -> Harness {
        var h = running()
        h.checkpoint("T1", .done)
        h.apply(.mergeConflicted(task: "T1", files: ["README.md"]))
        return h
    }

    @Test func mergeConflictLetTheAgentResolveIt() {
        var h = mergeConflict()
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "1"))
        guard case .startTurn(let t, let turn, let messages) = effects.last else {
            Issue.record("no turn: \(effects)")
            return
        }
        #expect(effects.first == .recordDecision(id: "D1"))
        #expect(t == "T1" && turn == 2)
        #expect(messages.count == 1 && messages[0].contains("conflicts with baton/s-test/main in README.md"))
        #expect(messages[0].contains("git show baton/s-test/main:FILE"))
    }

    @Test func mergeConflictResolvedByHand() {
        var h = mergeConflict()
        #expect(h.apply(.decisionAnswered(id: "D1", answer: "2")) == [.recordDecision(id: "D1")])
        #expect(h.status("T1") == .running)
        // /done T1 records a done checkpoint, and the task is back in review.
        #expect(h.apply(.humanFinished(task: "T1", summary: "resolved")).count == 1)
        h.checkpoint("T1", .done)
        #expect(h.status("T1") == .review)
    }

    @Test func mergeConflictLeftInReview() {
        var h = mergeConflict()
        #expect(h.apply(.decisionAnswered(id: "D1", answer: "leave it in review")) == [.recordDecision(id: "D1")])
        #expect(h.status("T1") == .review)
    }

    func stall() -> Harness {
        var h = Harness()
        h.approve([task("T1"), task("T2")], parallelism: 1)
        h.run("T1")
        h.apply(.runStalled(task: "T1", minutes: 10))
        return h
    }

    @Test func stallKeepWaiting() {
        var h = stall()
        #expect(h.apply(.decisionAnswered(id: "D1", answer: "1")) == [.recordDecision(id: "D1")])
        #expect(h.status("T1") == .running)
    }

    @Test func stallStopIt() {
        var h = stall()
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "2"))
        #expect(effects == [.recordDecision(id: "D1"), .stopRun(task: "T1"), .prepareWorkspace(task: "T2")])
        #expect(h.status("T1") == .cancelled)
        #expect(h.progress("T1").endedAt == h.now)
    }

    @Test func stallStopAndRetry() {
        var h = stall()
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "3"))
        #expect(
            effects == [
                .recordDecision(id: "D1"), .stopRun(task: "T1"),
                .startTurn(task: "T1", turn: 2, messages: ["You stopped printing anything; continue from your last checkpoint."]),
            ])
        #expect(h.status("T1") == .running)
    }

    /// T1 reached max-turns 1: D1 is a turn-limit decision.
    func turnLimit(policy: [(String, String)] = []) -> Harness {
        var h = running(policy: [("max-turns", "1")] + policy)
        h.checkpoint("T1", .firstChange)
        return h
    }

    @Test func turnLimitContinue() {
        var h = turnLimit()
        #expect(h.lastDecision?.kind == .turnLimit)
        #expect(
            h.apply(.decisionAnswered(id: "D1", answer: "1")) == [.recordDecision(id: "D1"), .startTurn(task: "T1", turn: 2, messages: [])])
    }

    @Test func turnLimitReviewAsDone() {
        var h = turnLimit()
        #expect(h.apply(.decisionAnswered(id: "D1", answer: "2")) == [.recordDecision(id: "D1")])
        #expect(h.status("T1") == .review && h.progress("T1").endedAt == h.now)
        var g = turnLimit(policy: [("merge", "auto")])
        #expect(g.apply(.decisionAnswered(id: "D1", answer: "2")) == [.recordDecision(id: "D1"), .merge(task: "T1")])
    }

    @Test func turnLimitStop() {
        var h = turnLimit()
        #expect(h.apply(.decisionAnswered(id: "D1", answer: "stop it")) == [.recordDecision(id: "D1")])
        #expect(h.status("T1") == .failed && h.progress("T1").failure == "stopped after 1 turns")
        #expect(h.status("T2") == .planned)
    }

    @Test func questionAnsweredWithAnOptionOrFreeText() {
        var h = running()
        h.checkpoint("T1", .needsDecision, question: "JWT or opaque?", options: ["JWT", "opaque"])
        #expect(
            h.apply(.decisionAnswered(id: "D1", answer: "2")) == [
                .recordDecision(id: "D1"),
                .startTurn(
                    task: "T1", turn: 2,
                    messages: [
                        "Decision D1 — JWT or opaque? Answer: opaque"
                    ]),
            ])
        h.started("T1")
        h.finished("T1")
        h.checkpoint("T1", .needsDecision, question: "Expiry?", options: ["1h", "24h"])
        // A free-text answer is passed on as typed (trimmed).
        #expect(
            h.apply(.decisionAnswered(id: "D2", answer: "  24h, and say so in the README ")) == [
                .recordDecision(id: "D2"),
                .startTurn(
                    task: "T1", turn: 3,
                    messages: [
                        "Decision D2 — Expiry? Answer: 24h, and say so in the README"
                    ]),
            ])
        #expect(h.state.decision("D2")?.answer == "24h, and say so in the README")
    }

    @Test func destructiveYesOrNo() {
        var h = running()
        h.checkpoint("T1", .beforeDestructive, question: "Drop the table?")
        #expect(
            h.apply(.decisionAnswered(id: "D1", answer: "no, find another way")) == [
                .recordDecision(id: "D1"),
                .startTurn(
                    task: "T1", turn: 2,
                    messages: [
                        "Decision D1 — Drop the table? Answer: no, find another way"
                    ]),
            ])
    }

    @Test func checkpointQuestionContinueOrPause() {
        var h = running(policy: [("checkpoints", "ask")])
        h.checkpoint("T1", .firstChange)
        let effects = h.apply(.decisionAnswered(id: "D1", answer: "continue"))
        #expect(effects.first == .recordDecision(id: "D1"))
        #expect(effects.count == 2)
        if case .startTurn(let t, let turn, _) = effects.last { #expect(t == "T1" && turn == 2) } else { Issue.record("\(effects)") }
        h.started("T1")
        h.finished("T1")
        h.checkpoint("T1", .coreDrafted)
        #expect(h.apply(.decisionAnswered(id: "D2", answer: "pause")) == [.recordDecision(id: "D2")])
        #expect(h.status("T1") == .paused && h.progress("T1").pausedFrom == .waiting)
        #expect(
            h.apply(.taskContinued(task: "T1")) == [
                .startTurn(task: "T1", turn: 3, messages: ["The user paused you and now asks you to continue."])
            ])
    }

    @Test func aTurnThatEndsClosesItsStallQuestion() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        h.apply(.runStalled(task: "T1", minutes: 10))  // D1
        h.apply(.turnFinished(task: "T1", turn: 1, result: TurnResult(exitCode: 0, permissionDenials: ["Bash(make)"])))  // D2
        #expect(h.state.decision("D1")?.isOpen == false, "the run printed again: the stall question is moot")
        #expect(h.state.openDecisions.map(\.id) == ["D2"])
        // The permission answer starts the next turn (it is not held back by the old stall question).
        #expect(
            h.apply(.decisionAnswered(id: "D2", answer: "1")) == [
                .recordDecision(id: "D2"),
                .startTurn(
                    task: "T1", turn: 2,
                    messages: [
                        "You may now use Bash(make). Retry what needed it."
                    ]),
            ])
    }
}
