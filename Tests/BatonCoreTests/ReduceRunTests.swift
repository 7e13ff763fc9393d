import BatonCore
import Testing

/// Run events: workspaces, turns, checkpoints, failures, merges.
@Suite struct ReduceRunTests {
    @Test func workspaceCreatedStartsTheFirstTurn() {
        var h = Harness()
        h.approve([task("T1")])
        #expect(h.workspace("T1") == [.startTurn(task: "T1", turn: 1, messages: [])])
        #expect(h.status("T1") == .running)
        #expect(h.progress("T1").worktree == "/wt/T1" && h.progress("T1").branch == "baton/s-test/T1")
        #expect(h.progress("T1").baseCommit == "base0")
    }

    @Test func humanTaskGetsAWorkspaceButNoTurn() {
        var h = Harness()
        h.approve([task("T1", route: AgentName.human)])
        #expect(h.workspace("T1") == [])
        #expect(h.status("T1") == .running)
        #expect(h.progress("T1").worktree == "/wt/T1")
        // /done T1: the human's work becomes a done checkpoint, then review.
        let effects = h.apply(.humanFinished(task: "T1", summary: ""))
        let report = CheckpointReport(kind: .done, summary: "Done by hand.")
        #expect(effects == [.recordCheckpoint(task: "T1", turn: 0, report: report)])
        #expect(h.progress("T1").awaitingCheckpoint == report)
        h.checkpoint("T1", .done)
        #expect(h.status("T1") == .review)
        #expect(h.progress("T1").awaitingCheckpoint == nil)
    }

    @Test func workspaceForATaskNoLongerPreparingStartsNothing() {
        var h = Harness()
        h.approve([task("T1")])
        h.apply(.taskCancelled(task: "T1"))
        #expect(h.workspace("T1") == [])
        #expect(h.status("T1") == .cancelled)
        #expect(h.progress("T1").worktree == "/wt/T1", "the worktree is still remembered")
    }

    @Test func turnStartedRecordsTheRunAndClearsOneTurnState() {
        var h = Harness()
        h.approve([task("T1")])
        h.workspace("T1")
        h.apply(.guidanceGiven(task: "T1", text: "use tabs"))
        h.started("T1")
        let p = h.progress("T1")
        #expect(p.turn == 1 && p.agent == "claude" && p.pid == 4242 && p.pidStartTime == 99)
        #expect(p.streamFile == "runs/T1-1.jsonl" && p.status == .running && p.lastActivityAt == h.now)
        #expect(p.pendingMessages.isEmpty, "messages were handed to this turn")
        // Another agent for the next turn forgets the old agent's session.
        h.finished("T1", session: "claude-abc")
        #expect(h.progress("T1").agentSessionID == "claude-abc")
        h.started("T1", agent: "codex")
        #expect(h.progress("T1").agentSessionID == nil && h.progress("T1").agent == "codex")
    }

    @Test func taskActivityIsRemembered() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        #expect(h.apply(.taskActivity(task: "T1", text: "editing a.swift")) == [])
        #expect(h.progress("T1").lastActivity == "editing a.swift" && h.progress("T1").lastActivityAt == h.now)
    }

    @Test func aWarningGivenIsRememberedByItsKey() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        let key = "drift: claude 2.1.327 unknown event"
        #expect(h.apply(.warningGiven(task: "T1", key: key, text: "claude 2.1.327 sent an unknown event type x")) == [])
        #expect(h.state.warningsGiven == [key])
        #expect(h.progress("T1").lastActivity == "warning: claude 2.1.327 sent an unknown event type x")
    }

    @Test func successfulTurnAsksToRecordTheParsedCheckpoint() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        let text = """
            I wrote the parser.
            ```baton
            {"checkpoint": "core-drafted", "summary": "parser drafted", "next": "tests"}
            ```
            """
        let effects = h.finished("T1", text, cost: 0.3)
        let report = CheckpointReport(kind: .coreDrafted, summary: "parser drafted", next: "tests")
        #expect(effects == [.recordCheckpoint(task: "T1", turn: 1, report: report)])
        #expect(h.progress("T1").awaitingCheckpoint == report)
        #expect(h.progress("T1").costUSD == 0.3 && h.progress("T1").tokens == 10 && h.progress("T1").pid == nil)
        #expect(h.state.totalCostUSD == 0.3)
        // Without a block the turn is unstructured, summarised by its last paragraph.
        h.checkpoint("T1", .coreDrafted)
        h.started("T1")
        #expect(
            h.finished("T1", "All good.") == [
                .recordCheckpoint(task: "T1", turn: 2, report: CheckpointReport(kind: .unstructured, summary: "All good."))
            ])
    }

    @Test func turnWithoutCostMarksCostUnknown() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        h.finished("T1", "x", cost: nil)
        #expect(!h.progress("T1").costKnown)
    }

    @Test func failedTurnFailsTheTaskAndSchedulesTheNext() {
        var h = Harness()
        h.approve([task("T1"), task("T2"), task("T3", deps: ["T1"])], parallelism: 1)
        h.run("T1")
        let effects = h.apply(.turnFinished(task: "T1", turn: 1, result: TurnResult(exitCode: 1, error: "API error: overloaded")))
        #expect(effects == [.prepareWorkspace(task: "T2")], "the slot is free; T3 still waits for T1")
        #expect(h.status("T1") == .failed && h.progress("T1").failure == "API error: overloaded")
        #expect(h.progress("T1").endedAt == h.now)
        #expect(h.status("T3") == .planned)
    }

    @Test func aTurnReportedFinishedTwiceIsCountedOnceAndCheckpointedOnce() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        let result = TurnResult(exitCode: 0, finalText: "drafted", tokens: 1000, costUSD: 0.5)
        let first = h.apply(.turnFinished(task: "T1", turn: 1, result: result))
        #expect(first.contains { if case .recordCheckpoint = $0 { true } else { false } })
        // Reconcile read the ended run from its stream while its own follower reported it too.
        let again = h.apply(.turnFinished(task: "T1", turn: 1, result: result))
        #expect(again.isEmpty)
        #expect(h.progress("T1").costUSD == 0.5 && h.progress("T1").tokens == 1000)
    }

    @Test func nonZeroExitWithoutErrorTextIsAFailure() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        h.apply(.turnFinished(task: "T1", turn: 1, result: TurnResult(exitCode: 3)))
        #expect(h.status("T1") == .failed && h.progress("T1").failure == "exited with status 3")
    }

    @Test func permissionDenialOpensAPermissionDecision() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        let result = TurnResult(exitCode: 0, finalText: "could not push", permissionDenials: ["Bash(git push)", "Bash(rm -rf x)"])
        let effects = h.apply(.turnFinished(task: "T1", turn: 1, result: result))
        #expect(effects == [.notifyDecision(id: "D1")])
        let d = h.lastDecision
        // Every denial in one decision: all at once, or one of them by number.
        #expect(d?.kind == .permission && d?.task == "T1" && d?.context == ["Bash(git push)", "Bash(rm -rf x)"])
        #expect(d?.question == "T1 wants 2 tools: 4) Bash(git push)  5) Bash(rm -rf x) — allow them?")
        #expect(
            d?.options == [
                "allow all once", "allow all for this task", "deny all", "allow only Bash(git push) for this task",
                "allow only Bash(rm -rf x) for this task",
            ])
        #expect(h.status("T1") == .waiting)
    }

    @Test func aSingleDenialKeepsTheThreeAnswersAndItsRulesDecideWhatIsAllowed() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        let request = PermissionRequest(
            description: "Bash(git push origin HEAD)", onceRule: "Bash(git push origin HEAD)", taskRule: "Bash(git push:*)")
        let result = TurnResult(exitCode: 0, permissionDenials: [request.description], permissionRequests: [request])
        h.apply(.turnFinished(task: "T1", turn: 1, result: result))
        #expect(h.lastDecision?.options == ["allow once", "allow for this task", "deny"])
        h.apply(.decisionAnswered(id: "D1", answer: "allow for this task"))
        #expect(h.progress("T1").allowedTools == ["Bash(git push:*)"])
        #expect(h.progress("T1").allowedOnce == [])
    }

    @Test func aRejectedRateLimitHoldsTheAgentUntilItsReset() {
        var h = Harness()
        h.approve([task("T1"), task("T2")], parallelism: 1)
        h.run("T1")
        let until = h.now + 3600
        let effects = h.apply(
            .turnFinished(task: "T1", turn: 1, result: TurnResult(exitCode: 1, error: "rate limited", rateLimitedUntil: until)))
        #expect(effects == [.wakeAgent(agent: "claude", at: until)], "T2 (claude too) does not start")
        #expect(h.status("T1") == .failed && h.status("T2") == .ready)
        #expect(h.apply(.agentAvailable(agent: "claude")) == [.prepareWorkspace(task: "T2")])
    }

    @Test func turnOfAPausedTaskChangesOnlyItsCounters() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        h.apply(.taskPaused(task: "T1"))
        #expect(h.finished("T1", "```baton\n{\"checkpoint\":\"done\",\"summary\":\"s\"}\n```", cost: 0.1) == [])
        #expect(h.status("T1") == .paused && h.progress("T1").costUSD == 0.1)
    }

    @Test func taskFailedAndRunInterruptedFreeTheSlot() {
        var h = Harness()
        h.approve([task("T1"), task("T2"), task("T3")], parallelism: 1)
        h.run("T1")
        #expect(h.apply(.taskFailed(task: "T1", reason: "could not create worktree")) == [.prepareWorkspace(task: "T2")])
        #expect(h.status("T1") == .failed && h.progress("T1").failure == "could not create worktree")
        h.run("T2")
        #expect(h.apply(.runInterrupted(task: "T2", reason: "baton stopped")) == [.prepareWorkspace(task: "T3")])
        #expect(h.status("T2") == .interrupted && h.progress("T2").pid == nil)
        #expect(h.progress("T2").failure == "baton stopped")
    }

    @Test func runStalledAsksOnceAndKeepsTheTaskRunning() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        #expect(h.apply(.runStalled(task: "T1", minutes: 10)) == [.notifyDecision(id: "D1")])
        #expect(h.lastDecision?.kind == .stall && h.lastDecision?.options == ["keep waiting", "stop it", "stop it and retry"])
        #expect(h.status("T1") == .running)
        #expect(h.apply(.runStalled(task: "T1", minutes: 20)) == [])
        #expect(h.state.decisions.count == 1)
        // A new turn may stall again.
        h.apply(.decisionAnswered(id: "D1", answer: "1"))
        h.finished("T1")
        h.checkpoint("T1", .firstChange)
        h.started("T1")
        #expect(h.apply(.runStalled(task: "T1", minutes: 10)) == [.notifyDecision(id: "D2")])
    }

    @Test func stallQuestionClosesWhenTheAgentSpeaksAgain() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        h.apply(.runStalled(task: "T1", minutes: 5))
        #expect(h.state.openDecisions.count == 1)
        #expect(h.apply(.taskActivity(task: "T1", text: "editing a.txt")) == [])
        #expect(h.state.openDecisions.isEmpty, "the question is moot once the agent goes on")
        #expect(h.state.decision("D1")?.answer == "it went on")
        #expect(h.status("T1") == .running)
        #expect(h.apply(.runStalled(task: "T1", minutes: 5)) == [], "a turn's stall is reported once")
    }

    @Test func stallOfATaskNotRunningIsIgnored() {
        var h = Harness()
        h.approve([task("T1")])
        #expect(h.apply(.runStalled(task: "T1", minutes: 10)) == [])
        #expect(h.state.decisions.isEmpty)
    }

    @Test func mergeUnlocksDependents() {
        var h = Harness()
        h.approve(diamond)
        h.run("T1")
        h.run("T2")
        for t in ["T1", "T2"] {
            h.finished(t)
            h.checkpoint(t, .done, files: ["\(t).txt"])
        }
        #expect(h.apply(.taskMerged(task: "T1", commit: "m1")) == [], "T3 also waits for T2")
        #expect(h.status("T1") == .merged && h.progress("T1").mergedCommit == "m1")
        #expect(h.apply(.taskMerged(task: "T2", commit: "m2")) == [.prepareWorkspace(task: "T3")])
        #expect(h.state.doneCount == 2)
    }

    @Test func mergeConflictOpensADecisionWithTheFiles() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        h.finished("T1")
        h.checkpoint("T1", .done)
        #expect(h.apply(.mergeConflicted(task: "T1", files: ["a.swift", "b.swift"])) == [.notifyDecision(id: "D1")])
        let d = h.lastDecision
        #expect(d?.kind == .mergeConflict && d?.context == ["a.swift", "b.swift"] && d?.options.count == 3)
        #expect(d?.question.contains("a.swift, b.swift") == true)
        #expect(h.status("T1") == .waiting)
    }

    @Test func rejectionSendsTheFeedbackInANewTurn() {
        var h = Harness()
        h.approve([task("T1")])
        h.run("T1")
        h.finished("T1")
        h.checkpoint("T1", .done)
        #expect(h.progress("T1").endedAt != nil)
        let effects = h.apply(.taskRejected(task: "T1", feedback: "add tests"))
        #expect(effects == [.startTurn(task: "T1", turn: 2, messages: ["Review feedback from the user — address it: add tests"])])
        #expect(h.status("T1") == .running && h.progress("T1").endedAt == nil)
    }
}
