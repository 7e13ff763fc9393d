import BatonTestSupport
import Foundation
import Testing

/// An ACP agent (the stand-in `acp-agent`, JSON-RPC on its stdio) driven by the real binary:
/// tool calls, a live permission answered by /decide, fs calls kept inside the worktree,
/// /cancel, and continuing the agent's session with session/load.
@Suite struct AcpTests {
    static let agentsJSON = """
        {"agents": {"stand": {"protocol": "acp", "command": ["acp-agent"], "strengths": ["code"], "cost": 1, "speed": 3}}}
        """

    /// A repository with the stand-in claude (planner) and acp-agent, a one-task plan, `turns`
    /// as T1's scenario, and the `stand` ACP agent in .baton/agents.json.
    static func setUp(_ turns: [[String: Any]], extra: [String: String] = [:]) throws -> (TestRepository, BatonEnvironment) {
        let repo = try TestRepository()
        try repo.write(".baton/agents.json", agentsJSON)
        var env = try Review.environment(
            repo, agents: ["claude", "acp-agent"], plan: [Review.task("T1", "Add the greeting", scope: ["hello.txt"])],
            turns: ["T1": turns])
        for (k, v) in extra { env.values[k] = v }
        return (repo, env)
    }

    static let start = "Add a greeting\n/route T1 stand\n/go\n"

    /// Runs baton with `input` piped to it and returns what it printed, waiting without
    /// holding a thread of the test pool (the machine has two).
    static func run(_ input: String, in repo: TestRepository, environment env: BatonEnvironment) async throws -> String {
        let baton = try LiveBaton(in: repo, environment: env)
        defer { if baton.process.isRunning { baton.kill9() } }
        for line in input.split(separator: "\n") { baton.send(String(line)) }
        baton.close()
        let status = await baton.waitForExit(seconds: 240)
        try #require(status != nil, "baton did not exit: \(baton.text)")
        return baton.text
    }

    /// The prompts the stand-in ACP agent got, in order (session id and text).
    static func prompts(_ env: BatonEnvironment) -> [(session: String, text: String)] {
        env.calls().filter { $0.agent == "acp-agent" && $0.argv.count == 4 && $0.argv[1] == "session/prompt" }.map {
            ($0.argv[2], $0.argv[3])
        }
    }

    static func transcript(_ repo: TestRepository, turn: Int) throws -> String {
        let file = try Review.sessionDirectory(repo) + "/runs/T1-\(turn).jsonl"
        return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }

    @Test func permissionRequestIsALiveDecisionAnsweredWithoutARerun() async throws {
        let (repo, env) = try Self.setUp([
            [
                "tools": [["kind": "read", "title": "Read README.md", "path": "README.md"]],
                "write": ["hello.txt": "hi\n"], "ask": true,
            ]
        ])
        let out = try await Self.run(Self.start + "/wait\n/decide D1 1\n/wait\n", in: repo, environment: env)
        #expect(out.contains("started T1 on stand"), "\(out)")
        #expect(out.contains("? D1  [T1 stand] T1 wants Write hello.txt — allow it?"), "\(out)")
        #expect(out.contains("1) Allow   2) Always allow   3) Reject"), "\(out)")
        #expect(out.contains("D1 answered: Allow"), "\(out)")
        #expect(
            Review.lines(out, containing: "[T1 stand ] done · ").filter { $0.contains("+1 −0 in 1 file · 1 turn") }.count == 1, "\(out)")
        // The agent waited for the answer: one prompt, no second turn.
        #expect(Self.prompts(env).count == 1, "\(Self.prompts(env))")
        let session = try Review.session(repo)
        #expect(Review.show(repo, "baton/\(session)/T1", "hello.txt") == "hi\n")
        let log = try Self.transcript(repo, turn: 1)
        #expect(log.contains("\"optionId\":\"allow\""), "the answer went back as the chosen option: \(log)")
        #expect(log.contains("\"sessionUpdate\": \"tool_call\""), "\(log)")
    }

    @Test func anAcpAgentAsksMidTurnThroughBatonsMcpServer() async throws {
        let (repo, env) = try Self.setUp([
            [
                "mcp": [
                    [
                        "tool": "ask_human", "arguments": ["question": "Greet in English or French?", "options": ["English", "French"]],
                        "save": "answer.txt",
                    ]
                ],
                "write": ["hello.txt": "bonjour\n"],
            ]
        ])
        let out = try await Self.run(Self.start + "/wait\n/decide D1 2\n/wait\n", in: repo, environment: env)
        // session/new handed the agent Baton's MCP server; its ask_human became a decision
        // while the turn went on, and the answer came back to the same turn.
        #expect(out.contains("? D1  [T1 stand] Greet in English or French?"), "\(out)")
        #expect(out.contains("D1 answered: French"), "\(out)")
        #expect(Self.prompts(env).count == 1, "one turn: \(Self.prompts(env))")
        let session = try Review.session(repo)
        #expect(Review.show(repo, "baton/\(session)/T1", "answer.txt") == "The user answered: French\n")
        let log = try Self.transcript(repo, turn: 1)
        #expect(log.contains("\"mcpServers\":[{") && log.contains("\"--task\",\"T1\""), "\(log)")
    }

    @Test func rejectedPermissionLeavesTheFileUnwritten() async throws {
        let (repo, env) = try Self.setUp([["write": ["hello.txt": "hi\n"], "ask": true]])
        let out = try await Self.run(Self.start + "/wait\n/decide D1 3\n/wait\n", in: repo, environment: env)
        #expect(out.contains("D1 answered: Reject"), "\(out)")
        #expect(Self.prompts(env).count == 1)
        let session = try Review.session(repo)
        #expect(Review.show(repo, "baton/\(session)/T1", "hello.txt") == nil, "rejected: not written")
    }

    @Test func fsWritesAreServedOnlyInsideTheWorktree() async throws {
        let repo0 = try TestRepository()
        let outside = repo0.scratch + "/outside.txt"
        let (repo, env) = try Self.setUp([
            ["write": ["hello.txt": "hi via fs\n"], "via_fs": true, "fs_write": [outside: "escaped\n"], "fs_read": ["README.md"]]
        ])
        let out = try await Self.run(Self.start + "/wait\n", in: repo, environment: env)
        #expect(out.contains("[T1 stand ] refused: write \(outside) — outside the worktree"), "\(out)")
        #expect(!FileManager.default.fileExists(atPath: outside), "nothing written outside")
        let session = try Review.session(repo)
        #expect(Review.show(repo, "baton/\(session)/T1", "hello.txt") == "hi via fs\n", "written by Baton through fs/write_text_file")
        let log = try Self.transcript(repo, turn: 1)
        #expect(log.contains("outside the task's worktree"), "the agent got an error reply: \(log)")
        #expect(log.contains("# Demo"), "fs/read_text_file served the worktree's README: \(log)")
    }

    @Test func cancelSendsSessionCancelAndEndsTheTurn() async throws {
        let (repo, env) = try Self.setUp([["wait_cancel": true]])
        let live = try LiveBaton(in: repo, environment: env)
        defer { if live.process.isRunning { live.kill9() } }
        for line in Self.start.split(separator: "\n") { live.send(String(line)) }
        #expect(await live.waitFor("started T1 on stand"), "\(live.text)")
        #expect(await poll { Self.prompts(env).count == 1 }, "\(live.text)")
        live.send("/cancel T1")
        #expect(await live.waitFor("T1 cancelled"), "\(live.text)")
        #expect(
            await poll { ((try? Self.transcript(repo, turn: 1)) ?? "").contains("\"stopReason\": \"cancelled\"") },
            "the agent ended its turn as cancelled")
        let log = try Self.transcript(repo, turn: 1)
        #expect(log.contains("\"method\":\"session/cancel\""), "\(log)")
        let pid = try Self.agentPid(repo, turn: 1)
        #expect(await poll { !Self.isRunning(pid) }, "the agent process ended")
        live.close()
        #expect(await live.waitForExit() == 0, "\(live.text)")
    }

    @Test func nextTurnContinuesTheSessionWithSessionLoad() async throws {
        let first: [String: Any] = ["write": ["hello.txt": "hi\n"], "checkpoint": ["checkpoint": "first-change", "next": "polish"]]
        let (repo, env) = try Self.setUp([first, ["expect_in_prompt": "polish"]])
        let out = try await Self.run(Self.start + "/wait\n", in: repo, environment: env)
        let prompts = Self.prompts(env)
        try #require(prompts.count == 2, "\(out)")
        #expect(prompts[1].session == prompts[0].session, "the same agent session")
        #expect(!prompts[1].text.contains("# Brief for task T1"), "a continuation, not the whole brief again")
        #expect(try Self.transcript(repo, turn: 2).contains("\"method\":\"session/load\""))
        #expect(out.contains("[T1 stand ] done"), "\(out)")
    }

    /// claude-code-acp answers session/load yet forgets the session: the prompt then fails
    /// "Session not found", and Baton starts a new session with the whole brief.
    @Test func sessionNotFoundAfterLoadStartsANewSessionWithTheBrief() async throws {
        let first: [String: Any] = ["write": ["hello.txt": "hi\n"], "checkpoint": ["checkpoint": "first-change", "next": "polish"]]
        let (repo, env) = try Self.setUp([first, [:]], extra: ["BATON_STANDIN_ACP_LOAD": "forget"])
        let out = try await Self.run(Self.start + "/wait\n", in: repo, environment: env)
        let prompts = Self.prompts(env)
        try #require(prompts.count == 2, "\(out)")
        #expect(prompts[1].session != prompts[0].session, "a new session")
        #expect(prompts[1].text.contains("# Brief for task T1"), "with the whole brief")
        #expect(out.contains("[T1 stand ] done"), "\(out)")
        #expect(!out.contains("failed"), "\(out)")
    }

    @Test func crashEndsTheTurnAndRetryContinuesWithSessionLoad() async throws {
        let (repo, env) = try Self.setUp([["wait_for": "/nonexistent/never"], ["write": ["hello.txt": "hi\n"]]])
        let live = try LiveBaton(in: repo, environment: env)
        for line in Self.start.split(separator: "\n") { live.send(String(line)) }
        #expect(await live.waitFor("started T1 on stand"), "\(live.text)")
        #expect(await poll { Self.prompts(env).count == 1 }, "\(live.text)")
        live.kill9()
        let pid = try Self.agentPid(repo, turn: 1)
        #expect(await poll { !Self.isRunning(pid) }, "the agent's stdin closed with Baton: it ended")

        let resumed = try LiveBaton(["resume"], in: repo, environment: env)
        defer { if resumed.process.isRunning { resumed.kill9() } }
        #expect(
            await resumed.waitFor("T1 was interrupted — /retry T1 continues its agent's session (session/load)"), "\(resumed.text)")
        resumed.send("/retry T1")
        #expect(await resumed.waitFor("[T1 stand ] done"), "\(resumed.text)")
        let prompts = Self.prompts(env)
        try #require(prompts.count == 2)
        #expect(prompts[1].session == prompts[0].session)
        #expect(prompts[1].text.contains("interrupted"), "\(prompts[1].text)")
        #expect(try Self.transcript(repo, turn: 2).contains("\"method\":\"session/load\""))
        resumed.close()
        #expect(await resumed.waitForExit() == 0, "\(resumed.text)")
    }

    /// Baton dies while the agent waits on a permission: resume closes the request (the turn
    /// ended with Baton) and /retry continues the session.
    @Test func crashWhileAPermissionWaitsClosesItAndRetryContinues() async throws {
        let (repo, env) = try Self.setUp([["write": ["hello.txt": "hi\n"], "ask": true], ["write": ["hello.txt": "hi\n"]]])
        let live = try LiveBaton(in: repo, environment: env)
        for line in Self.start.split(separator: "\n") { live.send(String(line)) }
        #expect(await live.waitFor("? D1  [T1 stand] T1 wants Write hello.txt — allow it?"), "\(live.text)")
        live.kill9()
        let pid = try Self.agentPid(repo, turn: 1)
        #expect(await poll { !Self.isRunning(pid) }, "the agent's stdin closed with Baton: it ended")

        let resumed = try LiveBaton(["resume"], in: repo, environment: env)
        defer { if resumed.process.isRunning { resumed.kill9() } }
        #expect(await resumed.waitFor("T1 was interrupted — /retry T1 continues its agent's session"), "\(resumed.text)")
        resumed.send("/decide D1 1")
        #expect(await resumed.waitFor("error: D1 was already answered: the turn ended"), "\(resumed.text)")
        resumed.send("/retry T1")
        #expect(await resumed.waitFor("[T1 stand ] done"), "\(resumed.text)")
        #expect(Self.prompts(env).count == 2)
        resumed.close()
        #expect(await resumed.waitForExit() == 0, "\(resumed.text)")
    }

    @Test func agentsListsWhatAnAcpAgentAdvertises() async throws {
        let (repo, env) = try Self.setUp([])
        let out = try await Self.run("/agents\n", in: repo, environment: env)
        #expect(out.contains("ACP agents:"), "\(out)")
        #expect(out.contains("  stand (acp-agent): v1.0.0 · session/load · modes default ask"), "\(out)")
    }

    /// The agent's pid from the turn's pid file.
    static func agentPid(_ repo: TestRepository, turn: Int) throws -> Int32 {
        let file = try Review.sessionDirectory(repo) + "/runs/T1-\(turn).pid"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return try #require(Int32(text.split(separator: " ").first ?? ""))
    }

    /// True while the process exists and is not a zombie.
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
            return false
        }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }
}
