import BatonCore
import BatonTestSupport
import Foundation
import Testing

extension RealCLI {
    /// The defects the real Claude Code and Codex CLIs showed (issue 19), through the real
    /// binaries against the scripted model server.
    @Suite struct RealCLIDefectsTests {
        static func session(_ repo: TestRepository) throws -> String {
            try #require(repo.sessionIDs.first, "no session")
        }

        /// The JSON objects of one turn's stream file.
        static func stream(_ repo: TestRepository, _ session: String, _ task: String, turn: Int) -> [[String: Any]] {
            let path = repo.path + "/.baton/Sessions/\(session)/runs/\(task)-\(turn).jsonl"
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        }

        /// The `/status` row of `task`.
        static func statusRow(_ out: String, task: String, agent: String) -> String? {
            out.split(separator: "\n").map(String.init).last { line in
                let words = line.split(separator: " ")
                return words.first.map(String.init) == task && words.dropFirst().first.map(String.init) == agent
            }
        }

        /// A plan of one task T1 (files a.txt, b.txt, c.txt).
        static func script(_ steps: [[String: Any]]) -> ModelScript {
            var script = ModelScript()
            script.task("T1", steps)
            script.planner([ModelStep.plan([RealCLI.task("T1", "Write three files", scope: ["a.txt", "b.txt", "c.txt"])])])
            return script
        }

        /// Three turns of one agent session: on resume both CLIs report totals for the whole
        /// session (claude's cost, codex's tokens); the task counts each turn once. The activity
        /// lines show paths relative to the worktree.
        @Test(arguments: RealCLI.agents)
        func threeTurnsAreCountedOnceAndPathsAreRelative(agent: String) async throws {
            let rig = try RealCLI.Rig(
                Self.script([
                    ModelStep.write("a.txt", "a\n"),
                    ModelStep.checkpoint("needs-decision", "Wrote a.txt", question: "Write b?", options: ["yes", "no"]),
                    ModelStep.write("b.txt", "b\n"),
                    ModelStep.checkpoint("needs-decision", "Wrote b.txt", question: "Write c?", options: ["yes", "no"]),
                    ModelStep.write("c.txt", "c\n"),
                    ModelStep.checkpoint("done", "Wrote three files"),
                ]), agents: [agent])
            let (repo, env) = (rig.repo, rig.env)
            defer { withExtendedLifetime(rig) {} }  // the server lives until the test ends
            let run = try await RealCLI.run(
                input: "Write three files\n/go\n/wait\n/decide D1 1\n/wait\n/decide D2 1\n/wait\n/status\n/log T1 40\n/quit\n",
                in: repo, environment: env)
            let out = run.out
            let session = try Self.session(repo)
            let row = try #require(Self.statusRow(out, task: "T1", agent: agent), "no /status row: \(out)")
            #expect(row.contains(" 3 "), "three turns: \(row)")
            let results = (1...3).compactMap { turn in
                Self.stream(repo, session, "T1", turn: turn).last {
                    $0["type"] as? String == (agent == "claude" ? "result" : "turn.completed")
                }
            }
            try #require(results.count == 3, "three finished turns: \(out)")
            if agent == "claude" {
                let totals = results.map { ($0["total_cost_usd"] as? Double) ?? 0 }
                #expect(totals[2] > totals[0], "claude's total grows over the session: \(totals)")
                let naive = Money.format(totals.reduce(0, +))
                try #require(naive != Money.format(totals[2]), "the figures cannot tell the defect apart: \(totals)")
                #expect(row.hasSuffix(Money.format(totals[2])), "the session's total, once: \(row) (totals \(totals))")
            } else {
                let totals = results.map { usage -> Int in
                    let u = usage["usage"] as? [String: Any] ?? [:]
                    return ((u["input_tokens"] as? Int) ?? 0) + ((u["output_tokens"] as? Int) ?? 0)
                }
                #expect(totals[2] > totals[0], "codex's thread total grows: \(totals)")
                #expect(row.contains(" \(Tokens.format(totals[2])) "), "the thread's total, once: \(row) (totals \(totals))")
                #expect(!row.contains(Tokens.format(totals.reduce(0, +))))
            }
            // Paths relative to the worktree, live and in /log.
            let worktree = repo.path + "/.baton/worktrees/\(session)/T1"
            #expect(!out.contains(worktree + "/a.txt") && !out.contains("/T1/a.txt"), "\(out)")
            #expect(out.contains("· editing a.txt") && out.contains("· editing c.txt"), "\(out)")
        }

        /// A turn killed by SIGKILL says so (not codex's stderr noise); claude's tokens, from
        /// its placeholders before the result, show as approximate.
        @Test(arguments: RealCLI.agents)
        func killedTurnSaysKilledBySignal9(agent: String) async throws {
            let rig = try RealCLI.Rig(
                Self.script([
                    ModelStep.write("a.txt", "a\n"),
                    ModelStep.waiting(ModelStep.text("never"), for: "/nonexistent/baton-never"),
                ]), agents: [agent])
            let (repo, server) = (rig.repo, rig.server)
            let baton = try rig.live()
            defer { if baton.process.isRunning { baton.kill9() } }
            baton.send("Write three files")
            baton.send("/go")
            // The agent wrote a.txt and asked the model again (whose answer is held): kill it.
            let deadline = Date().addingTimeInterval(120)
            while server.requests(conversation: 0).filter({ ($0["step"] as? Int) == 1 }).isEmpty && Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            try #require(
                !server.requests(conversation: 0).filter({ ($0["step"] as? Int) == 1 }).isEmpty,
                "\(agent) never asked the model a second time: \(baton.text)")
            let session = try Self.session(repo)
            let pidText = try String(contentsOfFile: repo.path + "/.baton/Sessions/\(session)/runs/T1-1.pid", encoding: .utf8)
            let agentPID = try #require(Int32(pidText.split(separator: " ").first ?? ""), "\(pidText)")
            kill(agentPID, SIGKILL)
            #expect(await baton.waitFor("killed by signal 9", seconds: 60), "\(baton.text)")
            baton.send("/status")
            #expect(await baton.waitFor("mission: 0/1", seconds: 30), "\(baton.text)")
            baton.send("/quit")
            baton.close()
            _ = await baton.waitForExit(seconds: 60)
            let out = baton.text
            #expect(out.contains("[T1 \(agent)") && out.contains("failed · killed by signal 9"), "\(out)")
            #expect(!out.contains("WARNING: proceeding") && !out.contains("Reading additional input"), "\(out)")
            if agent == "claude" {
                let row = try #require(Self.statusRow(out, task: "T1", agent: agent), "\(out)")
                #expect(row.contains(" ~"), "placeholder tokens are approximate: \(row)")
            }
        }

        /// The claude planner runs read-only without plan mode: only Read, Grep, Glob and the
        /// structured-output tool of `--json-schema`, and its plan arrives validated.
        @Test func claudePlannerIsReadOnlyWithTheSchema() async throws {
            let rig = try RealCLI.Rig(Self.script([]), agents: ["claude"])
            let (repo, server, env) = (rig.repo, rig.server, rig.env)
            defer { withExtendedLifetime(rig) {} }  // the server lives until the test ends
            let run = try await RealCLI.run(input: "Write three files\n/quit\n", in: repo, environment: env)
            #expect(run.out.contains("planner (claude") && run.out.contains("proposes 1 task"), "\(run.out)")
            #expect(run.out.contains("T1  Write three files"), "\(run.out)")
            let planner = server.requests(conversation: 1)
            let tools = Set(
                planner.flatMap { request in
                    ((request["body"] as? [String: Any])?["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                })
            #expect(tools.contains("StructuredOutput"), "\(tools)")
            // (claude also lists a placeholder for deferred tools, which does nothing.)
            #expect(tools.isSubset(of: ["Read", "Grep", "Glob", "StructuredOutput", "DeferredToolPlaceholder"]), "\(tools)")
            #expect(tools.isDisjoint(with: ["Write", "Edit", "Bash", "NotebookEdit", "ExitPlanMode"]), "\(tools)")
            #expect(!planner.contains { RealCLI.text(of: $0).contains("ExitPlanMode") }, "no plan-mode workflow")
        }

        @Test func codexFailureIsSaidOnce() async throws {
            let rig = try RealCLI.Rig(Self.script([ModelStep.error(400)]), agents: ["codex"])
            let (repo, env) = (rig.repo, rig.env)
            defer { withExtendedLifetime(rig) {} }  // the server lives until the test ends
            let run = try await RealCLI.run(input: "Write three files\n/go\n/wait\n/status\n/quit\n", in: repo, environment: env)
            let out = run.out
            let session = try Self.session(repo)
            let failed = Self.stream(repo, session, "T1", turn: 1).last { $0["type"] as? String == "turn.failed" }
            let message = try #require((failed?["error"] as? [String: Any])?["message"] as? String, "codex did not fail the turn: \(out)")
            #expect(message.contains("scripted failure 400"))
            // Codex streams an `error` event, then `turn.failed`, with the same message.
            #expect(
                Self.stream(repo, session, "T1", turn: 1).contains {
                    $0["type"] as? String == "error" && $0["message"] as? String == message
                })
            #expect(out.components(separatedBy: "scripted failure 400").count - 1 == 1, "said once: \(out)")
            #expect(out.contains("[T1 codex ] failed · "), "\(out)")
        }

        /// A claude turn that exits before any stream line (here: an option it refuses): /log
        /// shows its stderr.
        @Test func logOfAClaudeTurnWithoutAStreamShowsItsStderr() async throws {
            let rig = try RealCLI.Rig(Self.script([ModelStep.text("never")]), agents: ["claude"])
            let (repo, env) = (rig.repo, rig.env)
            defer { withExtendedLifetime(rig) {} }  // the server lives until the test ends
            try FileManager.default.createDirectory(atPath: repo.path + "/.baton", withIntermediateDirectories: true)
            try #"{"agents": {"claude": {"args": ["--no-such-option"]}}}"#
                .write(toFile: repo.path + "/.baton/agents.json", atomically: true, encoding: .utf8)
            let run = try await RealCLI.run(input: "Write three files\n/go\n/wait\n/log T1\n/quit\n", in: repo, environment: env)
            let log = run.out.components(separatedBy: "— turn 1 —").last ?? ""
            #expect(log.contains("stderr: ") && log.contains("no-such-option"), "\(run.out)")
        }

        /// `/permissions bypass on` under root with only claude: refused up front (claude refuses
        /// to bypass as root); with codex too: a warning, then the usual confirmation.
        @Test func bypassUnderRootIsSaidUpFront() async throws {
            let rig = try RealCLI.Rig(Self.script([]), agents: ["claude"])
            let (repo, env) = (rig.repo, rig.env)
            defer { withExtendedLifetime(rig) {} }  // the server lives until the test ends
            let alone = try await RealCLI.run(input: "Write three files\n/permissions bypass on\n/quit\n", in: repo, environment: env)
            let rig2 = try RealCLI.Rig(Self.script([]), agents: ["claude", "codex"])
            let (repo2, env2) = (rig2.repo, rig2.env)
            defer { withExtendedLifetime(rig2) {} }
            let both = try await RealCLI.run(input: "Write three files\n/permissions bypass on\n/quit\n", in: repo2, environment: env2)
            if geteuid() == 0 {
                #expect(alone.out.contains("error: claude refuses to skip its permission checks when run as root"), "\(alone.out)")
                #expect(both.out.contains("running as root: claude refuses"), "\(both.out)")
            } else {
                #expect(!alone.out.contains("as root") && !both.out.contains("as root"))
            }
            #expect(both.out.contains("turning bypass on needs a confirmation at a terminal"), "\(both.out)")
        }

        /// While the model API fails, claude retries, printing only `api_retry` lines: the run is
        /// reported stalled while claude still retries, and the user can stop it.
        @Test func claudeRetryingIsReportedStalled() async throws {
            let rig = try RealCLI.Rig(Self.script([ModelStep.error(529)]), agents: ["claude"], claudeMaxRetries: 10)
            let (repo, env) = (rig.repo, rig.env)
            defer { withExtendedLifetime(rig) {} }  // the server lives until the test ends
            let baton = try LiveBaton(["--stall-after", "3s"], in: repo, environment: env)
            defer { if baton.process.isRunning { baton.kill9() } }
            baton.send("Write three files")
            baton.send("/go")
            #expect(await baton.waitFor("T1 has printed nothing for 3s", seconds: 120), "\(baton.text)")
            // On a loaded machine claude may take longer than 3 s to start (it also connects
            // Baton's MCP server first): stop it only once it is retrying.
            #expect(
                await poll(seconds: 120) {
                    repo.sessionIDs.first.map { Self.stream(repo, $0, "T1", turn: 1).contains { $0["subtype"] as? String == "api_retry" } }
                        ?? false
                }, "claude never retried: \(baton.text)")
            baton.send("/decide D1 2")
            #expect(await baton.waitFor("D1 answered: stop it", seconds: 60), "\(baton.text)")
            baton.send("/quit")
            baton.close()
            _ = await baton.waitForExit(seconds: 60)
            let out = baton.text
            #expect(!out.contains("error:"), "the decision was still open: claude was still retrying: \(out)")
            let session = try Self.session(repo)
            let lines = Self.stream(repo, session, "T1", turn: 1)
            #expect(lines.contains { $0["subtype"] as? String == "api_retry" }, "claude printed its retries: \(lines.count) lines")
            #expect(!lines.contains { $0["type"] as? String == "result" }, "stopped before claude gave up")
        }

        static func waitForSession(_ repo: TestRepository) async throws -> String {
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                if let id = repo.sessionIDs.first { return id }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw CommandFailure(description: "no session")
        }
    }
}
