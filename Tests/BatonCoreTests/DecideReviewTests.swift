import BatonCore
import Testing

/// `decide` for decisions, /note, /done, /reject, /merge (a task or all) and /finish.
@Suite struct DecideReviewTests {
    /// T1 at a needs-decision checkpoint with two options: D1.
    var asking: Harness {
        var h = Sessions.running
        h.run("T1")
        h.finished("T1")
        h.checkpoint("T1", .needsDecision, question: "JWT or opaque?", options: ["JWT", "opaque"])
        return h
    }

    @Test func answerADecision() {
        var h = asking
        #expect(accepted(.answer(decision: "d1", answer: "2"), h) == [.decisionAnswered(id: "D1", answer: "2")])
        #expect(
            accepted(.answer(decision: "D1", answer: "neither, use sessions"), h) == [
                .decisionAnswered(id: "D1", answer: "neither, use sessions")
            ])
        #expect(refusal(.answer(decision: "D1", answer: "3"), h) == "error: D1 has options 1–2 — pick one, or answer in words")
        #expect(refusal(.answer(decision: "D7", answer: "1"), h) == "error: unknown decision D7 — waiting: D1")
        #expect(refusal(.answer(decision: "D1", answer: " "), h) == "error: give an answer — usage: /decide D ANSWER")
        h.apply(.decisionAnswered(id: "D1", answer: "1"))
        #expect(refusal(.answer(decision: "D1", answer: "2"), h) == "error: D1 was already answered: JWT")
        #expect(refusal(.answer(decision: "D1", answer: "2"), Sessions.empty) == "error: unknown decision D1 — no decision is waiting")
    }

    @Test func note() {
        #expect(accepted(.note("use UTC everywhere"), Sessions.empty) == [.noteRecorded(text: "use UTC everywhere")])
        #expect(refusal(.note(" "), Sessions.running) == "error: give the text of the note")
    }

    @Test func doneIsForTasksDoneByHand() {
        var h = Sessions.empty
        h.approve([task("T1", route: "human")])
        h.workspace("T1")
        #expect(accepted(.done(task: "t1", summary: "wrote it"), h) == [.humanFinished(task: "T1", summary: "wrote it")])
        var agent = Sessions.running
        agent.run("T1")
        #expect(
            refusal(.done(task: "T1", summary: ""), agent)
                == "error: T1 is running — /done is for tasks you do by hand (human) or conflicts you resolved")
        #expect(
            refusal(.done(task: "T3", summary: ""), agent)
                == "error: T3 is planned — /done is for tasks you do by hand (human) or conflicts you resolved")
    }

    @Test func rejectSendsATaskInReviewBack() {
        let h = Sessions.review
        #expect(accepted(.reject(task: "t1", feedback: "stream the rows"), h) == [.taskRejected(task: "T1", feedback: "stream the rows")])
        #expect(
            refusal(.reject(task: "T2", feedback: "x"), h)
                == "error: T2 is running — /reject is for a task in review (after its done checkpoint)")
        #expect(refusal(.reject(task: "T1", feedback: " "), h) == "error: say why, so the agent can fix it — usage: /reject T WHY")
    }

    @Test func mergeATaskInReviewWithItsDependenciesMerged() {
        var h = Sessions.review
        #expect(accepted(.merge(.task("t1")), h) == [], "accepted: the runtime merges and records the outcome")
        #expect(refusal(.merge(.task("T2")), h) == "error: T2 is running — it can be merged after its done checkpoint (/status)")
        #expect(refusal(.merge(.task("T3")), h) == "error: T3 depends on T1 T2, not merged yet — /merge T1 first")
        #expect(refusal(.merge(.task("T1")), Sessions.planning) == "error: nothing runs yet — /go first")
        #expect(refusal(.merge(.task("T9")), h) == "error: unknown task T9 — tasks are T1 T2 T3")
        h.apply(.taskMerged(task: "T1", commit: "m1"))
        #expect(refusal(.merge(.task("T1")), h) == "error: T1 is already merged")
    }

    @Test func mergeAllTakesWhatIsInReviewInOrder() {
        var h = Sessions.review
        #expect(accepted(.merge(.all), h) == [])
        #expect(h.state.nextMergeable() == "T1")
        #expect(h.state.nextMergeable(skipping: ["T1"]) == nil)
        h.apply(.taskMerged(task: "T1", commit: "m1"))
        #expect(refusal(.merge(.all), h) == "error: nothing is in review — tasks can be merged after their done checkpoint (/status)")
        #expect(refusal(.merge(.all), Sessions.planning) == "error: nothing runs yet — /go first")
    }

    @Test func finishNeedsARun() {
        #expect(accepted(.finish, Sessions.review) == [])
        #expect(refusal(.finish, Sessions.planning) == "error: nothing runs yet — /go first")
        #expect(refusal(.finish, Sessions.empty) == "error: nothing runs yet — /go first")
    }

    @Test func errorsAreRenderedOnceWithOneErrorPrefix() {
        let underlying = CommandError(.failed, "`git merge` failed (exit 1)")
        #expect(ErrorLine.render(CommandError.failed(underlying)) == "error: `git merge` failed (exit 1)")
        struct Disk: Error, CustomStringConvertible { var description: String { "the disk is full" } }
        let wrapped = CommandError.failed(Disk(), doing: "could not write PR.md")
        #expect(ErrorLine.render(wrapped) == "error: could not write PR.md: the disk is full")
        #expect(wrapped.code == .failed && wrapped.underlying is Disk)
    }
}
