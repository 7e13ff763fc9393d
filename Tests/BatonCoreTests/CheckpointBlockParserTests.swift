import Testing

@testable import BatonCore

@Suite struct CheckpointBlockParserTests {
    @Test func readsTheBlockFromAFixtureMessage() {
        let text = """
            Added the endpoint.

            ```baton
            {"checkpoint":"needs-decision","summary":"Added GET /verify.","next":"Store tokens.","question":"Opaque or JWT?","options":["opaque tokens","signed JWT"]}
            ```
            """
        let report = CheckpointBlockParser.parse(finalText: text)
        #expect(
            report
                == CheckpointReport(
                    kind: .needsDecision, summary: "Added GET /verify.", next: "Store tokens.",
                    question: "Opaque or JWT?", options: ["opaque tokens", "signed JWT"]))
    }

    @Test func theLastBlockWins() {
        let text = """
            ```baton
            {"checkpoint":"first-change","summary":"one","next":"","question":null,"options":[]}
            ```
            more work
            ```baton
            {"checkpoint":"done",
             "summary":"two","next":"","question":null,"options":[]}
            ```
            """
        let report = CheckpointBlockParser.parse(finalText: text)
        #expect(report.kind == .done)
        #expect(report.summary == "two")
        #expect(report.question == nil)
    }

    @Test func aMalformedLastBlockIsUnstructuredEvenAfterAGoodOne() {
        let text = """
            ```baton
            {"checkpoint":"done","summary":"early","next":"","question":null,"options":[]}
            ```

            I changed the parser.

            ```baton
            {"checkpoint":"done", "summary": oops}
            ```
            """
        let report = CheckpointBlockParser.parse(finalText: text)
        #expect(report.kind == .unstructured)
        #expect(report.summary == "I changed the parser.")
    }

    @Test func unknownKindIsUnstructured() {
        let text = "Did things.\n\n```baton\n{\"checkpoint\":\"halfway\",\"summary\":\"x\"}\n```"
        let report = CheckpointBlockParser.parse(finalText: text)
        #expect(report.kind == .unstructured)
        #expect(report.summary == "Did things.")
    }

    @Test func noBlockGivesTheLastParagraphOnOneLine() {
        let text = "First paragraph.\n\nSecond\nparagraph here.\n\n   \n"
        let report = CheckpointBlockParser.parse(finalText: text)
        #expect(report == CheckpointReport(kind: .unstructured, summary: "Second paragraph here."))
    }

    @Test func longSummariesAreCut() {
        let report = CheckpointBlockParser.parse(finalText: String(repeating: "word ", count: 200))
        #expect(report.summary.count <= CheckpointBlockParser.summaryLimit)
        #expect(report.summary.hasSuffix("…"))
    }

    @Test func emptyAndOddFieldsAreTolerated() {
        #expect(CheckpointBlockParser.parse(finalText: "") == CheckpointReport(kind: .unstructured, summary: ""))
        let text = "Note.\n```baton\n{\"checkpoint\":\"core-drafted\",\"summary\":\"\",\"options\":\"not a list\",\"question\":\"\"}\n```"
        let report = CheckpointBlockParser.parse(finalText: text)
        #expect(report.kind == .coreDrafted)
        #expect(report.summary == "Note.")  // empty summary falls back to the text
        #expect(report.options == [])
        #expect(report.question == nil)
    }

    @Test func anUnclosedBlockAtTheEndStillCounts() {
        let text = "Done.\n```baton\n{\"checkpoint\":\"done\",\"summary\":\"All set.\"}"
        #expect(CheckpointBlockParser.parse(finalText: text).kind == .done)
    }

    @Test func controlSequencesInFieldsAreRemoved() {
        let text = "```baton\n{\"checkpoint\":\"done\",\"summary\":\"ok\\u001b]0;pwned\\u0007 now\",\"options\":[\"a\\u001b[31m\"]}\n```"
        let report = CheckpointBlockParser.parse(finalText: text)
        #expect(report.summary == "ok now")
        #expect(report.options == ["a"])
    }

    @Test func otherFencesAreNotCheckpoints() {
        let text = "Here:\n```json\n{\"checkpoint\":\"done\",\"summary\":\"x\"}\n```\nThe end."
        let report = CheckpointBlockParser.parse(finalText: text)
        #expect(report.kind == .unstructured)
        #expect(report.summary.contains("The end."))
    }
}
