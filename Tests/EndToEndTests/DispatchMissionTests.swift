import BatonTestSupport
import Foundation
import Testing

/// A whole mission through piped input: five tasks with dependencies, routed by the router
/// to claude, codex and gemini stand-ins, run in worktrees on a real repository, merged.
@Suite struct DispatchMissionTests {
    /// T1 code → claude, T2 endpoint → codex, T3 tests after T1 → codex, T4 refactor after
    /// T1 T2 → claude, T5 docs overview after all → gemini (no /route: the router's choice).
    static let plan = """
        {"tasks": [
          {"id": "T1", "title": "Write the CSV exporter core", "kind": "code", "detail": "Create src/csv.txt.",
           "scope": ["src/"], "deps": []},
          {"id": "T2", "title": "Add the JSON export endpoint", "kind": "code", "detail": "Create lib/json.txt.",
           "scope": ["lib/"], "deps": []},
          {"id": "T3", "title": "Tests for the CSV exporter", "kind": "tests", "detail": "Cover src/csv.txt.",
           "scope": ["tests/"], "deps": ["T1"]},
          {"id": "T4", "title": "Refactor the exporters to share one writer", "kind": "refactor", "detail": "",
           "scope": ["src/writer.txt", "lib/"], "deps": ["T1", "T2"]},
          {"id": "T5", "title": "Write an overview of the exports in the README", "kind": "docs", "detail": "",
           "scope": ["README.md"], "deps": ["T1", "T2", "T3", "T4"]}
        ]}
        """

    /// T1, T2 and T5 stop at a first-change checkpoint and are auto-continued (resume by id);
    /// T3 appends to the file T1 created, T4 to the one T2 created.
    static let scenario = """
        {
          "T1": [{"write": {"src/csv.txt": "csv v1\\n"},
                  "checkpoint": {"checkpoint": "first-change", "summary": "CSV header written.", "next": "Rows."}},
                 {"append": {"src/csv.txt": "csv v2\\n"}, "expect_in_prompt": "Continue from your last checkpoint"}],
          "T2": [{"write": {"lib/json.txt": "json v1\\n"},
                  "checkpoint": {"checkpoint": "first-change", "summary": "JSON shape written.", "next": "Endpoint."}},
                 {"append": {"lib/json.txt": "json v2\\n"}, "expect_in_prompt": "Continue from your last checkpoint"}],
          "T3": [{"append": {"src/csv.txt": "tested\\n"}, "write": {"tests/csv_test.txt": "ok\\n"},
                  "expect_in_prompt": "## Mission\\nAdd CSV and JSON exports"}],
          "T4": [{"append": {"lib/json.txt": "shared writer\\n"}, "write": {"src/writer.txt": "writer\\n"}}],
          "T5": [{"append": {"README.md": "## Exports\\n"},
                  "checkpoint": {"checkpoint": "first-change", "summary": "Section added.", "next": "Links."}},
                 {"append": {"README.md": "See src/csv.txt and lib/json.txt.\\n"}, "expect_in_prompt": "Continue from your last checkpoint"}]
        }
        """

    static let routes = ["T1": "claude", "T2": "codex", "T3": "codex", "T4": "claude", "T5": "gemini"]

    @Test func fiveTaskMissionRunsToTheEndAndMergesEverything() throws {
        let m = try DispatchMission(plan: Self.plan, scenario: Self.scenario)
        let result = try m.run(["Add CSV and JSON exports", "/policy merge auto", "/go", "/wait", "/status", "/log T1", "/quit"])
        let out = result.stdout
        #expect(result.status == 0, "\(out)\n\(result.stderr)")

        // Every task merged, each by the agent the router chose.
        for (task, agent) in Self.routes.sorted(by: { $0.key < $1.key }) {
            #expect(out.contains("merged \(task) into baton/"), "\(task) not merged:\n\(out)")
            #expect(out.contains("started \(task) on \(agent) in .baton/worktrees/"), "\(task) not on \(agent):\n\(out)")
            #expect(m.turns(of: task).allSatisfy { $0.agent == agent })
        }
        let subjects = try m.repo.gitArgs(["log", "--all", "--format=%s"])
        #expect(!subjects.contains("MISSING:"), "a turn did not get what it expected in its prompt:\n\(subjects)")

        // Each branch holds its agent's checkpoint commits; the brief is never committed.
        let integration = try m.integrationBranch
        for task in ["T1", "T2", "T5"] {
            let subjects = try m.checkpointSubjects(task)
            #expect(subjects.count == 2, "\(task): \(subjects)")
            #expect(subjects.first?.hasPrefix("baton: \(task) checkpoint 1 (first-change): ") == true, "\(subjects)")
            #expect(subjects.last?.hasPrefix("baton: \(task) checkpoint 2 (done): ") == true, "\(subjects)")
        }
        for task in ["T3", "T4"] {
            #expect(try m.checkpointSubjects(task) == ["baton: \(task) checkpoint 1 (done): Finished \(task)."])
        }
        for task in Self.routes.keys.sorted() {
            let brief = try String(contentsOfFile: try m.worktree(task) + "/CONTEXT.md", encoding: .utf8)
            #expect(brief.contains("## Mission\nAdd CSV and JSON exports"), "\(task) brief:\n\(brief)")
            #expect(brief.contains("## Task \(task) — "))
            #expect(brief.contains("## Checkpoints") && brief.contains("```baton") && brief.contains("first-change"))
            #expect(try !m.trackedFiles(try m.branch(task)).contains("CONTEXT.md"), "\(task) committed its brief")
        }
        #expect(try !m.trackedFiles(integration).contains("CONTEXT.md"))

        // Dependents saw their dependencies' files: the appends land on top of them.
        #expect(m.show(integration, "src/csv.txt") == "csv v1\ncsv v2\ntested\n")
        #expect(m.show(integration, "lib/json.txt") == "json v1\njson v2\nshared writer\n")
        #expect(m.show(integration, "src/writer.txt") == "writer\n")
        #expect(m.show(integration, "tests/csv_test.txt") == "ok\n")
        #expect(m.show(integration, "README.md") == "# Demo\n## Exports\nSee src/csv.txt and lib/json.txt.\n")
        #expect(try m.repo.gitArgs(["log", "--format=%s", "main"]) == "initial\n", "main itself is untouched")

        // /status: the columns, a row per task, the mission totals.
        let header = out.split(separator: "\n").first { $0.contains("task") && $0.contains("agent") && $0.contains("tokens") }
        let columns = header.map { $0.split(separator: " ").map(String.init) } ?? []
        #expect(columns == ["task", "agent", "state", "turn", "elapsed", "last", "files", "tokens", "cost"], "\(out)")
        for (task, agent) in Self.routes {
            let turns = ["T1", "T2", "T5"].contains(task) ? 2 : 1
            #expect(
                out.range(
                    of: #"(?m)^\s+\#(task)\s+\#(agent)\s+merged\s+\#(turns)\s+\S+\s+—\s+\d+\s+\S+\s+~?\$\d+\.\d\d$"#,
                    options: .regularExpression) != nil, "\(task) row:\n\(out)")
        }
        #expect(
            out.range(of: #"mission: 5/5 merged · \S+ · \$\d+\.\d\d \(planner \$0\.02\)"#, options: .regularExpression) != nil, "\(out)")

        // /log T1 shows the agent's words, not its JSON stream.
        let log = out.components(separatedBy: "— turn 1 —").last ?? ""
        #expect(log.contains("Working on it.") && log.contains("Worked on T1."), "\(out)")
        #expect(log.contains("— turn 2 —"))
        #expect(!log.contains("\"type\""), "raw JSON in /log:\n\(log)")
    }

    @Test func dependentsStartOnlyAfterTheirDependenciesAreMerged() throws {
        let m = try DispatchMission(plan: Self.plan, scenario: Self.scenario)
        let result = try m.run(["Add CSV and JSON exports", "/policy merge auto", "/go", "/wait", "/quit"])
        let out = result.stdout
        let deps = ["T3": ["T1"], "T4": ["T1", "T2"], "T5": ["T1", "T2", "T3", "T4"]]
        for (task, before) in deps {
            let started = try #require(out.lineIndex(of: "started \(task) on"), "\(out)")
            for dep in before {
                let merged = try #require(out.lineIndex(of: "merged \(dep) into"), "\(out)")
                #expect(merged < started, "\(task) started before \(dep) merged:\n\(out)")
            }
        }
        // The stand-ins' own log agrees: a dependent's first turn runs in a worktree that
        // already holds its dependencies' merged work (the agents were called in DAG order).
        let first = Dictionary(m.turns().map { ($0.task!, $0.time) }, uniquingKeysWith: min)
        for (task, before) in deps {
            for dep in before {
                let last = try #require(m.turns(of: dep).map(\.time).max())
                #expect(last < first[task]!, "\(task) called before \(dep)'s last turn")
            }
        }
    }

    @Test func continuationsResumeTheAgentsOwnSessionByID() throws {
        let m = try DispatchMission(plan: Self.plan, scenario: Self.scenario)
        let result = try m.run(["Add CSV and JSON exports", "/policy merge auto", "/go", "/wait", "/quit"])
        #expect(result.status == 0, "\(result.stdout)")

        // claude: --resume <session_id of turn 1>, from the same worktree.
        let claude = m.turns(of: "T1")
        try #require(claude.count == 2, "\(claude.map(\.argv))")
        let claudeSession = try #require(try m.agentSessionID("T1", turn: 1))
        #expect(claude[0].value(after: "--resume") == nil)
        #expect(claude[1].value(after: "--resume") == claudeSession)
        #expect(claude[1].cwd == claude[0].cwd)
        #expect(claude[1].prompt.contains("Continue from your last checkpoint"))
        #expect(claude[1].prompt.lowercased().contains("continue"))

        // codex: exec … resume <thread_id>.
        let codex = m.turns(of: "T2")
        try #require(codex.count == 2, "\(codex.map(\.argv))")
        let thread = try #require(try m.agentSessionID("T2", turn: 1))
        #expect(codex[0].argv[1] == "exec" && !codex[0].argv.contains("resume"))
        #expect(codex[1].argv[1] == "exec" && codex[1].value(after: "resume") == thread, "\(codex[1].argv)")
        #expect(codex[1].prompt.contains("Continue from your last checkpoint"))

        // gemini: -r <session_id>.
        let gemini = m.turns(of: "T5")
        try #require(gemini.count == 2, "\(gemini.map(\.argv))")
        let geminiSession = try #require(try m.agentSessionID("T5", turn: 1))
        #expect(gemini[0].value(after: "-r") == nil)
        #expect(gemini[1].value(after: "-r") == geminiSession)
        #expect(gemini[1].prompt.contains("Continue from your last checkpoint"))

        // Turns that ended at done are not continued.
        #expect(m.turns(of: "T3").count == 1 && m.turns(of: "T4").count == 1)
    }
}
