import BatonCore
import Foundation
import Testing

@testable import BatonREPL

/// The pure parts of `baton run`: --answers, --policy, --until, and how a run ends.
@Suite struct HeadlessOptionTests {
    private func book(_ json: String) throws -> AnswerBook {
        try AnswerBook.parse(Data(json.utf8), name: "answers.json")
    }

    private func decision(_ id: String, _ question: String, options: [String] = []) -> Decision {
        Decision(id: id, kind: .question, task: "T1", question: question, options: options)
    }

    private func error(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch { return "\(error)" }
    }

    @Test func answersPickDecisionsByIdThenQuestionThenPattern() throws {
        let answers = try book(#"{"D*": "1", "d2": "2", "Stream ROWS": "stream rows", "D1*": "build it", "large   REPORTS: stream": "3"}"#)
        let d1 = decision("D1", "Large reports: stream rows, or build the file first?")
        let d2 = decision("D2", "Large reports: stream rows, or build the file first?")
        let d3 = decision("D3", "Which date format?")
        let d10 = decision("D10", "Quote every field?")
        // An exact id beats question text; the longest matching question text beats a shorter one.
        #expect(answers.answer(for: d2)?.answer == "2")
        #expect(answers.answer(for: d1)?.key == "large   REPORTS: stream")
        // Question text beats id patterns; the longer pattern wins among patterns.
        #expect(answers.answer(for: d10)?.answer == "build it")
        #expect(answers.answer(for: d3)?.answer == "1")
        // Nothing picks a decision when no key matches.
        #expect(try book(#"{"D2": "x", "date": "ISO"}"#).answer(for: d1) == nil)
    }

    @Test func idPatternsAreDAndDigitsWithOneTrailingStar() {
        #expect(AnswerBook.idPattern("D1") == "D1")
        #expect(AnswerBook.idPattern("d*") == "D*")
        #expect(AnswerBook.idPattern("D12*") == "D12*")
        // Anything else is question text.
        #expect(AnswerBook.idPattern("D") == nil)
        #expect(AnswerBook.idPattern("Date format") == nil)
        #expect(AnswerBook.idPattern("D*1") == nil)
        #expect(AnswerBook.idPattern("D١") == nil)
    }

    @Test func answersMayBeOptionNumbers() throws {
        let answers = try book(#"{"D1": 2}"#)
        #expect(answers.answer(for: decision("D1", "Quote?", options: ["always", "when needed"]))?.answer == "2")
    }

    @Test func badAnswersFilesAreOneLineErrors() {
        #expect(error { try book("[1, 2]") }?.contains("answers.json is not a JSON object") == true)
        #expect(error { try book("{\"D1\": \"2\"") }?.contains("is not a JSON object") == true)
        #expect(
            error { try book(#"{"D1": true}"#) }
                == "answers.json: the answer to \"D1\" is not a string or a whole number — e.g. {\"D1\": \"2\", \"stream rows\": \"stream rows\"}"
        )
        #expect(error { try book(#"{"D1": "  "}"#) } == "answers.json: the answer to \"D1\" is empty")
        #expect(error { try book(#"{" ": "yes"}"#) }?.hasPrefix("answers.json has an empty key") == true)
        #expect(
            error { try AnswerBook.load(path: "/nonexistent/answers.json") }?.hasPrefix(
                "cannot read the answers file /nonexistent/answers.json") == true)
    }

    @Test func policyOptionParsesPairsWithThePolicyRules() throws {
        let policy = try PolicyOption.parse("merge=auto, checkpoints=ask,max-turns=4")
        #expect(policy.settings.map(\.name) == ["merge", "checkpoints", "max-turns"])
        #expect(
            policy.commands == [
                .policy(name: "merge", value: "auto"), .policy(name: "checkpoints", value: "ask"),
                .policy(name: "max-turns", value: "4"),
            ])
        #expect(
            error { try PolicyOption.parse("merge") }
                == "\"merge\" is not NAME=VALUE — --policy takes NAME=VALUE pairs separated by commas, e.g. --policy merge=auto,checkpoints=ask"
        )
        #expect(error { try PolicyOption.parse("merge=auto,") }?.hasPrefix("\"\" is not NAME=VALUE") == true)
        #expect(error { try PolicyOption.parse("merge=sometimes") } == "--policy: merge takes auto|manual, e.g. merge=auto")
        #expect(
            error { try PolicyOption.parse("speed=high") }?.hasPrefix("--policy: unknown policy speed — policies are checkpoints merge")
                == true)
    }

    @Test func untilNamesItsGoals() {
        #expect(RunGoal(argument: "merged") == .merged)
        #expect(RunGoal(argument: "finish") == nil)
        #expect(RunGoal.allValueStrings == ["done", "merged", "finished"])
        #expect(!RunGoal.done.merges && RunGoal.merged.merges && RunGoal.finished.merges)
    }

    @Test func exitCodesAndClosingLines() {
        #expect(RunOutcome.planned(session: "s-1").exitCode == 0)
        #expect(RunOutcome.reached(.merged, session: "s-1", summary: "2/2 merged").exitCode == 0)
        #expect(RunOutcome.failed("T1 failed").exitCode == 1)
        #expect(RunOutcome.failed("T1 failed").lines == ["error: T1 failed"])
        let waiting = RunOutcome.waiting(
            session: "s-1a2b",
            decisions: [
                decision("D1", "Stream rows,\nor build the file first?", options: ["stream rows", "build the file first"]),
                Decision(id: "D2", kind: .question, task: nil, question: "Budget reached \u{1B}[31mgo on?", options: []),
            ])
        #expect(waiting.exitCode == 3)
        #expect(
            waiting.lines == [
                "2 decisions wait · session s-1a2b · answer in baton resume s-1a2b (/decide), or with --answers FILE:",
                "  D1  [T1] Stream rows, or build the file first?  1) stream rows  2) build the file first",
                "  D2  Budget reached go on?",
            ])
    }
}
