import BatonTestSupport
import Foundation
import Testing

/// Codex streams built from codex-rs's exec event types (exec_events.rs), replayed by the
/// stand-in codex through the real `baton`.
@Suite struct AgentShapeCodexTests {
    /// A one-task plan routed to codex whose first turn replays `fixture`.
    static func run(
        _ fixture: String, input: [String], arguments: [String] = [], config: String? = nil
    ) throws -> (out: String, calls: [[String]]) {
        let repo = try TestRepository()
        if let config {
            try FileManager.default.createDirectory(atPath: repo.path + "/.baton", withIntermediateDirectories: true)
            try config.write(toFile: repo.path + "/.baton/agents.json", atomically: true, encoding: .utf8)
        }
        let env = try Review.environment(
            repo, agents: ["claude", "codex"], plan: [Review.task("T1", "Add the verify endpoint", scope: ["src/"])],
            turns: ["T1@codex": [["replay": AgentShapeClaudeTests.fixture(fixture)]]])
        let lines = ["Add the verify endpoint", "/route T1 codex", "/go", "/wait"] + input
        let result = try Baton.run(arguments, input: lines.joined(separator: "\n") + "\n", in: repo, environment: env)
        // (read now: the stand-ins' state goes with the repository's scratch folder)
        return (result.stdout, env.calls().filter { $0.agent == "codex" && $0.argv.contains("exec") && !$0.argv.contains("read-only") }.map(\.argv))
    }

    @Test func requestUserInputIsADecisionAnsweredThroughExecResume() throws {
        let (out, calls) = try Self.run("codex-user-input.jsonl", input: ["/decide D1 2", "/wait"])
        #expect(
            out.contains("Token storage: Opaque tokens in the database, or signed JWT in the link?"), "\(out)")
        #expect(out.contains("1) opaque tokens   2) signed JWT"), "\(out)")
        try #require(calls.count >= 2, "\(calls)")
        let resume = try #require(calls[1].firstIndex(of: "resume"), "\(calls[1])")
        #expect(calls[1][resume + 1].hasPrefix("0199"), "codex's own thread id: \(calls[1])")
        #expect(calls[1].last?.contains("signed JWT") == true, "the answer reaches codex: \(calls[1])")
    }

    @Test func theBlockComesFromTheLastMessageCarryingOneAndFailuresAreInTheLog() throws {
        let (out, _) = try Self.run("codex-last-block.jsonl", input: ["/log T1 80"])
        #expect(out.contains("checkpoint 1 · core drafted"), "\(out)")
        #expect(out.contains("exit 2: swift test"), "\(out)")
        #expect(out.contains("command declined: rm -rf .build"), "\(out)")
        #expect(out.contains("could not change src/verify.py (the edit failed)"), "\(out)")
    }

    @Test func estimatedCostIsShownWithATildeAndCountsForTheBudget() throws {
        // 200k new input, 800k cached, 100k output at gpt-5-codex's built-in price: ~$1.35.
        let (out, calls) = try Self.run(
            "codex-last-block.jsonl", input: ["/status"], arguments: ["--budget-usd", "1"])
        #expect(out.range(of: #"(?m)^\s+T1\s+codex\s+waiting.*~\$1\.35"#, options: .regularExpression) != nil, "\(out)")
        #expect(Review.lines(out, containing: "budget — no new turn starts").count == 1, "\(out)")
        #expect(calls.count == 1, "\(calls)")
    }

    @Test func pricesInAgentsJSONOverrideTheBuiltInOnes() throws {
        let config = #"{"prices": {"gpt-5-codex": {"input": 10, "cached_input": 1, "output": 20}}}"#
        let (out, _) = try Self.run(
            "codex-last-block.jsonl", input: ["/status"], arguments: ["--budget-usd", "1"], config: config)
        // 0.2M × $10 + 0.8M × $1 + 0.1M × $20 = $4.80
        #expect(out.range(of: #"(?m)^\s+T1\s+codex\s.*~\$4\.80"#, options: .regularExpression) != nil, "\(out)")
    }

    @Test func anUnknownEventTypeGivesOneWarningNamingTheCLIAndItsVersion() throws {
        let (out, _) = try Self.run("codex-drift.jsonl", input: [])
        let warnings = Review.lines(out, containing: "codex (codex-cli 0.163.0-standin) sent an unknown event type thread.compacted")
        #expect(warnings.count == 1, "\(out)")
        #expect(out.contains("[T1 codex ] done"), "it parsed the rest: \(out)")
    }
}
