import BatonCore
import Testing

/// `decide` for the run's commands and the settings.
@Suite struct DecideRunTests {
    @Test func retryIsForFailedInterruptedCancelledOrPausedTasks() {
        var h = Sessions.running
        h.run("T1")
        h.apply(.taskFailed(task: "T1", reason: "boom"))
        #expect(accepted(.retry(task: "t1", agent: nil), h) == [.taskRetried(task: "T1", agent: nil)])
        #expect(accepted(.retry(task: "T1", agent: "codex"), h) == [.taskRetried(task: "T1", agent: "codex")])
        #expect(
            refusal(.retry(task: "T1", agent: "codexx"), h)
                == "error: unknown agent codexx — did you mean codex? agents are claude codex gemini aider opencode antigravity human")
        #expect(refusal(.retry(task: "T3", agent: nil), h) == "error: T3 is planned — /retry is for failed, interrupted or cancelled tasks")
        #expect(refusal(.retry(task: "T1", agent: nil), Sessions.planning) == "error: nothing runs yet — /go first")
        #expect(refusal(.retry(task: "T4", agent: nil), h) == "error: unknown task T4 — tasks are T1 T2 T3")
    }

    @Test func pauseContinueCancel() {
        var h = Sessions.running
        #expect(accepted(.pause(task: "T1"), h) == [.taskPaused(task: "T1")])
        #expect(accepted(.pause(task: "T3"), h) == [.taskPaused(task: "T3")], "a task not started yet can pause")
        #expect(refusal(.resume(task: "T1"), h) == "error: T1 is not paused")
        #expect(accepted(.cancel(task: "T2"), h) == [.taskCancelled(task: "T2")])
        h.apply(.taskPaused(task: "T1"))
        #expect(accepted(.resume(task: "t1"), h) == [.taskContinued(task: "T1")])
        h.apply(.taskCancelled(task: "T2"))
        #expect(refusal(.cancel(task: "T2"), h) == "error: T2 is already cancelled")
        #expect(refusal(.pause(task: "T2"), h) == "error: T2 is cancelled — only tasks not finished can pause")
    }

    @Test func parallelAndBudget() {
        #expect(accepted(.parallel(8), Sessions.empty) == [.parallelismSet(limit: 8)])
        #expect(accepted(.parallel(128), Sessions.running) == [.parallelismSet(limit: 128)], "128 agents at once")
        #expect(refusal(.parallel(0), Sessions.empty) == "error: N must be between 1 and 256 — usage: /parallel N")
        #expect(refusal(.parallel(257), Sessions.running) == "error: N must be between 1 and 256 — usage: /parallel N")
        #expect(accepted(.budget(usd: 5), Sessions.empty) == [.budgetSet(usd: 5)])
        #expect(accepted(.budget(usd: nil), Sessions.running) == [.budgetSet(usd: nil)])
        #expect(refusal(.budget(usd: -1), Sessions.empty) == "error: a budget is an amount of dollars, e.g. --budget-usd 5")
    }

    @Test func policyNamesAndValuesAreChecked() {
        #expect(accepted(.policy(name: "merge", value: "auto"), Sessions.empty) == [.policySet(name: "merge", value: "auto")])
        #expect(accepted(.policy(name: "max-turns", value: "3"), Sessions.running) == [.policySet(name: "max-turns", value: "3")])
        #expect(
            refusal(.policy(name: "merge", value: "sometimes"), Sessions.empty) == "error: merge takes auto|manual, e.g. /policy merge auto"
        )
        #expect(
            refusal(.policy(name: "max-turns", value: "0"), Sessions.empty)
                == "error: max-turns takes a number ≥ 1, e.g. /policy max-turns 12")
        #expect(
            refusal(.policy(name: "speed", value: "fast"), Sessions.empty)
                == "error: unknown policy speed — policies are checkpoints merge unstructured notify max-turns checks rework review reuse-answers race judge"
        )
    }

    @Test func bypassNeedsAConfirmationToTurnOn() {
        #expect(accepted(.permissions(bypass: true, confirmed: true), Sessions.empty) == [.permissionBypassSet(enabled: true)])
        #expect(accepted(.permissions(bypass: false, confirmed: false), Sessions.running) == [.permissionBypassSet(enabled: false)])
        #expect(
            refusal(.permissions(bypass: true, confirmed: false), Sessions.empty)
                == "error: turning bypass on needs a confirmation at a terminal — it lets agents run any command unasked")
    }

    @Test func commandsThatStartASession() {
        #expect(Command.say("m").startsSession && Command.note("n").startsSession && Command.parallel(2).startsSession)
        #expect(!Command.go.startsSession && !Command.undo.startsSession && !Command.merge(.all).startsSession)
    }
}
