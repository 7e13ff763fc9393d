import BatonTestSupport
import Foundation
import Testing

/// A tool the agent was denied becomes a decision; the answer decides whether the next turn
/// runs with the tool allowed (`--allowedTools`), and for how long.
@Suite struct DecisionPermissionTests {
    static let tool = "Bash(git push origin HEAD)"

    /// T1's first turn is denied `git push origin HEAD`; its second expects `prompt` and tries
    /// again; its third (after /reject) tries once more.
    static func run(answer: String, prompt: String) throws -> (out: String, calls: [(argv: [String], prompt: String)]) {
        let repo = try TestRepository()
        let push: [String: Any] = ["deny": "git push origin HEAD"]
        let env = try Review.environment(
            repo, plan: [Review.task("T1", "Publish the release", scope: ["src/"])],
            turns: [
                "T1": [
                    push.merging(["write": ["src/release.txt": "v1\n"]]) { a, _ in a },
                    push.merging(["expect_in_prompt": prompt]) { a, _ in a },
                    push.merging(["expect_in_prompt": "tag it first"]) { a, _ in a },
                ]
            ])
        let input = "Publish the release\n/go\n/wait\n/decide D1 \(answer)\n/wait\n/reject T1 tag it first\n/wait\n/decisions\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        return (result.stdout, Review.workerCalls(env))
    }

    static func allowedTools(_ argv: [String]) -> String? {
        // The user's grants (Baton's own MCP tools are pre-allowed in a list of their own).
        argv.indices.filter { argv[$0] == "--allowedTools" && $0 + 1 < argv.count }.map { argv[$0 + 1] }
            .first { !$0.hasPrefix("mcp__baton__") }
    }

    @Test func allowForThisTaskRerunsWithTheTool() throws {
        let (out, calls) = try Self.run(answer: "2", prompt: "You may now use \(Self.tool)")
        #expect(out.contains("? D1  [T1 claude] T1 wants \(Self.tool) — allow it?"), "\(out)")
        #expect(out.contains("1) allow once   2) allow for this task   3) deny"), "\(out)")
        #expect(out.contains("D1 answered: allow for this task"), "\(out)")
        #expect(!out.contains("MISSING:"), "\(out)")
        #expect(!out.contains("\u{07}"))
        try #require(calls.count == 3, "\(calls.map(\.argv))")
        #expect(Self.allowedTools(calls[0].argv) == nil, "the first turn asks for nothing")
        // For the task: claude's prefix rule, so later pushes are allowed too.
        #expect(Self.allowedTools(calls[1].argv) == "Bash(git push:*)", "\(calls[1].argv)")
        #expect(Self.allowedTools(calls[2].argv) == "Bash(git push:*)", "allowed for the task: later turns keep it")
        // Allowed, the tool ran: no second decision, the task reached review.
        #expect(!out.contains("? D2"), "\(out)")
        #expect(Review.lines(out, containing: "[T1 claude] done").count == 2, "\(out)")
    }

    @Test func allowOnceIsForTheNextTurnOnly() throws {
        let (out, calls) = try Self.run(answer: "1", prompt: "You may now use \(Self.tool)")
        #expect(out.contains("D1 answered: allow once"), "\(out)")
        try #require(calls.count >= 3, "\(calls.map(\.argv))")
        #expect(Self.allowedTools(calls[1].argv) == Self.tool, "\(calls[1].argv)")
        #expect(Self.allowedTools(calls[2].argv) == nil, "allowed once: the turn after asks again")
        // The third turn was denied again: a second permission decision.
        #expect(out.contains("? D2  [T1 claude] T1 wants \(Self.tool) — allow it?"), "\(out)")
    }

    @Test func denyTellsTheAgentInItsNextPrompt() throws {
        let (out, calls) = try Self.run(answer: "3", prompt: "The user denied \(Self.tool)")
        #expect(out.contains("D1 answered: deny"), "\(out)")
        try #require(calls.count >= 2, "\(calls.map(\.argv))")
        #expect(Self.allowedTools(calls[1].argv) == nil, "\(calls[1].argv)")
        #expect(calls[1].prompt.contains("The user denied \(Self.tool). Do without it."))
        #expect(!out.contains("MISSING: The user denied"), "\(out)")
        // Denied again in that turn, so Baton asks again rather than letting it pass silently.
        #expect(out.contains("? D2  [T1 claude] T1 wants \(Self.tool) — allow it?"), "\(out)")
    }
}
