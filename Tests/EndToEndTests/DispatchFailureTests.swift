import BatonTestSupport
import Foundation
import Testing

/// When runs go wrong: a missing agent CLI, a silent agent, a spent budget, an agent that
/// dies without its final result. Each says what happened and what to do.
@Suite struct DispatchFailureTests {
    static let twoIndependent = """
        {"tasks": [
          {"id": "T1", "title": "Write the CSV exporter core", "kind": "code", "detail": "", "scope": ["src/"], "deps": []},
          {"id": "T2", "title": "Add the JSON export endpoint", "kind": "code", "detail": "", "scope": ["lib/"], "deps": []}
        ]}
        """

    static func line(_ out: String, _ prefix: String, containing word: String) -> String? {
        out.split(separator: "\n").map(String.init).first { $0.hasPrefix(prefix) && $0.contains(word) }
    }

    @Test func missingAgentCLIFailsItsTaskWithHowToInstallOrReroute() throws {
        let m = try DispatchMission(plan: Self.twoIndependent, agents: ["claude"])
        let result = try m.run([
            "Add exports", "/route T2 codex", "/policy merge auto", "/go", "/wait",
            "/retry T2 --agent claude", "/wait", "/status", "/quit",
        ])
        let out = result.stdout
        #expect(result.status == 0, "\(out)")
        #expect(out.contains("codex ✗"), "the banner shows codex missing:\n\(out)")
        #expect(out.contains("warning: codex is not installed — npm install -g @openai/codex"), "\(out)")
        #expect(out.contains("warning: T2 is routed to codex, which is not installed — /route T2 claude"), "\(out)")
        let failed = try #require(Self.line(out, "[T2 codex", containing: "failed"), "\(out)")
        #expect(failed.contains("codex is not installed"), "\(failed)")
        #expect(failed.contains("npm install -g @openai/codex"), "\(failed)")
        #expect(failed.contains("/retry T2 --agent claude"), "\(failed)")
        // The other task is not held up, and the suggested command works.
        #expect(out.contains("merged T1 into"), "\(out)")
        #expect(out.contains("retrying T2 on claude"), "\(out)")
        #expect(out.contains("merged T2 into"), "\(out)")
        #expect(m.turns().allSatisfy { $0.agent == "claude" })
        #expect(!StandInCall.all(in: m.env).contains { $0.agent == "codex" })
    }

    @Test func aSilentAgentRaisesOneStallDecision() throws {
        // Three silent stretches of ~5 s against a 2 s stall limit: one decision, not three.
        let m = try DispatchMission(
            plan: """
                {"tasks": [{"id": "T1", "title": "Write the CSV exporter core", "kind": "code", "detail": "", "scope": ["src/"], "deps": []}]}
                """,
            scenario: """
                {"T1": [{"lines": 2, "pace": 5, "write": {"src/a.txt": "a\\n"}, "sleep": 5}]}
                """)
        let result = try m.run(["Add CSV export", "/policy merge auto", "/go", "/wait", "/quit"], arguments: ["--stall-after", "2s"])
        let out = result.stdout
        #expect(result.status == 0, "\(out)")
        #expect(out.lineCount(of: "has printed nothing") == 1, "\(out)")
        let stall = try #require(Self.line(out, "? D1", containing: "has printed nothing"), "\(out)")
        #expect(stall.contains("[T1 claude] T1 has printed nothing for 2s"), "the exact silence, not a rounded minute: \(stall)")
        #expect(out.contains("keep waiting") && out.contains("/decide D1"), "\(out)")
        // A stall only asks: the turn goes on and the task still finishes.
        #expect(out.contains("merged T1 into"), "\(out)")
        #expect(m.turns(of: "T1").count == 1)
    }

    @Test func aSpentBudgetAsksAndNoNewTurnStarts() throws {
        // Each stand-in claude turn costs $0.0731: the first one crosses $0.05.
        let m = try DispatchMission(
            plan: Self.twoIndependent,
            scenario: """
                {"T1": [{"write": {"src/a.txt": "a\\n"}, "checkpoint": {"checkpoint": "first-change", "summary": "Started.", "next": "More."}}]}
                """)
        let result = try m.run(
            ["Add exports", "/route T2 claude", "/policy merge auto", "/parallel 1", "/go", "/wait", "/status", "/quit"],
            arguments: ["--budget-usd", "0.05"])
        let out = result.stdout
        let budget = try #require(Self.line(out, "? D1", containing: "budget"), "\(out)")
        #expect(budget.contains("$0.05 budget") && budget.contains("no new turn starts"), "\(budget)")
        #expect(out.contains("[T1 claude] checkpoint 1 · first change"), "\(out)")
        #expect(out.contains("nothing is running · 1 decision waiting"), "\(out)")
        #expect(
            out.range(
                of: #"mission: 0/2 merged · \S+ · \$0\.09 \(planner \$0\.02\) · 1 decision waiting: /decisions"#,
                options: .regularExpression) != nil, "\(out)")
        #expect(out.range(of: #"(?m)^\s+T1\s+claude\s+waiting"#, options: .regularExpression) != nil, "\(out)")
        #expect(out.range(of: #"(?m)^\s+T2\s+claude\s+ready"#, options: .regularExpression) != nil, "\(out)")
        // Neither T1's next turn nor T2's first one started past the budget.
        #expect(m.turns().count == 1, "\(m.turns().map { $0.task ?? "?" })")
        #expect(!out.contains("started T2"), "\(out)")
    }

    @Test func anAgentThatExitsWithoutAResultFailsWithItsStderr() throws {
        let m = try DispatchMission(
            plan: Self.twoIndependent,
            scenario: """
                {"T1": [{"write": {"src/a.txt": "a\\n"}, "no_result": true, "stderr": "fatal: connection reset by peer"}],
                 "T2": [{"write": {"lib/b.txt": "b\\n"}, "no_result": true, "stderr": "codex: stream disconnected before completion"}]}
                """)
        let result = try m.run(["Add exports", "/policy merge auto", "/go", "/wait", "/status", "/quit"])
        let out = result.stdout
        let claude = try #require(Self.line(out, "[T1 claude", containing: "failed"), "\(out)")
        #expect(claude.contains("fatal: connection reset by peer"), "\(claude)")
        #expect(claude.contains("/retry T1"), "\(claude)")
        let codex = try #require(Self.line(out, "[T2 codex", containing: "failed"), "\(out)")
        #expect(codex.contains("codex: stream disconnected before completion"), "\(codex)")
        #expect(out.range(of: #"(?m)^\s+T1\s+claude\s+failed"#, options: .regularExpression) != nil, "\(out)")
        #expect(out.range(of: #"(?m)^\s+T2\s+codex\s+failed"#, options: .regularExpression) != nil, "\(out)")
        #expect(try m.checkpointSubjects("T1").isEmpty, "a failed turn is not a checkpoint")
        #expect(out.contains("mission: 0/2 merged"), "\(out)")
    }
}
