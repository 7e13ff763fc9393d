import Foundation
import Testing

@testable import BatonCore

@Suite struct PromptTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func file(_ name: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("prompts/\(name).md"), encoding: .utf8)
    }

    @Test func templateRendering() {
        #expect(PromptTemplate.render("Hi {{name}}, {{ name }}!", values: ["name": "Ada"]) == "Hi Ada, Ada!")
        #expect(PromptTemplate.render("{{unknown}} and {{known}}", values: ["known": "k"]) == "{{unknown}} and k")
        #expect(PromptTemplate.render("value {{a}}", values: ["a": "{{b}}", "b": "no"]) == "value {{b}}")
        #expect(PromptTemplate.render("{{ not a name }} {{}} {{x", values: ["x": "1"]) == "{{ not a name }} {{}} {{x")
        #expect(PromptTemplate.render("json {\"a\":{\"b\":1}} {{v}}", values: ["v": "ok"]) == "json {\"a\":{\"b\":1}} ok")
        #expect(PromptTemplate.placeholders(in: "{{b}} {{a}} {{b}} {{ c }} {{bad name}}") == ["b", "a", "c"])
    }

    @Test(arguments: BuiltinPrompts.names)
    func embeddedCopiesMatchTheFiles(name: String) throws {
        // If this fails: run `python3 prompts/embed.py` from the package root.
        #expect(BuiltinPrompts.text(named: name) == (try Self.file(name)))
    }

    @Test func promptsUseExactlyTheirPlaceholders() {
        #expect(
            Set(PromptTemplate.placeholders(in: BuiltinPrompts.planner)) == [
                "mission", "repository", "decisions", "agents", "feedback", "current_plan",
            ])
        #expect(
            Set(PromptTemplate.placeholders(in: BuiltinPrompts.worker)) == [
                "mission", "task_id", "task_title", "task_kind", "task_detail", "acceptance", "scope", "avoid",
                "area_files", "area_commits", "others", "decisions", "brief_path",
            ])
        #expect(
            Set(PromptTemplate.placeholders(in: BuiltinPrompts.continue)) == [
                "task_id", "task_title", "last_checkpoint", "messages", "brief_path",
            ])
        #expect(Set(PromptTemplate.placeholders(in: BuiltinPrompts.summarize)) == ["mission", "tasks", "decisions", "checks"])
        #expect(
            Set(PromptTemplate.placeholders(in: BuiltinPrompts.review)) == [
                "task_id", "task_title", "detail", "acceptance", "decisions", "diff",
            ])
        #expect(
            Set(PromptTemplate.placeholders(in: BuiltinPrompts.integration)) == [
                "task_id", "task_title", "branch", "merge", "verdict", "tail", "checks",
            ])
    }

    static let session: [String: String] = [
        "mission": "Add CSV export to the reports page, then write tests for it; update the README",
        "repository": "Swift package `shop`, 3 targets; Sources/Reports/ holds ReportController.swift",
        "decisions": "- D1 Large reports: stream rows",
        "agents": "claude (careful, architecture), codex (fast, well-scoped code)",
        "feedback": "split the endpoint from the UI",
        "current_plan": "T1 Add CSV export endpoint",
        "task_id": "T2", "task_title": "Tests for the CSV export", "task_kind": "tests",
        "task_detail": "Cover empty reports and large reports.", "acceptance": "- swift test passes",
        "scope": "Tests/Reports/", "avoid": "Sources/", "area_files": "Tests/Reports/ReportTests.swift",
        "area_commits": "a1b2c3 Add report tests", "others": "T3 Document CSV export (README.md)",
        "brief_path": ".baton/worktrees/s-7f3a/T2/CONTEXT.md", "messages": "D1 answered: stream rows",
        "last_checkpoint": "Checkpoint 1 (first change): Added the test file.",
        "tasks": "T1 Add CSV export endpoint (claude, merged, 4 files)", "checks": "swift test: 48 passed",
        "detail": "Cover empty reports.", "diff": "+func testEmptyReport() {}",
        "contestants": "### claude (branch baton/s-7f3a/T2.claude)", "names": "claude, codex",
        "branch": "baton/s-7f3a/main", "merge": "commit 1a2b3c4d5e6f", "verdict": "✗ unit: 1 failed — test_pair",
        "tail": "FAILED tests/test_pair.py::test_pair",
    ]

    @Test(arguments: BuiltinPrompts.names)
    func renderedPromptsHaveNoPlaceholdersLeft(name: String) throws {
        let text = PromptTemplate.render(try #require(BuiltinPrompts.text(named: name)), values: Self.session)
        #expect(!text.contains("{{"), "\(name) still has a placeholder")
        #expect(!text.contains("}}"))
    }

    @Test func plannerPromptCarriesTheContract() {
        let text = PromptTemplate.render(BuiltinPrompts.planner, values: Self.session)
        #expect(text.contains("planner for a team of coding agents"))
        #expect(text.contains("Add CSV export to the reports page, then write tests for it; update the README"))
        #expect(text.contains("exactly one JSON object and nothing else"))
        for field in ["\"id\"", "\"title\"", "\"kind\"", "\"detail\"", "\"scope\"", "\"avoid\"", "\"deps\"", "\"acceptance\""] {
            #expect(text.contains(field))
        }
        #expect(text.contains("Prefer 3 to 8 tasks"))
        #expect(text.contains("disjoint scopes"))
        #expect(text.contains("Tests come after the code they test"))
        #expect(text.contains("Keep the ids of unchanged tasks"))
        #expect(text.contains("split the endpoint from the UI"))
    }

    @Test func workerBriefCarriesTheProtocol() throws {
        let text = PromptTemplate.render(BuiltinPrompts.worker, values: Self.session)
        #expect(text.contains("\n## Task T2 — Tests for the CSV export\n"))
        let match = try #require(text.firstMatch(of: /Task (T\d+)/))
        #expect(match.1 == "T2")
        #expect(text.contains("Do not commit, push, rebase, merge or switch branches"))
        #expect(text.contains("before-destructive"))
        #expect(text.contains("```baton\n{\"checkpoint\":"))
        for key in ["\"checkpoint\"", "\"summary\"", "\"next\"", "\"question\"", "\"options\""] { #expect(text.contains(key)) }
        #expect(text.contains("first-change, core-drafted, before-destructive, needs-decision, done"))
        #expect(text.contains("2–4 concrete"))
        #expect(text.contains("You may change: Tests/Reports/"))
        #expect(text.contains("T3 Document CSV export (README.md)"))
    }

    @Test func continuePromptNamesTheTask() throws {
        let text = PromptTemplate.render(BuiltinPrompts.continue, values: Self.session)
        let match = try #require(text.firstMatch(of: /Task (T\d+)/))
        #expect(match.1 == "T2")
        #expect(text.contains("Continue from your last checkpoint"))
        #expect(text.contains("D1 answered: stream rows"))
        #expect(text.contains("```baton"))
    }

    @Test func continuePromptSaysWhatTheLastCheckpointAchieved() {
        let checkpoint = Checkpoint(
            number: 2, turn: 2,
            report: CheckpointReport(kind: .coreDrafted, summary: "Drafted the CSV writer", next: "Stream the rows."),
            commit: "abc", stat: DiffStat(added: 84, removed: 3, files: ["Sources/Reports/CSV.swift", "README.md"]))
        let recap = checkpoint.recap
        #expect(
            recap
                == "Checkpoint 2 (core drafted): Drafted the CSV writer. Next: Stream the rows. Files changed so far: Sources/Reports/CSV.swift, README.md (+84 −3)."
        )
        var values = Self.session
        values["last_checkpoint"] = recap
        let text = PromptTemplate.render(BuiltinPrompts.continue, values: values)
        #expect(text.contains("## Where you stopped\n" + recap))
        let bare = Checkpoint(number: 1, turn: 1, report: CheckpointReport(kind: .unstructured, summary: ""), commit: nil, stat: DiffStat())
        #expect(bare.recap == "Checkpoint 1 (unstructured).")
    }

    @Test func summarizePromptAsksForThePRSections() {
        let text = PromptTemplate.render(BuiltinPrompts.summarize, values: Self.session)
        for section in ["## Why", "## What changed", "## Decisions", "## How it was checked", "swift test: 48 passed"] {
            #expect(text.contains(section))
        }
    }
}
