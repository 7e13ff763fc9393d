import BatonTestSupport
import Foundation
import Testing

/// The user's attention (issue 15): the same question from five agents is put to the user
/// once; a contradicting answer is flagged; several decisions answered at once; checkpoint
/// and done lines say what the agent did, and /log shows them as lines; a writer's reply that
/// is no description falls back to the template.
@Suite struct AttentionTests {
    static let options = ["SQLite", "in memory"]

    /// A task that asks `question` at its first turn, then finishes (its second turn's prompt
    /// must hold `answer`, else its summary says MISSING).
    static func asking(_ task: String, _ question: String, options: [String] = options, answer: String, summary: String) -> [[String: Any]]
    {
        [
            [
                "write": ["\(task).txt": "draft\n"],
                "checkpoint": [
                    "checkpoint": "needs-decision", "summary": "Store interface drafted", "next": "pick the store",
                    "question": question, "options": options,
                ],
            ],
            [
                "append": ["\(task).txt": "done\n"], "expect_in_prompt": answer,
                "checkpoint": ["checkpoint": "done", "summary": summary],
            ],
        ]
    }

    @Test func fiveAgentsAskingTheSameQuestionAskTheUserOnce() throws {
        let repo = try TestRepository()
        let wordings = [
            "SQLite or in memory?", "Should we use SQLite, or in memory?", "sqlite or in-memory?", "SQLite or in memory?",
            "Use SQLite or in memory?",
        ]
        let env = try Review.environment(
            repo, plan: (1...5).map { Review.task("T\($0)", "Store part \($0)", scope: ["T\($0).txt"]) },
            turns: Dictionary(
                uniqueKeysWithValues: (1...5).map { i in
                    ("T\(i)", Self.asking("T\(i)", wordings[i - 1], answer: "Answer: SQLite", summary: "Part \(i) stores rows in SQLite"))
                }))
        let input = "Build the store\n/parallel 5\n/go\n/wait\n/decisions\n/decide D1 1\n/wait\n/decisions\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        // One question block; the other four are one line each, answered with it.
        let live = out.components(separatedBy: "open · most blocking first").first ?? ""
        #expect(live.components(separatedBy: "\n? D").count - 1 == 1, "\(out)")
        #expect(Review.lines(out, containing: "asks the same as D").count == 4, "\(out)")
        #expect(out.contains("also asked by "), "\(out)")
        #expect(out.contains("D1 answered: SQLite"), "\(out)")
        for id in ["D2", "D3", "D4", "D5"] {
            #expect(out.contains("\(id) answered from D1: SQLite · /decide \(id) <other> to change"), "\(out)")
        }
        // Every agent got the answer in its next turn, and finished.
        #expect(!out.contains("MISSING:"), "\(out)")
        #expect(Review.lines(out, containing: "] done · Part ").count == 5, "\(out)")
        let session = try Review.session(repo)
        let decisions = try #require(Review.show(repo, "baton/\(session)/main", "DECISIONS.md"))
        #expect(decisions.components(separatedBy: "**Question:**").count - 1 == 1, "asked once, recorded once: \(decisions)")
    }

    @Test func contradictionBatchSummariesLogAndPullRequestFallback() throws {
        let repo = try TestRepository()
        var env = try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Store sessions", scope: ["T1.txt"]), Review.task("T2", "Store reports", scope: ["T2.txt"]),
                Review.task("T3", "Log requests", scope: ["T3.txt"]), Review.task("T4", "Log jobs", scope: ["T4.txt"]),
            ],
            turns: [
                "T1": Self.asking("T1", "SQLite or in memory?", answer: "Answer: SQLite", summary: "Sessions live in SQLite"),
                "T2": Self.asking("T2", "SQLite or in memory?", answer: "Answer: in memory", summary: "Reports live in memory"),
                "T3": Self.asking(
                    "T3", "Log format for requests?", options: ["json", "text"], answer: "Answer: text", summary: "Requests logged as text"),
                "T4": Self.asking(
                    "T4", "Log format for jobs?", options: ["json", "text"], answer: "Answer: text", summary: "Jobs logged as text"),
            ])
        let writer = repo.scratch + "/writer.md"
        try "I need more context. Which branch should the PR target?\n".write(toFile: writer, atomically: true, encoding: .utf8)
        env.values["BATON_STANDIN_WRITER"] = writer
        let input = """
            Build the store and the logs
            /policy reuse-answers off
            /parallel 1
            /go
            /wait
            /decide all 1
            /decide D3 D4 2
            /decide D1 1
            /decide D2 2
            /decide D2 1
            /wait
            /log T2
            /log T2 --raw
            /finish

            """
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("policy reuse-answers off"), "\(out)")
        // One task at a time: T1…T4 ask D1…D4 in order.
        // Batch: refused where the options differ, then two at once.
        let differ = Review.lines(out, containing: "other options than D1")
        #expect(differ.first?.contains("error: D3 D4 have other options than D1") == true, "\(out)")
        #expect(out.contains("D3 answered: text") && out.contains("D4 answered: text"), "\(out)")
        // The contradiction is flagged before it is recorded, then kept for T2 only.
        #expect(
            out.contains("? D2 contradicts D1 (SQLite): 1) use in memory for T2 only 2) replace D1 for every task 3) keep D1"), "\(out)")
        #expect(out.contains("D2 answered: in memory"), "\(out)")
        #expect(!out.contains("MISSING:"), "\(out)")
        // Checkpoint and done lines carry the agent's summary.
        #expect(
            out.contains("[T1 claude] checkpoint 1 · needs decision · Store interface drafted · +1 −0 in 1 file · next: pick the store"),
            "\(out)")
        #expect(out.contains("[T2 claude] done · Reports live in memory · "), "\(out)")
        // /log renders the checkpoints as lines, never the raw block; --raw shows the stream.
        let log = out.components(separatedBy: "— turn 1 —").dropFirst().joined()
        #expect(log.contains("checkpoint 1 · needs decision · Store interface drafted"), "\(out)")
        #expect(log.contains("done · Reports live in memory"), "\(out)")
        let raw = out.components(separatedBy: "— turn 1 · raw —").last ?? ""
        #expect(raw.contains("\"type\":\"result\"") || raw.contains("\"type\": \"result\""), "\(out)")
        let rendered = out.components(separatedBy: "— turn 1 · raw —").first ?? ""
        #expect(!rendered.contains("```baton"), "\(out)")
        // PR.md: the writer asked a question, so the template, said in one line.
        #expect(
            out.contains("warning: the writer's reply asked a question instead of describing the change — PR.md is Baton's template"),
            "\(out)")
        let session = try Review.session(repo)
        let pr = try #require(repo.read(".baton/Sessions/\(session)/PR.md"))
        #expect(!pr.contains("Which branch"), "\(pr)")
        #expect(pr.contains("## What changed") && pr.contains("Reports live in memory"), "\(pr)")
        #expect(pr.contains("## Decisions") && pr.contains("## How it was checked") && pr.contains("## Reviews"), "\(pr)")
    }
}
