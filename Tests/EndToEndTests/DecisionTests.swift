import BatonTestSupport
import Foundation
import Testing

/// An agent's question becomes a decision; the answer reaches the agent's next turn,
/// DECISIONS.md on the integration branch, /decisions, and the briefs of later tasks.
@Suite struct DecisionTests {
    static let question = "Large reports: stream rows as they are produced, or build the file first?"

    static func environment(_ repo: TestRepository, answerInPrompt: String) throws -> BatonEnvironment {
        try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Add CSV export", scope: ["src/"]),
                Review.task("T2", "Document CSV export", scope: ["docs/"], deps: ["T1"], kind: "docs"),
            ],
            turns: [
                "T1": [
                    [
                        "write": ["src/export.txt": "export\n"],
                        "checkpoint": [
                            "checkpoint": "needs-decision", "summary": "Exporter drafted", "next": "large reports",
                            "question": question, "options": ["stream rows", "build the file first"],
                        ],
                    ],
                    [
                        "append": ["src/export.txt": "chosen\n"], "expect_in_prompt": answerInPrompt,
                        "checkpoint": ["checkpoint": "done", "summary": "Export complete"],
                    ],
                ]
            ])
    }

    @Test func answerByNumberReachesTheNextTurnAndDecisionsFile() throws {
        let repo = try TestRepository()
        let env = try Self.environment(repo, answerInPrompt: "Answer: build the file first")
        let input = """
            Add CSV export
            /go
            /wait
            /decide D1 2
            /wait
            /decisions
            /note use UTC timestamps everywhere
            /merge T1
            /wait

            """
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        // The decision is set apart: a blank line, `?`, the task, the question, numbered options.
        #expect(out.contains("\n\n? D1  [T1 claude] \(Self.question)\n"), "\(out)")
        #expect(out.contains("      1) stream rows   2) build the file first        /decide D1 <1|2|text>"), "\(out)")
        #expect(out.contains("nothing is running · 1 decision waiting"), "\(out)")
        #expect(out.contains("D1 answered: build the file first · recorded in DECISIONS.md · T1 continues"), "\(out)")
        // The stand-in's next turn found the answer in its prompt (else its summary says MISSING).
        #expect(!out.contains("MISSING:"), "\(out)")
        #expect(out.contains("[T1 claude] done · "), "\(out)")
        // /decisions lists it as answered.
        let answered = out.components(separatedBy: "\nanswered\n").last ?? ""
        #expect(answered.contains("D1"), "\(out)")
        #expect(Review.lines(answered, containing: "D1").first?.contains("build the file first") == true, "\(out)")
        #expect(out.contains("noted as D2 · recorded in DECISIONS.md"), "\(out)")
        // No bell and no OSC 9 when piped.
        #expect(!out.contains("\u{07}"))
        #expect(!out.contains("\u{1B}]9;"))

        let session = try Review.session(repo)
        let decisions = try #require(Review.show(repo, "baton/\(session)/main", "DECISIONS.md"))
        #expect(decisions.contains("## D1 ·"), "\(decisions)")
        #expect(decisions.contains("T1"), "\(decisions)")
        #expect(decisions.contains("**Question:** \(Self.question)"), "\(decisions)")
        #expect(decisions.contains("**Answer:** build the file first"), "\(decisions)")
        #expect(decisions.contains("note\n\nuse UTC timestamps everywhere"), "\(decisions)")

        // T2 started after T1 merged; its brief carries DECISIONS.md: the answer and the note.
        #expect(out.contains("merged T1 into baton/\(session)/main"), "\(out)")
        let brief = try #require(Review.prompts(env, task: "T2").first, "T2 never ran: \(out)")
        #expect(brief.contains("**Answer:** build the file first"), "\(brief)")
        #expect(brief.contains("use UTC timestamps everywhere"), "\(brief)")
    }

    @Test func answerInWordsAndANoteBeforeGo() throws {
        let repo = try TestRepository()
        let env = try Self.environment(repo, answerInPrompt: "Answer: stream them in chunks of 500 rows")
        let input = """
            Add CSV export
            /note keep the CSV dialect RFC 4180
            /go
            /wait
            /decide d2 stream them in chunks of 500 rows
            /wait
            /decisions

            """
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("noted as D1 · goes into DECISIONS.md at /go"), "\(out)")
        #expect(out.contains("? D2  [T1 claude] \(Self.question)"), "\(out)")
        #expect(out.contains("D2 answered: stream them in chunks of 500 rows"), "\(out)")
        #expect(!out.contains("MISSING:"), "\(out)")
        // The note taken before /go was in T1's very first brief.
        let first = try #require(Review.prompts(env, task: "T1").first)
        #expect(first.contains("keep the CSV dialect RFC 4180"), "\(first)")
        let session = try Review.session(repo)
        let decisions = try #require(Review.show(repo, "baton/\(session)/main", "DECISIONS.md"))
        #expect(decisions.contains("keep the CSV dialect RFC 4180"))
        #expect(decisions.contains("**Answer:** stream them in chunks of 500 rows"))
        #expect(!out.contains("\u{07}"))
    }

    @Test func wrongAnswersAreRefusedAndTheDecisionStaysOpen() throws {
        let repo = try TestRepository()
        let env = try Self.environment(repo, answerInPrompt: "Answer: stream rows")
        let input = "Add CSV export\n/go\n/wait\n/decide D1 5\n/decide D9 1\n/decide D1 1\n/wait\n/decide D1 2\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("error: D1 has options 1–2 — pick one, or answer in words"), "\(out)")
        #expect(out.contains("error: unknown decision D9 — waiting: D1"), "\(out)")
        #expect(out.contains("D1 answered: stream rows"), "\(out)")
        #expect(out.contains("error: D1 was already answered: stream rows"), "\(out)")
        #expect(!out.contains("MISSING:"), "\(out)")
        #expect(result.status != 0, "the last command failed")
    }
}
