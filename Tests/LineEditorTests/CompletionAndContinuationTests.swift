import Testing

@testable import LineEditor

@Suite("Completion and continuation")
struct CompletionAndContinuationTests {
    @Test func singleCandidateCompletesTheWordAndAddsASpace() {
        let plan = Completion.plan(lineBeforeCursor: "/route T2 cl", candidates: ["claude", "codex"])
        #expect(plan == Completion(insert: "aude ", listing: []))
    }

    @Test func severalCandidatesInsertTheCommonPrefixAndList() {
        let plan = Completion.plan(lineBeforeCursor: "/st", candidates: ["/status", "/start", "/stop", "/help"])
        #expect(plan.insert == "")
        #expect(plan.listing == ["/start", "/status", "/stop"])
        let deeper = Completion.plan(lineBeforeCursor: "/s", candidates: ["/status", "/start"])
        #expect(deeper.insert == "ta")
    }

    @Test func noCandidateDoesNothing() {
        #expect(Completion.plan(lineBeforeCursor: "xyz", candidates: ["abc"]) == Completion(insert: "", listing: []))
        #expect(Completion.plan(lineBeforeCursor: "", candidates: []) == Completion(insert: "", listing: []))
    }

    @Test func commonPrefixWorksOnCharacters() {
        #expect(Completion.commonPrefix(["héllo", "hélium"]) == "hél")
        #expect(Completion.commonPrefix(["a"]) == "a")
        #expect(Completion.commonPrefix([]) == "")
        #expect(Completion.currentWord("a b\tcd") == "cd")
        #expect(Completion.currentWord("a ") == "")
    }

    @Test func listingFitsTheWidth() {
        let text = Completion.columns(["alpha", "beta", "gamma"], width: 16)
        #expect(text == "alpha  beta\ngamma\n")
    }

    @Test func backslashContinuesAndLinesJoinWithNewlines() {
        #expect(Continuation.split("first \\") == ("first ", true))
        #expect(Continuation.split("done") == ("done", false))
        #expect(Continuation.join(["a", "b"]) == "a\nb")
    }

    @Test func plainReaderJoinsContinuedLinesAndEndsWithEOF() {
        var input = ["one \\", "two\\", "three", "last\\"][...]
        let reader = PlainLineReader(nextLine: { input.popFirst() })
        #expect(reader.readMessage() == .line("one \ntwo\nthree"))
        #expect(reader.readMessage() == .line("last"))
        #expect(reader.readMessage() == .eof)
        #expect(reader.readMessage() == .eof)
    }
}
