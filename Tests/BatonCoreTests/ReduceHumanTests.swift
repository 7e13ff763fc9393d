import BatonCore
import Testing

/// What the user does to runs: guidance, notes, pause/continue/cancel/retry, the budget.
@Suite struct ReduceHumanTests {
    @Test func guidanceIsQueuedIntoTheNextTurn() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        #expect(h.apply(.guidanceGiven(task: "T1", text: "use the existing CSV helper")) == [])
        #expect(h.apply(.guidanceGiven(task: "T1", text: "no new deps")) == [])
        h.finished("T1")
        #expect(
            h.checkpoint("T1", .firstChange) == [
                .startTurn(
                    task: "T1", turn: 2,
                    messages: [
                        "Guidance from the user: use the existing CSV helper", "Guidance from the user: no new deps",
                    ])
            ])
        h.started("T1")
        h.finished("T1")
        #expect(h.checkpoint("T1", .firstChange) == [.startTurn(task: "T1", turn: 3, messages: [])], "given once, not repeated")
    }

    @Test func guidanceBeforeTheFirstTurnGoesIntoIt() {
        var h = Harness()
        h.approve([task("T1")])
        h.apply(.guidanceGiven(task: "T1", text: "start with the model"))
        #expect(h.workspace("T1") == [.startTurn(task: "T1", turn: 1, messages: ["Guidance from the user: start with the model"])])
    }

    @Test func notesBecomeAnsweredNoteDecisions() {
        var h = Harness()
        h.apply(.missionSet(text: "m"))
        #expect(h.apply(.noteRecorded(text: "we use UTC everywhere")) == [.recordDecision(id: "D1")])
        let d = h.state.decision("D1")
        #expect(d?.kind == .note && d?.answer == "we use UTC everywhere" && d?.task == nil && !(d?.isOpen ?? true))
        #expect(h.state.notes == ["we use UTC everywhere"])
        #expect(h.apply(.noteRecorded(text: "second")) == [.recordDecision(id: "D2")])
        #expect(h.state.openDecisions.isEmpty)
    }

    @Test func pauseARunningTaskStopsItAndFreesItsSlot() {
        var h = Harness()
        h.approve([task("T1"), task("T2")], parallelism: 1)
        h.run("T1")
        #expect(h.apply(.taskPaused(task: "T1")) == [.stopRun(task: "T1"), .prepareWorkspace(task: "T2")])
        #expect(h.status("T1") == .paused && h.progress("T1").pausedFrom == .running)
        h.run("T2")
        // Continue: the agent goes on in its worktree, with a word about the pause.
        #expect(
            h.apply(.taskContinued(task: "T1")) == [
                .startTurn(task: "T1", turn: 2, messages: ["The user paused you and now asks you to continue."])
            ])
        #expect(h.status("T1") == .running && h.progress("T1").pausedFrom == nil)
    }

    @Test func pauseATaskThatHasNotStartedHoldsItBack() {
        var h = Harness()
        h.approve([task("T1"), task("T2")], parallelism: 1)
        #expect(h.status("T2") == .ready)
        #expect(h.apply(.taskPaused(task: "T2")) == [])
        #expect(h.status("T2") == .paused)
        h.run("T1")
        h.finished("T1")
        h.checkpoint("T1", .done)
        #expect(h.apply(.taskMerged(task: "T1", commit: "m")) == [], "a paused task is not scheduled")
        #expect(h.apply(.taskContinued(task: "T2")) == [.prepareWorkspace(task: "T2")])
        #expect(h.status("T2") == .preparing)
    }

    @Test func continueOfATaskNotPausedDoesNothing() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        #expect(h.apply(.taskContinued(task: "T1")) == [])
        #expect(h.apply(.taskContinued(task: "T9")) == [])
        #expect(h.apply(.taskPaused(task: "T9")) == [])
    }

    @Test func cancelStopsTheRunClosesItsDecisionsAndNeverUnlocksDependents() {
        var h = Harness()
        h.approve([task("T1"), task("T2", deps: ["T1"]), task("T3")], parallelism: 1)
        h.run("T1")
        h.apply(.runStalled(task: "T1", minutes: 5))
        #expect(h.apply(.taskCancelled(task: "T1")) == [.stopRun(task: "T1"), .prepareWorkspace(task: "T3")])
        #expect(h.status("T1") == .cancelled && h.progress("T1").endedAt == h.now)
        #expect(h.state.decision("D1")?.answer == "cancelled")
        #expect(h.status("T2") == .planned)
        // Cancelling what does not run stops nothing.
        #expect(h.apply(.taskCancelled(task: "T2")) == [])
        #expect(h.status("T2") == .cancelled)
    }

    @Test func retryAFailedTaskStartsANewTurnInItsWorktree() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        h.apply(.turnFinished(task: "T1", turn: 1, result: TurnResult(exitCode: 1, agentSessionID: "sess-9", error: "boom")))
        #expect(h.status("T1") == .failed)
        let effects = h.apply(.taskRetried(task: "T1", agent: nil))
        #expect(
            effects == [
                .startTurn(task: "T1", turn: 2, messages: ["Your previous turn was interrupted; continue from your last checkpoint."])
            ])
        #expect(h.status("T1") == .running && h.progress("T1").failure == nil && h.progress("T1").endedAt == nil)
        #expect(h.progress("T1").agentSessionID == "sess-9", "same agent: same agent session")
    }

    @Test func retryWithAnotherAgentClearsTheAgentSession() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        h.apply(.turnFinished(task: "T1", turn: 1, result: TurnResult(exitCode: 1, agentSessionID: "sess-9", error: "boom")))
        let effects = h.apply(.taskRetried(task: "T1", agent: "codex"))
        #expect(effects == [.startTurn(task: "T1", turn: 2, messages: [])], "a fresh agent gets no 'continue' note")
        #expect(h.progress("T1").agent == "codex" && h.progress("T1").agentSessionID == nil)
    }

    @Test func retryATaskThatNeverGotAWorktreeSchedulesIt() {
        var h = Harness()
        h.approve([task("T1")])
        h.apply(.taskFailed(task: "T1", reason: "worktree failed"))
        #expect(h.apply(.taskRetried(task: "T1", agent: "gemini")) == [.prepareWorkspace(task: "T1")])
        #expect(h.status("T1") == .preparing && h.progress("T1").agent == "gemini")
    }

    @Test func retryAnInterruptedRun() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        h.finished("T1", session: "sess-1")
        h.checkpoint("T1", .firstChange)
        h.started("T1")
        h.apply(.runInterrupted(task: "T1", reason: "baton was killed"))
        #expect(
            h.apply(.taskRetried(task: "T1", agent: nil)) == [
                .startTurn(
                    task: "T1", turn: 3,
                    messages: [
                        "Your previous turn was interrupted; continue from your last checkpoint."
                    ])
            ])
    }

    // MARK: budget

    /// T1 and T2 running with a $1 budget; T1's first turn cost $1.50.
    func overBudget() -> Harness {
        var h = Harness()
        h.approve([task("T1"), task("T2"), task("T3", deps: ["T1"])], parallelism: 2)
        h.apply(.budgetSet(usd: 1))
        h.run("T1")
        h.run("T2")
        h.finished("T1", cost: 1.5)
        return h
    }

    @Test func overBudgetAsksOnceAndStartsNoTurn() {
        var h = overBudget()
        #expect(h.checkpoint("T1", .firstChange) == [.notifyDecision(id: "D1")])
        let d = h.lastDecision
        #expect(d?.kind == .budget && d?.task == nil && d?.context == ["T1"])
        #expect(d?.question == "The mission has spent $1.50 of its $1.00 budget — no new turn starts. Go on?")
        #expect(h.status("T1") == .waiting)
        // T2 reaches a checkpoint too: it waits on the same decision.
        h.finished("T2", cost: 0.1)
        #expect(h.checkpoint("T2", .firstChange, files: ["b.swift"]) == [])
        #expect(h.state.decisions.count == 1 && h.state.decision("D1")?.context == ["T1", "T2"])
        #expect(h.status("T2") == .waiting)
    }

    @Test func raisingTheBudgetReleasesTheWaitingTasks() {
        var h = overBudget()
        h.checkpoint("T1", .firstChange)
        let effects = h.apply(.budgetSet(usd: 10))
        #expect(effects == [.startTurn(task: "T1", turn: 2, messages: [])])
        #expect(h.state.decision("D1")?.answer == "budget changed")
        #expect(h.status("T1") == .running)
    }

    @Test func clearingTheBudgetReleasesToo() {
        var h = overBudget()
        h.checkpoint("T1", .firstChange)
        #expect(h.apply(.budgetSet(usd: nil)) == [.startTurn(task: "T1", turn: 2, messages: [])])
    }

    @Test func aBudgetStillTooLowKeepsHolding() {
        var h = overBudget()
        h.checkpoint("T1", .firstChange)
        #expect(h.apply(.budgetSet(usd: 1.2)) == [])
        #expect(h.state.decision("D1")?.isOpen == true && h.status("T1") == .waiting)
    }

    @Test func budgetDecisionContinueWithoutABudget() {
        var h = overBudget()
        h.checkpoint("T1", .firstChange)
        #expect(
            h.apply(.decisionAnswered(id: "D1", answer: "1")) == [.recordDecision(id: "D1"), .startTurn(task: "T1", turn: 2, messages: [])])
        #expect(h.state.budgetUSD == nil)
    }

    @Test func budgetDecisionStopHere() {
        var h = overBudget()
        h.checkpoint("T1", .firstChange)
        #expect(h.apply(.decisionAnswered(id: "D1", answer: "stop here")) == [.recordDecision(id: "D1")])
        #expect(h.status("T1") == .waiting && h.state.budgetUSD == 1)
    }

    @Test func readyTasksOverBudgetWaitOnOneDecision() {
        var h = Harness()
        h.approve([task("T1"), task("T2", deps: ["T1"])])
        h.run("T1")
        h.finished("T1", cost: 2)
        h.checkpoint("T1", .done)
        h.apply(.budgetSet(usd: 1))
        #expect(h.apply(.taskMerged(task: "T1", commit: "m")) == [.notifyDecision(id: "D1")])
        #expect(h.lastDecision?.kind == .budget && h.lastDecision?.context == [])
        #expect(h.status("T2") == .ready)
        #expect(
            h.apply(.decisionAnswered(id: "D1", answer: "continue without a budget")) == [
                .recordDecision(id: "D1"), .prepareWorkspace(task: "T2"),
            ])
    }
}
