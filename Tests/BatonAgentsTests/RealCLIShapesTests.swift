import BatonCore
import Foundation
import Testing

@testable import BatonAgents

/// The defects the real CLIs showed (issue 19), on stream lines of their real shapes
/// (Claude Code 2.1.327, Codex 0.163.0).
@Suite struct ClaudeRealShapesTests {
    static let worktree = "/repo/.baton/worktrees/s-fa38/T1"

    /// A `--resume` run: `total_cost_usd`/`modelUsage` count the session, `usage` and
    /// `model_usage_since_last_result` this run.
    @Test func resumedRunCountsItsOwnCost() {
        let text = """
            {"type":"system","subtype":"init","cwd":"\(Self.worktree)","session_id":"c-1","tools":["Read"],"model":"claude-sonnet-4-5"}
            {"type":"result","subtype":"success","is_error":false,"duration_ms":900,"num_turns":2,"result":"ok","session_id":"c-1","total_cost_usd":0.11,"usage":{"input_tokens":30,"cache_creation_input_tokens":0,"cache_read_input_tokens":500,"output_tokens":70},"modelUsage":{"claude-sonnet-4-5":{"inputTokens":60,"outputTokens":140,"costUSD":0.11}},"model_usage_since_last_result":{"claude-sonnet-4-5":{"inputTokens":30,"outputTokens":70,"cacheReadInputTokens":500,"cacheCreationInputTokens":0,"webSearchRequests":0,"costUSD":0.05,"contextWindow":200000}},"permission_denials":[],"terminal_reason":"completed"}
            """
        let (events, result) = Support.run(ClaudeStreamDecoder(), text)
        #expect(result.costUSD == 0.05)
        #expect(result.sessionCostUSD == 0.11)
        #expect(result.tokens == 100)
        #expect(events.last == .usage(tokens: 100, costUSD: 0.05))
    }

    @Test func withoutPerRunFiguresTheTotalIsReportedForTheDifference() {
        let text =
            #"{"type":"result","subtype":"success","is_error":false,"result":"ok","session_id":"c-1","total_cost_usd":0.11,"usage":{"input_tokens":30,"output_tokens":70},"permission_denials":[]}"#
        let result = Support.run(ClaudeStreamDecoder(), text).result
        #expect(result.costUSD == 0.11 && result.sessionCostUSD == 0.11)
    }

    @Test func aRunWhoseAPICallsAllFailedCostsNothing() {
        let text =
            #"{"type":"result","subtype":"success","is_error":true,"api_error_status":500,"result":"API Error: 500 Internal Server Error","session_id":"c-1","total_cost_usd":0.03,"usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0},"permission_denials":[],"terminal_reason":"api_error"}"#
        let result = Support.run(ClaudeStreamDecoder(), text).result
        #expect(result.costUSD == 0)
        #expect(result.sessionCostUSD == 0.03)
        #expect(result.error == "API Error: 500 Internal Server Error")
    }

    @Test func apiRetryLinesAreRetriesNotProgress() {
        let text = """
            {"type":"system","subtype":"api_retry","attempt":1,"max_retries":10,"retry_delay_ms":594,"error_status":null,"error":"unknown","session_id":"c-1","uuid":"u1"}
            {"type":"system","subtype":"api_retry","attempt":2,"max_retries":10,"retry_delay_ms":1163,"error_status":529,"error":"overloaded","session_id":"c-1","uuid":"u2"}
            """
        let events = Support.run(ClaudeStreamDecoder(), text).events
        #expect(
            events == [
                .sessionStarted("c-1"), .retrying("API call failed, retrying (attempt 1 of 10)"),
                .retrying("API call failed (status 529), retrying (attempt 2 of 10)"),
            ])
    }

    @Test func absolutePathsAreShownRelativeToTheWorktree() {
        let text = """
            {"type":"assistant","message":{"id":"m1","content":[{"type":"tool_use","id":"t1","name":"Write","input":{"file_path":"\(Self.worktree)/reports/csv_export.py","content":"x"}},{"type":"tool_use","id":"t2","name":"Read","input":{"file_path":"/etc/hosts"}}],"usage":{"input_tokens":5,"output_tokens":1}},"session_id":"c-1"}
            """
        let events = Support.run(ClaudeStreamDecoder(worktree: Self.worktree), text).events
        #expect(events.contains(.activity("editing reports/csv_export.py")))
        #expect(events.contains(.fileChanged("reports/csv_export.py")))
        #expect(events.contains(.activity("reading /etc/hosts")), "a path outside the worktree stays as it is")
    }

    @Test func placeholderTokensAreApproximateUntilTheResult() {
        let assistant =
            #"{"type":"assistant","message":{"id":"m1","content":[{"type":"text","text":"Working."}],"usage":{"input_tokens":12,"output_tokens":1}},"session_id":"c-1"}"#
        let (events, killed) = Support.run(ClaudeStreamDecoder(), assistant, exitCode: 137)
        #expect(events.contains(.usage(tokens: 13, costUSD: nil, approximate: true)))
        #expect(killed.tokens == 13 && killed.tokensApproximate == true)
        #expect(killed.error == "killed by signal 9")
        let done = Support.run(
            ClaudeStreamDecoder(),
            assistant + "\n"
                + #"{"type":"result","subtype":"success","is_error":false,"result":"ok","session_id":"c-1","total_cost_usd":0.01,"usage":{"input_tokens":12,"output_tokens":40}}"#
        ).result
        #expect(done.tokens == 52 && done.tokensApproximate == nil)
    }

    @Test func refusedFlagsShowTheStderrTail() {
        let result = Support.run(
            ClaudeStreamDecoder(), "", exitCode: 1,
            stderr: "--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons\n"
        ).result
        #expect(
            result.error
                == "exited without a result: --dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons")
    }
}

@Suite struct CodexRealShapesTests {
    static let worktree = "/repo/.baton/worktrees/s-fa38/T2"
    static let noise = """
        WARNING: proceeding, even though we could not create PATH aliases: Refusing to create helper binaries under temporary dir "/tmp" (codex_home: AbsolutePathBuf("/tmp/x"))
        Reading additional input from stdin...

        """

    @Test func resumedThreadReportsItsTotal() {
        let text = """
            {"type":"thread.started","thread_id":"th-1"}
            {"type":"turn.started"}
            {"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"done"}}
            {"type":"turn.completed","usage":{"input_tokens":4000,"cached_input_tokens":3000,"output_tokens":200}}
            """
        let result = Support.run(CodexStreamDecoder(), text).result
        // Cached input is shown apart (as claude's cache reads), so the two compare.
        #expect(result.tokens == 1_200 && result.sessionTokens == 1_200 && result.cachedTokens == 3_000)
        #expect(result.agentSessionID == "th-1")
    }

    @Test func fileChangesAreRelativeAndAFailedOneIsAWarning() {
        let text = """
            {"type":"item.completed","item":{"id":"item_2","type":"file_change","changes":[{"path":"\(Self.worktree)/reports/csv_export.py","kind":"add"}],"status":"completed"}}
            {"type":"item.completed","item":{"id":"item_3","type":"file_change","changes":[{"path":"\(Self.worktree)/README.md","kind":"update"}],"status":"failed"}}
            """
        let events = Support.run(CodexStreamDecoder(worktree: Self.worktree), text).events
        #expect(
            events == [
                .activity("editing reports/csv_export.py"), .fileChanged("reports/csv_export.py"),
                .warning("could not change README.md (the edit failed)"),
            ])
    }

    @Test func aFailureIsSaidOnce() {
        let text = """
            {"type":"thread.started","thread_id":"th-1"}
            {"type":"turn.started"}
            {"type":"error","message":"unexpected status 500 Internal Server Error: boom"}
            {"type":"turn.failed","error":{"message":"unexpected status 500 Internal Server Error: boom"}}
            """
        let (events, result) = Support.run(CodexStreamDecoder(), text, exitCode: 1, stderr: Self.noise)
        #expect(!events.contains { if case .warning = $0 { true } else { false } })
        #expect(result.error == "unexpected status 500 Internal Server Error: boom")
    }

    @Test func anErrorTheTurnGoesOnFromIsAWarning() {
        let text = """
            {"type":"turn.started"}
            {"type":"error","message":"model rerouted"}
            {"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"done"}}
            {"type":"turn.completed","usage":{"input_tokens":1,"output_tokens":2}}
            """
        let (events, result) = Support.run(CodexStreamDecoder(), text)
        #expect(events.filter { $0 == .warning("model rerouted") }.count == 1)
        #expect(result.error == nil)
    }

    @Test func reconnectingIsARetry() {
        let text = """
            {"type":"turn.started"}
            {"type":"error","message":"Reconnecting... waiting for network (Connection failed: error sending request)"}
            """
        let (events, result) = Support.run(CodexStreamDecoder(), text, exitCode: 1, stderr: Self.noise)
        #expect(events == [.retrying("Reconnecting... waiting for network (Connection failed: error sending request)")])
        #expect(result.error == "Reconnecting... waiting for network (Connection failed: error sending request)")
    }

    @Test func aKilledTurnSaysSoWithoutTheNoise() {
        let text = """
            {"type":"thread.started","thread_id":"th-1"}
            {"type":"turn.started"}
            """
        let killed = Support.run(CodexStreamDecoder(), text, exitCode: 137, stderr: Self.noise).result
        #expect(killed.error == "killed by signal 9")
        let crashed = Support.run(CodexStreamDecoder(), text, exitCode: 1, stderr: Self.noise + "thread 'main' panicked\n").result
        #expect(crashed.error == "exited without a result: thread 'main' panicked")
        let quiet = Support.run(CodexStreamDecoder(), text, exitCode: 1, stderr: Self.noise).result
        #expect(quiet.error == "exited without a result")
    }
}

@Suite struct OneShotAndBypassTests {
    @Test func claudePlannerIsReadOnlyWithTheSchema() throws {
        let argv = try #require(PlannerCommand.argv(agent: "claude", prompt: "P", model: "opus", schema: PlanJSON.schema))
        #expect(
            argv == [
                "claude", "-p", "P", "--output-format", "json", "--tools", "Read,Grep,Glob",
                "--json-schema", PlanJSON.schema, "--model", "opus",
            ])
        #expect(!argv.contains("plan") && !argv.contains("--permission-mode"))
        // The schema is valid JSON, and names every field the plan format has.
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(PlanJSON.schema.utf8)) as? [String: Any])
        #expect(schema["required"] as? [String] == ["tasks"])
    }

    @Test func structuredOutputIsThePlan() throws {
        let stdout =
            #"{"type":"result","subtype":"success","is_error":false,"result":"Here is the plan.","session_id":"p","total_cost_usd":0.02,"structured_output":{"tasks":[{"id":"T1","title":"Add export","kind":"code","detail":"d","scope":["reports/"],"avoid":[],"deps":[],"acceptance":["it exports"]}]}}"#
        let reply = PlannerCommand.extract(agent: "claude", stdout: stdout, exitCode: 0)
        #expect(reply.error == nil && reply.costUSD == 0.02)
        let tasks = try PlanJSON.extractPlan(from: try #require(reply.text))
        #expect(tasks.map(\.title) == ["Add export"] && tasks[0].scope == ["reports/"])
    }

    @Test func bypassUnderRoot() {
        #expect(PermissionBypass.verdict(agents: ["claude", "codex", "human"], runningAsRoot: false) == .allowed)
        #expect(PermissionBypass.verdict(agents: ["codex", "human"], runningAsRoot: true) == .allowed)
        guard case .partly(let warning) = PermissionBypass.verdict(agents: ["claude", "codex", "human"], runningAsRoot: true) else {
            Issue.record("claude and codex as root: a warning")
            return
        }
        #expect(warning.contains("claude") && warning.contains("root"))
        guard case .refused(let reason) = PermissionBypass.verdict(agents: ["claude", "human"], runningAsRoot: true) else {
            Issue.record("only claude as root: refused")
            return
        }
        #expect(reason.contains("bypass stays off"))
    }

    @Test func claudeAsRootKeepsItsChecksCodexBypasses() {
        var o = TurnOptions(prompt: "P", allowPermissionBypass: true, runningAsRoot: true)
        o.extraArguments = ["--dangerously-skip-permissions"]
        let claude = ClaudeAdapter().argv(firstTurn: o)
        #expect(
            claude.contains("acceptEdits") && !claude.contains("bypassPermissions") && !claude.contains("--dangerously-skip-permissions"))
        #expect(CodexAdapter().argv(firstTurn: o).contains("danger-full-access"))
        o.runningAsRoot = false
        #expect(ClaudeAdapter().argv(firstTurn: o).contains("bypassPermissions"))
    }

    @Test func stderrNoise() {
        #expect(StderrNoise.isNoise("Reading additional input from stdin..."))
        #expect(StderrNoise.isNoise("WARNING: proceeding, even though we could not create PATH aliases: x"))
        #expect(!StderrNoise.isNoise("Error: unexpected argument '--foo' found"))
        #expect(ActivitySummary.relative("/w/T1/a/b.py", to: "/w/T1/") == "a/b.py")
        #expect(ActivitySummary.relative("/w/T1", to: "/w/T1") == ".")
        #expect(ActivitySummary.relative("/w/T10/a.py", to: "/w/T1") == "/w/T10/a.py")
        #expect(ActivitySummary.relative("a.py", to: "/w/T1") == "a.py")
    }
}
