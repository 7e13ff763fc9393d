import Foundation
import Testing

@testable import BatonCore

@Suite struct PlanJSONTests {
    func fixtureResult() throws -> String {
        // The planner fixture's `result` field (a claude -p JSON result).
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BatonAgentsTests/Fixtures/planner-claude-json-result.json")
        let data = try Data(contentsOf: url)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require(object?["result"] as? String)
    }

    @Test func fencedFixtureReply() throws {
        let tasks = try PlanJSON.extractPlan(from: try fixtureResult())
        #expect(tasks.map(\.id) == ["T1", "T2", "T3", "T4"])
        #expect(tasks[0].title == "Signup form and validation")
        #expect(tasks[0].scope == ["Sources/Onboarding/"] && tasks[0].avoid == ["Sources/API/"])
        #expect(tasks[2].kind == .tests && tasks[2].deps == ["T1", "T2"])
        #expect(tasks[3].kind == .docs && tasks[3].acceptance.isEmpty)
        #expect(PlanValidator.validate(Plan(tasks: tasks)).isEmpty)
    }

    @Test func proseAroundAndLenientFields() throws {
        let reply = """
            Sure! Here is the plan {as requested}:
            {"tasks": [
              {"id": " T1 ", "title": "  Add export  ", "kind": "Feature", "scope": "Sources/Reports/"},
              {"id": 2, "title": "Tests", "kind": "testing", "deps": [1], "acceptance": "exports match"},
              {"title": "Docs", "kind": "nonsense", "depends_on": ["T1", "T2"], "detail": "with } brace \\" quote"}
            ]}
            Let me know if you want changes.
            """
        let tasks = try PlanJSON.extractPlan(from: reply)
        #expect(tasks.map(\.id) == ["T1", "T2", "T3"])
        #expect(tasks[0].title == "Add export" && tasks[0].kind == .code && tasks[0].scope == ["Sources/Reports/"])
        #expect(tasks[1].kind == .tests && tasks[1].deps == ["T1"] && tasks[1].acceptance == ["exports match"])
        #expect(tasks[2].kind == .code && tasks[2].deps == ["T1", "T2"] && tasks[2].detail == "with } brace \" quote")
    }

    @Test func malformedReplies() {
        func error(_ text: String) -> String {
            do {
                _ = try PlanJSON.extractPlan(from: text)
                return "no error"
            } catch { return error.description }
        }
        #expect(error("I could not make a plan.") == "planner reply has no JSON object")
        #expect(error("{\"tasks\": [{\"id\": \"T1\", \"title\": \"a\",]").hasPrefix("planner reply has malformed JSON"))
        #expect(error("{\"steps\": []}") == "planner reply has no \"tasks\" list")
        #expect(error("{\"tasks\": []}") == "planner reply has an empty task list")
        #expect(error("{\"tasks\": [{\"id\": \"T1\", \"title\": \"a\"}, {\"id\": \"T2\", \"title\": \"  \"}]}") == "task 2 has no title")
        #expect(error("{\"tasks\": [\"do it\"]}") == "task 1 of the planner reply is not an object")
    }

    @Test func renderHasTheDocumentedKeys() throws {
        let tasks = [
            PlanTask(id: "T1", title: "Add export", detail: "d", kind: .code, scope: ["Sources/"], route: "codex", routeReason: "fast"),
            PlanTask(id: "T2", title: "Docs", kind: .docs, deps: ["T1"]),
        ]
        let text = PlanJSON.render(mission: "Export CSV", planner: "claude", tasks: tasks) { $0 == "T1" ? "running" : "planned" }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["mission", "planner", "tasks"])
        #expect(object["mission"] as? String == "Export CSV")
        let list = try #require(object["tasks"] as? [[String: Any]])
        let keys: Set<String> = [
            "id", "title", "kind", "detail", "scope", "avoid", "deps", "route", "route_reason", "acceptance", "status",
        ]
        #expect(list.allSatisfy { Set($0.keys) == keys })
        #expect(list[0]["status"] as? String == "running" && list[1]["status"] as? String == "planned")
        #expect(list[1]["route"] is NSNull)
        #expect(list[0]["route_reason"] as? String == "fast")
        #expect(text.contains("\"Sources/\""))  // slashes are not escaped
        // Stable: rendering twice gives the same text.
        #expect(text == PlanJSON.render(mission: "Export CSV", planner: "claude", tasks: tasks) { $0 == "T1" ? "running" : "planned" })
    }
}
