import BatonTestSupport
import Foundation
import Testing

extension RealCLI {
    /// The real CLIs as planners (`baton plan MISSION --planner AGENT --json`). The assertions
    /// hold for claude's planner invocation with `--permission-mode plan` and with read-only
    /// tools plus `--json-schema` (the server answers through StructuredOutput when offered).
    @Suite struct RealCLIPlannerTests {
        static var tasks: [[String: Any]] {
            [
                RealCLI.task("T1", "Add the verify endpoint", scope: ["Sources/API/"]),
                RealCLI.task("T2", "Refactor the session store", scope: ["Sources/Store/"], kind: "refactor"),
                RealCLI.task("T3", "Tests for the verify endpoint", scope: ["Tests/API/"], deps: ["T1"], kind: "tests"),
            ]
        }

        static func planJSON(_ text: String) throws -> [String: Any] {
            let start = try #require(text.firstIndex(of: "{"), "no JSON: \(text)")
            let end = try #require(text.lastIndex(of: "}"), "no JSON: \(text)")
            return try #require(try JSONSerialization.jsonObject(with: Data(text[start...end].utf8)) as? [String: Any], "\(text)")
        }

        /// The model tries to write a file first: the planner runs read-only, so the repository
        /// stays clean; then its plan is the plan.
        @Test(arguments: RealCLI.agents)
        func realPlannerPlansWithoutTouchingTheRepository(agent: String) async throws {
            var script = ModelScript()
            script.planner([ModelStep.write("PLANNER_WAS_HERE.txt", "oops\n"), ModelStep.plan(Self.tasks)])
            let rig = try RealCLI.Rig(script, agents: [agent])
            let result = try await rig.run(["plan", "Email verification", "--planner", agent, "--json"], input: "")
            #expect(result.status == 0, "\(result.out)")
            let json = try Self.planJSON(result.out)
            #expect(json["planner"] as? String == agent, "\(result.out)")
            let tasks = try #require(json["tasks"] as? [[String: Any]], "\(result.out)")
            #expect(tasks.map { $0["id"] as? String } == ["T1", "T2", "T3"], "\(result.out)")
            #expect(tasks.map { $0["deps"] as? [String] ?? [] } == [[], [], ["T1"]], "\(result.out)")
            #expect(tasks.allSatisfy { $0["route"] as? String == agent }, "\(result.out)")
            #expect(rig.repo.read("PLANNER_WAS_HERE.txt") == nil, "the planner wrote into the repository")
            #expect(try rig.repo.git("status", "--porcelain").isEmpty)
            // The model was asked for the plan after its write attempt was answered.
            #expect(rig.server.requests(conversation: 0).contains { ($0["step"] as? Int) == 1 })
        }

        /// A reply that is not a plan gets one retry (a second planner run), then the offline
        /// planner takes over, said in one line.
        @Test(arguments: RealCLI.agents)
        func replyThatIsNotAPlanIsRetriedOnceThenOffline(agent: String) async throws {
            var script = ModelScript()
            script.planner([ModelStep.text("I would split this into a few tasks, starting with the endpoint.")])
            let rig = try RealCLI.Rig(script, agents: [agent])
            let result = try await rig.run(["plan", "Add CSV export, then write tests for it", "--planner", agent, "--json"], input: "")
            #expect(result.status == 0, "\(result.out)")
            #expect(result.out.contains("used the offline planner instead"), "\(result.out)")
            #expect(try Self.planJSON(result.out)["planner"] as? String == "offline", "\(result.out)")
            // Two planner runs, each a fresh conversation (its first request has no reply yet).
            let starts = rig.server.requests(conversation: 0).filter { ($0["step"] as? Int) == 0 }
            #expect(starts.count == 2, "\(starts.count) planner runs")
        }
    }
}
