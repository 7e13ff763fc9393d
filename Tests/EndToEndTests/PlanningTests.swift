import BatonTestSupport
import Foundation
import Testing

/// Planning end to end: agent planners through the stand-in CLIs, the fallback, editing.
@Suite struct PlanningTests {
    static let plan = #"""
        {"tasks":[
         {"id":"T1","title":"Add the verify endpoint","kind":"code","detail":"GET /verify","scope":["Sources/API/"],"deps":[],"acceptance":["expired tokens get 410"]},
         {"id":"T2","title":"Refactor the session store across modules","kind":"refactor","scope":["Sources/Store/"],"deps":[]},
         {"id":"T3","title":"Tests for the verify endpoint","kind":"tests","scope":["Tests/API/"],"deps":["T1"]}
        ]}
        """#

    private func planJSON(_ text: String) throws -> [String: Any] {
        let start = try #require(text.firstIndex(of: "{"))
        let end = try #require(text.lastIndex(of: "}"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text[start...end].utf8)) as? [String: Any])
    }

    @Test(arguments: ["claude", "codex", "gemini"])
    func agentPlannerThroughItsCLI(planner: String) throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        try env.plan(Self.plan)
        let result = try Command.run(
            Products.baton, ["plan", "Email verification", "--planner", planner, "--json"],
            in: repo.path, environment: env.values)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try planJSON(result.stdout)
        #expect(json["planner"] as? String == planner)
        let tasks = try #require(json["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["id"] as? String } == ["T1", "T2", "T3"])
        #expect(tasks.allSatisfy { $0["route"] is String && $0["route_reason"] is String && $0["status"] as? String == "planned" })
        // The planner ran read-only and changed nothing in the repository.
        let call = try #require(env.calls().first { $0.agent == planner && !$0.argv.contains("--version") })
        switch planner {
        case "claude":
            #expect(
                call.argv.contains("--tools") && call.argv.contains("Read,Grep,Glob") && call.argv.contains("--json-schema")
                    && !call.argv.contains("plan"))
        case "codex": #expect(call.argv.contains("read-only"))
        default: #expect(call.argv.contains("-o") && call.argv.contains("json"))
        }
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }

    @Test func malformedPlannerOutputIsRetriedThenOfflinePlannerTakesOver() throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        try env.plan(#"{"tasks":[{"id":"T1","title":"A","deps":["T2"]},{"id":"T2","title":"B","deps":["T1"]}]}"#)
        let result = try Command.run(
            Products.baton, ["plan", "Add CSV export, then write tests for it", "--planner", "claude", "--json"],
            in: repo.path, environment: env.values)
        #expect(result.status == 0)
        let turns = env.calls().filter { $0.agent == "claude" && !$0.argv.contains("--version") }
        #expect(turns.count == 2, "one retry")
        let secondPrompt = turns.last?.argv.joined(separator: " ") ?? ""
        #expect(secondPrompt.contains("cycle"), "the validation error is fed back")
        #expect(result.stderr.contains("used the offline planner instead"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let json = try planJSON(result.stdout)
        #expect(json["planner"] as? String == "offline")
        #expect((json["tasks"] as? [[String: Any]])?.count == 2)
    }

    @Test func noPlannerAvailableMeansOffline() throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo, agents: [])
        let result = try Baton.run(input: "Add a login endpoint, then write tests for it\n/quit\n", in: repo, environment: env)
        #expect(result.stdout.contains("planner: offline"))
        #expect(result.stdout.contains("planner (offline) proposes 2 tasks"))
        #expect(result.stdout.contains("human"), "with no agent installed, tasks go to human")
    }

    @Test func editsUndoRedoAndValidation() throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo)
        let script =
            [
                "Add a login endpoint in Sources/API/, then write tests for it; finally update the README",
                "/edit T1 title Add the login endpoint",
                "/edit T1 kind nonsense",
                "/edit T1 scope /etc",
                "/add Refactor the session store --after T1 --kind refactor",
                "/dep T1 T4",
                "/dep T2 T4",
                "/undep T2 T4",
                "/drop T2",
                "/undo",
                "/redo",
                "/undo",
                "/plan --json",
                "/quit",
            ].joined(separator: "\n") + "\n"
        let result = try Baton.run(["--planner", "offline"], input: script, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("~ T1 title"))
        #expect(out.contains("error: unknown kind nonsense — kinds are code refactor tests docs research ops"))
        #expect(out.contains("error:") && out.contains("/etc"))
        #expect(out.contains("+ T4 Refactor the session store"))
        #expect(out.contains("error: cycle: T1 → T4 → T1"), "a cycle is named and nothing changes")
        #expect(out.contains("- T2 Write tests for the login endpoint"))
        #expect(out.contains("undid:") && out.contains("redid:"))
        let json = try planJSON(String(out[out.range(of: "{\n")!.lowerBound...]))
        let tasks = try #require(json["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["id"] as? String } == ["T1", "T2", "T3", "T4"], "the last /undo brought T2 back")
        #expect(tasks[0]["title"] as? String == "Add the login endpoint")
        #expect(tasks[1]["deps"] as? [String] == ["T1"], "/undep T2 T4 undid the dependency")
        #expect(tasks[3]["kind"] as? String == "refactor")
    }

    @Test func routeOverrideIsKeptThroughReplansAndDiffShown() async throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        try env.plan(Self.plan)
        let revised = Self.plan.replacingOccurrences(
            of: #""title":"Tests for the verify endpoint""#, with: #""title":"Integration tests for verify""#)
        let live = try LiveBaton(["--planner", "claude"], in: repo, environment: env)
        live.send("Email verification")
        #expect(await live.waitFor("proposes 3 tasks"))
        live.send("/route T1 gemini")
        #expect(await live.waitFor("T1 → gemini (you chose; router preferred"))
        try revised.write(toFile: env.standInState + "/plan.json", atomically: true, encoding: .utf8)
        live.send("make the tests integration tests")
        #expect(await live.waitFor("revised the plan"))
        live.send("/route")
        live.send("/quit")
        _ = await live.waitForExit()
        let out = live.text
        #expect(out.contains("~ T3 title"), "the replan shows what changed")
        let routeTable = out.components(separatedBy: "revised the plan").last ?? ""
        #expect(routeTable.contains("T1  gemini  you chose"), "the override survives the replan")
    }

    @Test func routeErrorsAndRanking() throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo, agents: ["claude"])
        let script =
            "Add a login endpoint, then write tests for it\n/route T1\n/route T1 nosuch\n/route T2 codex\n/route T9 claude\n/quit\n"
        let out = try Baton.run(["--planner", "offline"], input: script, in: repo, environment: env).stdout
        #expect(
            out.contains("routed to claude") && out.range(of: #"human +0\.0 +last resort"#, options: .regularExpression) != nil,
            "/route T1 ranks the available agents with scores")
        #expect(out.contains("error: unknown agent nosuch — agents are claude codex gemini aider opencode antigravity human"))
        #expect(out.contains("warning: codex is not installed — npm install -g @openai/codex"))
        #expect(out.contains("error: unknown task T9 — tasks are T1 T2"))
    }
}
