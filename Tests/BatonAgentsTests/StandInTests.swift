import BatonCore
import Foundation
import Testing

@testable import BatonAgents

/// Runs the stand-in CLIs (Tests/StandIns/bin) with the adapters' real argv in a temp dir and
/// decodes their output with the matching decoder.
@Suite(.serialized) struct StandInTests {
    struct Run {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    let root: URL
    let work: URL
    let state: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("baton-standin-\(UUID().uuidString)")
        work = root.appendingPathComponent("work")
        state = root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    func run(_ argv: [String], env extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = Support.standInBin.appendingPathComponent(argv[0])
        process.arguments = Array(argv.dropFirst())
        process.currentDirectoryURL = work
        var env = ProcessInfo.processInfo.environment
        env["BATON_STANDIN_STATE"] = state.path
        env.removeValue(forKey: "BATON_STANDIN_SCENARIO")
        env.removeValue(forKey: "BATON_STANDIN_PLAN")
        for (k, v) in extra { env[k] = v }
        process.environment = env
        let out = Pipe()
        let errFile = root.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        return Run(stdout: String(decoding: data, as: UTF8.self), stderr: err, status: process.terminationStatus)
    }

    func turn(_ adapter: any AgentAdapter, _ argv: [String], env: [String: String] = [:]) throws -> TurnResult {
        let r = try run(argv, env: env)
        return Support.run(adapter.makeDecoder(), r.stdout, exitCode: r.status, stderr: r.stderr).result
    }

    func calls() -> [[String]] {
        let text = (try? String(contentsOf: state.appendingPathComponent("calls.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["argv"] as? [String]
        }
    }

    func file(_ name: String) -> String? { try? String(contentsOf: work.appendingPathComponent(name), encoding: .utf8) }

    @Test(arguments: ["claude", "codex", "gemini"])
    func firstTurnThenContinuation(agent: String) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let adapter = try #require(AgentAdapters.adapter(named: agent))
        let options = TurnOptions(prompt: "Brief.\n## Task T2 — Verify emails\nDo it.", worktree: work.path)
        let first = try turn(adapter, adapter.argv(firstTurn: options))
        #expect(first.succeeded, "\(first.error ?? "")")
        let session = try #require(first.agentSessionID)
        #expect(file("t2.txt") == "## Task T2 — Verify emails\n")
        #expect(CheckpointBlockParser.parse(finalText: first.finalText).kind == .done)
        #expect(first.tokens > 0)

        let second = try turn(adapter, adapter.argv(continuing: session, options))
        #expect(second.succeeded, "\(second.error ?? "")")
        #expect(second.agentSessionID == session)
        let recorded = calls()
        #expect(recorded.count == 2)
        #expect(recorded.last?.contains(session) == true)
        #expect(!recorded.joined().contains { $0.contains("bypass") || $0 == "yolo" || $0 == "danger-full-access" })

        let unknown = try turn(adapter, adapter.argv(continuing: "no-such-session", options))
        #expect(!unknown.succeeded)
        #expect(unknown.exitCode != 0)
    }

    @Test(arguments: ["claude", "codex", "gemini"])
    func plannerModeWritesNothing(agent: String) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let argv = try #require(PlannerCommand.argv(agent: agent, prompt: "## Mission\nA todo app\n## Task T1", model: nil))
        let r = try run(argv)
        let reply = PlannerCommand.extract(agent: agent, stdout: r.stdout, exitCode: r.status)
        #expect(reply.error == nil)
        #expect(reply.text?.contains("\"tasks\"") == true)
        #expect(reply.text?.contains("A todo app") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty)
    }

    @Test func scriptedClaudeDenialMissingTextAndRetryWithAllowedTool() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let scenario = root.appendingPathComponent("scenario.json")
        try Data(
            #"{"T1": [{"write": {"a/b.txt": "x"}, "deny": "git push origin HEAD", "expect_in_prompt": "SECRET", "checkpoint": {"checkpoint": "first-change"}}]}"#
                .utf8
        )
        .write(to: scenario)
        let env = ["BATON_STANDIN_SCENARIO": scenario.path]
        var options = TurnOptions(prompt: "Task T1 — Push")
        let adapter = ClaudeAdapter()
        let denied = try turn(adapter, adapter.argv(firstTurn: options), env: env)
        #expect(denied.permissionDenials == ["Bash(git push origin HEAD)"])
        #expect(file("a/b.txt") == "x")
        let report = CheckpointBlockParser.parse(finalText: denied.finalText)
        #expect(report.kind == .firstChange)
        #expect(report.summary == "MISSING: SECRET")

        options.allowedTools = ["Bash(git push origin HEAD)"]
        let allowed = try turn(adapter, adapter.argv(firstTurn: options), env: env)
        #expect(allowed.permissionDenials.isEmpty)
        #expect(calls().last?.contains("--allowedTools") == true)
    }

    @Test func scriptedFailuresDecodeAsFailures() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let scenario = root.appendingPathComponent("scenario.json")
        try Data(#"{"*": [{"no_result": true, "exit": 1, "stderr": "crashed hard"}]}"#.utf8).write(to: scenario)
        for agent in ["claude", "codex", "gemini"] {
            let adapter = try #require(AgentAdapters.adapter(named: agent))
            let result = try turn(
                adapter, adapter.argv(firstTurn: TurnOptions(prompt: "Task T9")), env: ["BATON_STANDIN_SCENARIO": scenario.path])
            #expect(result.error == "exited without a result: crashed hard", "\(agent)")
        }
    }

    @Test func standInsRejectWhatTheRealCLIsReject() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let noVerbose = try run(["claude", "-p", "x", "--output-format", "stream-json"])
        #expect(noVerbose.status == 1)
        #expect(noVerbose.stderr.contains("requires --verbose"))
        #expect(try run(["claude", "-p", "x", "--bogus"]).status == 1)
        let codexBad = try run(["codex", "exec", "--json", "--skip-git-repo-check", "resume", "t", "-s", "workspace-write", "x"])
        #expect(codexBad.status == 2)
        #expect(codexBad.stderr.contains("unexpected argument '-s'"))
        #expect(try run(["codex", "exec", "--json", "-s", "all", "x"]).status == 2)
        #expect(try run(["gemini", "-p", "x", "--nope"]).status != 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty)
    }
}

/// Aider's output as the real aider-chat 0.86.2 prints it when not on a terminal.
@Suite struct AiderOutputTests {
    @Test func aModelAPIFailureWithExitZeroIsAFailedTurn() {
        var decoder = AiderOutputDecoder()
        for line in [
            "Aider v0.86.2", "Model: openai/gpt-4o with diff edit format",
            "litellm.InternalServerError: InternalServerError: OpenAIException - Internal Server Error",
            "Retrying in 0.2 seconds...",
            "litellm.InternalServerError: InternalServerError: OpenAIException - Internal Server Error",
        ] { _ = decoder.decode(line: line) }
        let result = decoder.finish(exitCode: 0, stderrTail: "")
        #expect(
            result.error
                == "the model API failed: litellm.InternalServerError: InternalServerError: OpenAIException - Internal Server Error")
        #expect(result.agentSessionID == AiderAdapter.chatHistory)
    }

    @Test func anEditThatWasAppliedIsNotAFailureAndTheWrappedBlockParses() {
        var decoder = AiderOutputDecoder()
        let lines = [
            "litellm.APIConnectionError: retried", "Applied edit to src/a.py", "```baton",
            #"{"checkpoint":"done","summary":"Added the"#, #"  parser.","next":"","question":null,"options":[]}"#, "```",
        ]
        var changed: [String] = []
        for line in lines {
            for case .fileChanged(let path) in decoder.decode(line: line) { changed.append(path) }
        }
        let result = decoder.finish(exitCode: 0, stderrTail: "")
        #expect(result.error == nil && changed == ["src/a.py"])
        let report = CheckpointBlockParser.parse(finalText: result.finalText)
        #expect(report.kind == .done && report.summary == "Added the parser.", "\(report)")
    }

    /// Aider's usage lines (one per model reply; this turn's process is its "session").
    @Test func itsTokenAndCostLinesAreTheTurnsUsage() {
        var decoder = AiderOutputDecoder()
        var usage: [AgentEvent] = []
        for line in [
            "Tokens: 1.0k sent, 50 received. Cost: $0.0030 message, $0.0030 session.", "notes.txt",
            "Tokens: 2.4k sent, 1.2k cache hit, 120 received. Cost: $0.0071 message, $0.0101 session.",
        ] {
            usage += decoder.decode(line: line).filter { if case .usage = $0 { true } else { false } }
        }
        #expect(
            usage == [
                .usage(tokens: 1_050, costUSD: 0.003, approximate: true), .usage(tokens: 3_570, costUSD: 0.0101, approximate: true),
            ])
        let result = decoder.finish(exitCode: 0, stderrTail: "")
        #expect(result.tokens == 3_570 && result.costUSD == 0.0101 && result.tokensApproximate == true)
        #expect(result.cachedTokens == 1_200)
        #expect(result.sessionCostUSD == nil, "each aider turn is its own process: its session total is the turn's")
        #expect(AiderOutputDecoder.usage("Tokens: 900 sent, 12 received.")! == (912, 0, nil, false))
        #expect(AiderOutputDecoder.usage("Tokens are fine") == nil)
    }
}
