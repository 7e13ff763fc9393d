import BatonTestSupport
import Foundation
import Testing

extension RealCLI {
    /// The real claude with Baton's MCP server: it starts `baton mcp` from the `--mcp-config`
    /// Baton gives it, offers the tools to the model directly (`ENABLE_TOOL_SEARCH=false`), runs
    /// them without a permission prompt (pre-allowed), and the model gets the user's answer to
    /// `mcp__baton__ask_human` in the same turn.
    @Suite struct RealCLIAgentCallTests {
        static let question = "Store sessions in SQLite or in memory?"

        @Test func claudeAsksMidTurnThroughBatonsMCPServer() async throws {
            let agent = "claude"
            var script = ModelScript()
            script.task(
                "T1",
                [
                    ModelStep.tool("mcp__baton__ask_human", ["question": Self.question, "options": ["SQLite", "in memory"]]),
                    ModelStep.write("src/store.txt", "in memory\n"),
                    ModelStep.checkpoint("done", "Stored sessions in memory, as the user said"),
                ])
            script.planner([ModelStep.plan([RealCLI.task("T1", "Add session storage", scope: ["src/"])])])
            let rig = try RealCLI.Rig(script, agents: [agent])
            let tag = "[T1 \(agent.padding(toLength: 6, withPad: " ", startingAt: 0))]"
            let live = try rig.live()
            defer { if live.process.isRunning { live.kill9() } }
            live.send("Add session storage")
            #expect(await live.waitFor("proposes", seconds: 120), "\(live.text)")
            live.send("/go")
            #expect(await live.waitFor("? D1  [T1 \(agent)] \(Self.question)", seconds: 180), "\(live.text)")
            live.send("/decide D1 2")
            #expect(await live.waitFor("\(tag) done · ", seconds: 180), "\(live.text)")
            live.send("/quit")
            live.close()
            _ = await live.waitForExit(seconds: 60)
            let out = live.text
            #expect(out.contains("D1 answered: in memory"), "\(out)")
            #expect(RealCLI.lines(out, task: "T1", agent: agent).contains { $0.contains("1 turn") }, "\(out)")

            // The model was offered the tool directly, and its result carried the answer.
            let requests = rig.server.requests(conversation: 0)
            let tools = requests.first.flatMap { ($0["body"] as? [String: Any])?["tools"] as? [[String: Any]] } ?? []
            let names = tools.compactMap { ($0["name"] as? String) ?? (($0["function"] as? [String: Any])?["name"] as? String) }
            #expect(names.contains { $0.hasSuffix("ask_human") }, "\(names)")
            #expect(requests.map(RealCLI.text(of:)).contains { $0.contains("The user answered: in memory") }, "\(requests.count) requests")
            #expect(rig.show("baton/\(try rig.session())/T1", "src/store.txt") == "in memory\n")
        }

        /// codex 0.163 starts `baton mcp` from the `-c mcp_servers.baton.*` overrides and
        /// completes the handshake (its `initialize` carries experimental capabilities the SDK
        /// could not decode: `LenientStdioTransport`). It defers MCP tools behind its
        /// `tool_search` tool, which names the server; a model must search before calling them.
        @Test func codexStartsBatonsMCPServerAndListsItsTools() async throws {
            var script = ModelScript()
            script.task("T1", [ModelStep.write("src/store.txt", "x\n"), ModelStep.checkpoint("done", "Stored")])
            script.planner([ModelStep.plan([RealCLI.task("T1", "Add session storage", scope: ["src/"])])])
            let rig = try RealCLI.Rig(script, agents: ["codex"])
            let out = try await rig.run(input: "Add session storage\n/go\n/wait\n/quit\n").out
            #expect(RealCLI.lines(out, task: "T1", agent: "codex").contains { $0.contains("] done · ") }, "\(out)")
            let first = try #require(rig.server.requests(conversation: 0).first.map(RealCLI.text(of:)), "\(out)")
            #expect(first.contains("- baton: Baton coordinates this task with the user."), "the server did not start: \(first.prefix(400))")
        }
    }
}
