import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Baton serves each agent run an MCP server (`baton mcp`): the stand-in claude starts it from
/// its `--mcp-config` as the real CLI does and calls its tools mid-turn. A question becomes a
/// decision at once; the agent gets the answer in the same turn.
@Suite struct AgentCallTests {
    static let question = "Store sessions in SQLite or in memory?"

    /// One task T1 on claude whose first turn calls report_progress, note_decision,
    /// get_decisions and ask_human, then ends done with the answer in its summary.
    static func environment(_ repo: TestRepository, waitFor: String? = nil) throws -> BatonEnvironment {
        var first: [String: Any] = [
            "mcp": [
                ["tool": "report_progress", "arguments": ["summary": "schema drafted", "next": "storage"]],
                ["tool": "note_decision", "arguments": ["text": "timestamps are UTC"]],
                ["tool": "get_decisions", "save": "src/decisions.txt"],
                ["tool": "ask_human", "arguments": ["question": question, "options": ["SQLite", "in memory"]], "save": "src/answer.txt"],
            ],
            "write": ["src/store.txt": "store\n"],
            "checkpoint": ["checkpoint": "done", "summary": "Storage done (${MCP_RESULT})"],
        ]
        if let waitFor { first["wait_for"] = waitFor }
        return try Review.environment(repo, plan: [Review.task("T1", "Add session storage", scope: ["src/"])], turns: ["T1": [first]])
    }

    @Test func askHumanMidTurnIsAnsweredAndTheAgentFinishesTheSameTurn() throws {
        let repo = try TestRepository()
        let env = try Self.environment(repo)
        let input = "Add session storage\n/go\n/wait\n/decide D2 2\n/wait\n"
        let out = try Baton.run(input: input, in: repo, environment: env).stdout

        // report_progress and note_decision: lines, and the turn goes on.
        #expect(out.contains("[T1 claude] progress · schema drafted · next: storage"), "\(out)")
        #expect(out.contains("[T1 claude] noted as D1: timestamps are UTC"), "\(out)")
        // ask_human: a decision at once, while T1 still runs; /wait returned on it.
        #expect(out.contains("\n? D2  [T1 claude] \(Self.question)\n"), "\(out)")
        #expect(out.contains("nothing is running but T1 (asked D2) · 1 decision waiting"), "\(out)")
        #expect(out.contains("D2 answered: in memory · recorded in DECISIONS.md · T1 continues"), "\(out)")
        // The agent got the answer inside the same turn and finished it.
        #expect(out.contains("[T1 claude] done · "), "\(out)")
        #expect(out.contains("1 turn ·"), "\(out)")
        let calls = Review.workerCalls(env)
        #expect(calls.count == 1, "one turn only: \(calls.map(\.argv))")
        let session = try Review.session(repo)
        let answer = Review.show(repo, "baton/\(session)/T1", "src/answer.txt")
        #expect(answer == "The user answered: in memory\n", "\(answer ?? "no answer file")")
        // get_decisions right after note_decision has the note (recorded, or about to be).
        let listed = Review.show(repo, "baton/\(session)/T1", "src/decisions.txt") ?? ""
        #expect(
            listed.contains("note (T1): timestamps are UTC") || listed.contains("note (T1, being recorded): timestamps are UTC"),
            "\(listed)")

        // claude got the server, its tools pre-allowed, and the environment that offers them.
        let argv = try #require(calls.first?.argv)
        let config = try #require(argv.firstIndex(of: "--mcp-config").map { argv[$0 + 1] })
        let json = try String(contentsOfFile: config, encoding: .utf8)
        #expect(json.contains("\"args\":[\"mcp\",\"--session\",\"\(session)\",\"--task\",\"T1\""), "\(json)")
        #expect(argv.contains("mcp__baton__ask_human,mcp__baton__get_decisions,mcp__baton__note_decision,mcp__baton__report_progress"))

        // Everything the calls caused is in the session log; DECISIONS.md has both.
        let events = SessionFile.records(try #require(SessionFile.path(repo))).map(\.event)
        #expect(
            events.contains(.agentAsked(task: "T1", request: requestID(events), question: Self.question, options: ["SQLite", "in memory"])))
        #expect(events.contains { if case .agentNoted(task: "T1", _, text: "timestamps are UTC") = $0 { true } else { false } })
        #expect(
            events.contains {
                if case .progressReported(task: "T1", _, summary: "schema drafted", next: "storage") = $0 { true } else { false }
            })
        let decisions = try #require(Review.show(repo, "baton/\(session)/main", "DECISIONS.md"))
        #expect(decisions.contains("note from T1\n\ntimestamps are UTC"), "\(decisions)")
        #expect(decisions.contains("**Answer:** in memory"), "\(decisions)")
    }

    /// Baton dies while the agent waits on ask_human: the agent keeps waiting, `baton resume`
    /// follows it again with the question still open, and the answer reaches the same turn.
    @Test func aQuestionWaitingWhenBatonDiesIsAnsweredAfterResume() async throws {
        let repo = try TestRepository()
        let env = try Self.environment(repo)
        defer { Self.endAgents(repo) }
        let first = try LiveBaton(in: repo, environment: env)
        first.send("Add session storage")
        #expect(await first.waitFor("proposes"))
        first.send("/go")
        #expect(await first.waitFor("? D2  [T1 claude] \(Self.question)", seconds: 120), "\(first.text)")
        first.kill9()
        #expect(AgentProcesses.alive(repo).count == 1, "the agent goes on waiting without Baton")

        let second = try LiveBaton(["resume"], in: repo, environment: env)
        defer { if second.process.isRunning { second.kill9() } }
        #expect(await second.waitFor("T1 is still running (pid"), "\(second.text)")
        second.send("/decisions")
        #expect(await second.waitFor(Self.question), "\(second.text)")
        second.send("/decide D2 1")
        #expect(await second.waitFor("[T1 claude] done · ", seconds: 120), "\(second.text)")
        let driver = SessionDriver(second, repo: repo)
        #expect(await driver.waitQuiet())
        await driver.quit()

        let session = try Review.session(repo)
        #expect(Review.show(repo, "baton/\(session)/T1", "src/answer.txt") == "The user answered: SQLite\n")
        #expect(Review.workerCalls(env).count == 1, "the same turn finished: no second agent run")
        let state = try #require(SessionFile.state(repo))
        #expect(state.status(of: "T1") == .review)
        #expect(state.decision("D2")?.answer == "SQLite")
    }

    /// `baton run` never deadlocks on a question asked mid-turn: an answers file answers it in
    /// the same turn; without one the run returns with the decision waiting and leaves no agent behind.
    @Test func batonRunAnswersAMidTurnQuestionOrReturnsWithIt() throws {
        let repo = try TestRepository()
        let env = try Self.environment(repo)
        defer { Self.endAgents(repo) }
        let answers = repo.scratch + "/answers.json"
        try #"{"SQLite or in memory": "1"}"#.write(toFile: answers, atomically: true, encoding: .utf8)
        let done = try Command.run(
            Products.baton, ["run", "Add session storage", "--approve", "--answers", answers], in: repo.path, environment: env.values)
        #expect(done.status == 0, "\(done.stdout)\n\(done.stderr)")
        #expect(done.stdout.contains("D2 answered: SQLite"), "\(done.stdout)")
        #expect(Review.workerCalls(env).count == 1, "answered inside the turn that asked")
        let session = try Review.session(repo)
        #expect(Review.show(repo, "baton/\(session)/T1", "src/answer.txt") == "The user answered: SQLite\n")

        let other = try TestRepository()
        let env2 = try Self.environment(other)
        defer { Self.endAgents(other) }
        let waiting = try Command.run(
            Products.baton, ["run", "Add session storage", "--approve"], in: other.path, environment: env2.values)
        #expect(waiting.status == 3, "\(waiting.stdout)\n\(waiting.stderr)")
        #expect(waiting.stdout.contains("D2  [T1] \(Self.question)"), "\(waiting.stdout)")
        #expect(AgentProcesses.alive(other).isEmpty, "no agent left waiting behind the run")
    }

    func requestID(_ events: [SessionEvent]) -> String {
        for case .agentAsked(_, let request, _, _) in events { return request }
        return ""
    }

    /// Ends every agent run still alive (a failed test leaves none behind).
    static func endAgents(_ repo: TestRepository) {
        for agent in AgentProcesses.alive(repo) { kill(-agent.group, SIGKILL) }
    }
}
