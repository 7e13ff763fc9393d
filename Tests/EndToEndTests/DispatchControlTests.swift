import BatonTestSupport
import Foundation
import Testing

/// The user steering running tasks: /cancel, /pause + /continue, /retry on another agent,
/// /parallel.
@Suite struct DispatchControlTests {
    static let twoTasks = """
        {"tasks": [
          {"id": "T1", "title": "Write the CSV exporter core", "kind": "code", "detail": "", "scope": ["src/"], "deps": []},
          {"id": "T2", "title": "Write the CSV exporter rows", "kind": "code", "detail": "", "scope": ["rows/"], "deps": ["T1"]}
        ]}
        """

    /// The pid of a task's turn, from the run's pid file (nil until it is written).
    static func pid(_ m: DispatchMission, _ task: String, turn: Int) -> pid_t? {
        guard let session = try? m.session,
            let text = try? String(contentsOfFile: m.repo.path + "/.baton/Sessions/\(session)/runs/\(task)-\(turn).pid", encoding: .utf8)
        else { return nil }
        return text.split(separator: " ").first.flatMap { pid_t($0) }
    }

    static func isGone(_ pid: pid_t) -> Bool { kill(pid, 0) != 0 }

    @Test func cancelStopsTheRunningTurnAndItsDependentsNeverStart() async throws {
        let m = try DispatchMission(
            plan: Self.twoTasks,
            scenario: """
                {"T1": [{"write": {"src/a.txt": "a\\n"}, "sleep": 600}]}
                """)
        let baton = try LiveBaton(in: m.repo, environment: m.env)
        baton.send("Add CSV export")
        baton.send("/policy merge auto")
        baton.send("/go")
        #expect(await baton.waitFor("started T1 on claude"), "\(baton.text)")
        #expect(await poll(seconds: 60) { Self.pid(m, "T1", turn: 1) != nil && !m.turns(of: "T1").isEmpty })
        let pid = try #require(Self.pid(m, "T1", turn: 1))
        #expect(!Self.isGone(pid), "the turn should still be running")

        baton.send("/cancel T1")
        #expect(await baton.waitFor("T1 cancelled · its worktree is kept"), "\(baton.text)")
        #expect(await poll(seconds: 60) { Self.isGone(pid) }, "the cancelled turn's process still runs")
        baton.send("/status")
        #expect(await baton.waitFor("mission: 0/2 merged"), "\(baton.text)")
        let text = baton.text
        #expect(text.range(of: #"(?m)^\s+T1\s+claude\s+cancelled\s"#, options: .regularExpression) != nil, "\(text)")
        #expect(text.range(of: #"(?m)^\s+T2\s+claude\s+planned\s.*after T1"#, options: .regularExpression) != nil, "\(text)")
        baton.send("/quit")
        #expect(await baton.waitForExit() != nil)
        #expect(m.turns(of: "T2").isEmpty, "a dependent of a cancelled task started")
        #expect(FileManager.default.fileExists(atPath: try m.worktree("T1") + "/src/a.txt"), "the worktree is kept")
    }

    @Test func pauseStopsTheTurnAndContinueResumesTheSameAgentSession() async throws {
        let m = try DispatchMission(
            plan: Self.twoTasks,
            scenario: """
                {"T1": [{"write": {"src/a.txt": "one\\n"}, "sleep": 600},
                        {"append": {"src/a.txt": "two\\n"}, "expect_in_prompt": "paused you and now asks you to continue"}]}
                """)
        let baton = try LiveBaton(in: m.repo, environment: m.env)
        baton.send("Add CSV export")
        baton.send("/policy merge auto")
        baton.send("/go")
        #expect(await baton.waitFor("started T1 on claude"), "\(baton.text)")
        #expect(await poll(seconds: 60) { Self.pid(m, "T1", turn: 1) != nil && (try? m.agentSessionID("T1", turn: 1)) != nil })
        let pid = try #require(Self.pid(m, "T1", turn: 1))

        baton.send("/pause T1")
        #expect(await baton.waitFor("T1 paused · /continue T1"), "\(baton.text)")
        #expect(await poll(seconds: 60) { Self.isGone(pid) }, "the paused turn's process still runs")
        baton.send("/status")
        #expect(await baton.waitFor("mission: 0/2 merged"), "\(baton.text)")
        #expect(baton.text.range(of: #"(?m)^\s+T1\s+claude\s+paused\s"#, options: .regularExpression) != nil, "\(baton.text)")
        #expect(m.turns(of: "T1").count == 1, "a paused task must not start a new turn")

        baton.send("/continue T1")
        #expect(await baton.waitFor("T1 continues"), "\(baton.text)")
        #expect(await baton.waitFor("merged T1 into", seconds: 90), "\(baton.text)")
        #expect(await baton.waitFor("merged T2 into", seconds: 90), "\(baton.text)")
        baton.send("/quit")
        #expect(await baton.waitForExit() != nil)

        let turns = m.turns(of: "T1")
        try #require(turns.count == 2)
        #expect(turns[1].value(after: "--resume") == (try m.agentSessionID("T1", turn: 1)))
        #expect(turns[1].prompt.contains("The user paused you and now asks you to continue."))
        #expect(m.show(try m.integrationBranch, "src/a.txt") == "one\ntwo\n")
        #expect(try m.checkpointSubjects("T1") == ["baton: T1 checkpoint 1 (done): Finished T1."])
    }

    @Test func retryAFailedTaskOnAnotherAgent() throws {
        let m = try DispatchMission(
            plan: Self.twoTasks,
            scenario: """
                {"T2": [{"write": {"rows/r.txt": "half\\n"}, "exit": 1, "stderr": "boom: the API is down"}],
                 "T2@codex": [{"write": {"rows/r.txt": "rows\\n"}}]}
                """)
        let result = try m.run([
            "Add CSV export", "/policy merge auto", "/go", "/wait",
            "/retry T2 --agent codex", "/wait", "/status", "/quit",
        ])
        let out = result.stdout
        #expect(result.status == 0, "\(out)")
        let failed = try #require(out.split(separator: "\n").first { $0.hasPrefix("[T2 claude") && $0.contains("failed") }, "\(out)")
        #expect(failed.contains("failed · ") && failed.contains("/retry T2"), "\(failed)")
        #expect(failed.contains("Execution failed"), "the failure line says why (the agent's error result): \(failed)")
        #expect(out.contains("retrying T2 on codex"), "\(out)")
        #expect(out.contains("[T2 codex ] done"), "\(out)")
        #expect(out.contains("merged T2 into"), "\(out)")
        #expect(out.range(of: #"(?m)^\s+T2\s+codex\s+merged\s+2\s"#, options: .regularExpression) != nil, "\(out)")
        let turns = m.turns(of: "T2")
        #expect(turns.map(\.agent) == ["claude", "codex"])
        #expect(turns.last?.argv.contains("resume") == false, "a new agent starts its own session")
        #expect(turns.last?.cwd == turns.first?.cwd, "the retry runs in the same worktree")
        #expect(m.show(try m.integrationBranch, "rows/r.txt") == "rows\n")
    }

    @Test func parallelOneRunsTasksOneAtATime() throws {
        let m = try DispatchMission(
            plan: """
                {"tasks": [
                  {"id": "T1", "title": "Write the CSV exporter core", "kind": "code", "detail": "", "scope": ["a/"], "deps": []},
                  {"id": "T2", "title": "Write the XML exporter core", "kind": "code", "detail": "", "scope": ["b/"], "deps": []},
                  {"id": "T3", "title": "Write the YAML exporter core", "kind": "code", "detail": "", "scope": ["c/"], "deps": []}
                ]}
                """,
            scenario: """
                {"T1": [{"write": {"a/1.txt": "1\\n"}, "sleep": 1}],
                 "T2": [{"write": {"b/2.txt": "2\\n"}, "sleep": 1}],
                 "T3": [{"write": {"c/3.txt": "3\\n"}, "sleep": 1}]}
                """)
        let result = try m.run(["Add exporters", "/policy merge auto", "/parallel 1", "/go", "/wait", "/status", "/quit"])
        let out = result.stdout
        #expect(result.status == 0, "\(out)")
        #expect(out.contains("up to 1 task at once"), "\(out)")
        #expect(out.contains("mission: 3/3 merged"), "\(out)")
        // In the transcript, each task starts only after the one before it is done.
        let order = out.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("started T") else { return nil }
            return String(line.dropFirst("started ".count).prefix(2))
        }
        try #require(order.count == 3, "\(out)")
        for (previous, next) in zip(order, order.dropFirst()) {
            let done = try #require(out.lineIndex(of: "[\(previous) claude] done"), "\(out)")
            let started = try #require(out.lineIndex(of: "started \(next) on"), "\(out)")
            #expect(done < started, "\(next) started while \(previous) ran:\n\(out)")
        }
        // In the stand-ins' log, each turn starts at least its predecessor's one-second run later.
        let turns = m.turns()
        #expect(turns.compactMap(\.task) == order)
        for (a, b) in zip(turns, turns.dropFirst()) {
            #expect(b.time - a.time >= 1.0, "\(b.task!) started \(b.time - a.time)s after \(a.task!)")
        }
    }
}
