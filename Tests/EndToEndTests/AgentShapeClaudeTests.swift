import BatonTestSupport
import Foundation
import Testing

/// Claude streams built from the real message shapes (the Claude Agent SDK's parser tests),
/// replayed by the stand-in claude through the real `baton`, one behaviour each.
@Suite struct AgentShapeClaudeTests {
    static func fixture(_ name: String) -> String {
        Products.packageRoot.appendingPathComponent("Tests/BatonAgentsTests/Fixtures/\(name)").path
    }

    /// Runs a one-task plan (two when `second`) whose first T1 turn replays `fixture`; later
    /// turns are the stand-in's default (done).
    static func run(
        _ fixture: String, input: String, second: Bool = false, exit: Int = 0
    ) throws -> (out: String, calls: [(argv: [String], prompt: String)]) {
        let repo = try TestRepository()
        var plan = [Review.task("T1", "Add CSV export", scope: ["src/"])]
        if second { plan.append(Review.task("T2", "Add JSON export", scope: ["lib/"])) }
        let env = try Review.environment(
            repo, plan: plan, turns: ["T1": [["replay": Self.fixture(fixture), "exit": exit]]])
        let result = try Baton.run(input: input, in: repo, environment: env)
        // (read now: the stand-ins' state goes with the repository's scratch folder)
        return (result.stdout, Review.workerCalls(env))
    }

    /// `HH:MM` of an epoch time in this process's zone (the stand-in resets an hour on).
    static func clock(_ text: String) -> Bool {
        text.range(of: #"resets at \d\d:\d\d"#, options: .regularExpression) != nil
    }

    @Test func apiErrorWithSubtypeSuccessIsAFailedTurnNamingTheCause() throws {
        let (out, _) = try Self.run("claude-api-overloaded.jsonl", input: "Add CSV export\n/go\n/wait\n", exit: 1)
        let failed = Review.lines(out, containing: "[T1 claude] failed")
        #expect(failed.count == 1, "\(out)")
        #expect(failed.first?.contains("API overloaded (529)") == true, "\(out)")
        #expect(failed.first?.contains("/retry T1") == true, "\(out)")
        #expect(!failed.joined().contains("success"), "\(out)")
    }

    @Test func subagentOutputIsIndentedInTheLogAndNeverTheCheckpoint() throws {
        let (out, _) = try Self.run("claude-subagent.jsonl", input: "Add CSV export\n/go\n/wait\n/log T1 60\n")
        // The main agent's block (first-change) is the checkpoint, not the subagent's "done".
        #expect(out.contains("[T1 claude] checkpoint 1 · first change"), "\(out)")
        #expect(out.contains("    │ Subagent survey: the writer lives in src/csv.py."), "\(out)")
        #expect(out.contains("    │ reading src/csv.py"), "\(out)")
        let unindented = out.split(separator: "\n").filter { $0.hasPrefix("Subagent survey") }
        #expect(unindented.isEmpty, "\(out)")
    }

    @Test func everyDenialIsAskedInOneDecisionWithRulesClaudeAccepts() throws {
        let (out, calls) = try Self.run(
            "claude-denials.jsonl", input: "Add CSV export\n/go\n/wait\n/decide D1 2\n/wait\n/decisions\n")
        #expect(
            out.contains(
                "T1 wants 5 tools: 4) Bash(git push origin HEAD) 5) mcp__github__create_pull_request 6) Edit(/etc/baton-fixture.conf) 7) WebFetch(https://docs.example.com/csv) 8) Write(src/gen.py) — allow them?"
            ), "\(out)")
        #expect(out.contains("1) allow all once   2) allow all for this task   3) deny all"), "\(out)")
        #expect(!out.contains("? D2"), "one decision for all five: \(out)")
        try #require(calls.count >= 2, "\(calls.map(\.argv))")
        let allowed = DecisionPermissionTests.allowedTools(calls[1].argv)
        #expect(
            allowed
                == "Bash(git push:*),mcp__github__create_pull_request,Edit(//etc/baton-fixture.conf),WebFetch(domain:docs.example.com),Edit(src/gen.py)",
            "\(calls[1].argv)")
    }

    @Test func pickingOneDenialByNumberAllowsOnlyThat() throws {
        let (out, calls) = try Self.run("claude-denials.jsonl", input: "Add CSV export\n/go\n/wait\n/decide D1 5\n/wait\n")
        #expect(out.contains("D1 answered: allow only mcp__github__create_pull_request for this task"), "\(out)")
        try #require(calls.count >= 2, "\(calls.map(\.argv))")
        #expect(DecisionPermissionTests.allowedTools(calls[1].argv) == "mcp__github__create_pull_request", "\(calls[1].argv)")
        #expect(calls[1].prompt.contains("The user denied Bash(git push origin HEAD)"), "\(calls[1].prompt)")
    }

    @Test func deferredToolUseIsADecisionNotAFinishedTurn() throws {
        let (out, calls) = try Self.run("claude-deferred.jsonl", input: "Add CSV export\n/go\n/wait\n/decide D1 1\n/wait\n")
        #expect(out.contains("T1 wants Write(src/settings.py) — allow it?"), "\(out)")
        #expect(!out.contains("checkpoint 1 · unstructured"), "\(out)")
        try #require(calls.count >= 2, "\(calls.map(\.argv))")
        #expect(DecisionPermissionTests.allowedTools(calls[1].argv) == "Edit(src/settings.py)", "\(calls[1].argv)")
    }

    @Test func rejectedRateLimitFailsTheTurnAndHoldsTheAgent() throws {
        let (out, calls) = try Self.run(
            "claude-rate-limited.jsonl", input: "Add CSV export\n/parallel 1\n/go\n/wait\n/status\n", second: true, exit: 1)
        let warnings = Review.lines(out, containing: "claude has used over 90% of its five-hour limit — resets at ")
        #expect(warnings.count == 1, "one warning per window: \(out)")
        let failed = Review.lines(out, containing: "[T1 claude] failed")
        #expect(failed.count == 1 && failed[0].contains("rate limited (five-hour limit reached) — resets at "), "\(out)")
        #expect(Self.clock(failed.first ?? ""), "\(out)")
        // T2 (also claude) does not start before the reset.
        #expect(!out.contains("started T2"), "\(out)")
        #expect(calls.count == 1, "\(calls.map(\.argv))")
    }

    @Test func costFallsBackToModelUsageAndCacheIsShownApart() throws {
        let (out, _) = try Self.run("claude-model-usage.jsonl", input: "Add CSV export\n/go\n/wait\n")
        let done = Review.lines(out, containing: "[T1 claude] done")
        #expect(done.count == 1, "\(out)")
        #expect(done.first?.contains("18.0k tok + 20.0k cached · $0.42") == true, "\(out)")
    }

    @Test func anUnknownEventTypeGivesOneWarningNamingTheCLIVersion() throws {
        let (out, _) = try Self.run("claude-drift.jsonl", input: "Add CSV export\n/go\n/wait\n")
        let warnings = Review.lines(out, containing: "claude 2.1.327 sent an unknown event type prompt_suggestion")
        #expect(warnings.count == 1, "\(out)")
        #expect(out.contains("[T1 claude] done"), "it parsed the rest: \(out)")
    }
}
