import BatonAgents
import Foundation
import Testing

/// How claude and codex are given Baton's MCP server (`baton mcp ...`).
@Suite struct MCPServerArgumentsTests {
    let server = MCPServer(
        name: "baton", command: "/opt/baton/bin/baton",
        arguments: ["mcp", "--session", "s-1a2b", "--task", "T2", "--sessions-dir", "/repo/.baton/Sessions"],
        tools: ["ask_human", "get_decisions"], configFile: "/repo/.baton/Sessions/s-1a2b/runs/T2.mcp-config.json")

    @Test func claudeGetsTheConfigFileAndTheToolsPreAllowed() {
        let options = TurnOptions(prompt: "do it", allowedTools: ["Bash(git push)"], mcpServer: server)
        let argv = ClaudeAdapter().argv(firstTurn: options)
        #expect(
            argv == [
                "claude", "-p", "do it", "--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits",
                "--allowedTools", "Bash(git push)",
                "--mcp-config", "/repo/.baton/Sessions/s-1a2b/runs/T2.mcp-config.json",
                "--allowedTools", "mcp__baton__ask_human,mcp__baton__get_decisions",
            ])
        let resumed = ClaudeAdapter().argv(continuing: "sess-9", options)
        #expect(resumed.contains("--mcp-config") && resumed.contains("--resume"))
        // Without a server nothing changes.
        #expect(!ClaudeAdapter().argv(firstTurn: TurnOptions(prompt: "do it")).contains("--mcp-config"))
    }

    @Test func theConfigFileIsClaudesMcpServersShape() throws {
        let object = try JSONSerialization.jsonObject(with: Data(server.configJSON().utf8)) as? [String: Any]
        let baton = (object?["mcpServers"] as? [String: Any])?["baton"] as? [String: Any]
        #expect(baton?["type"] as? String == "stdio")
        #expect(baton?["command"] as? String == "/opt/baton/bin/baton")
        #expect(baton?["args"] as? [String] == server.arguments)
        #expect(MCPServer.environment["ENABLE_TOOL_SEARCH"] == "false")
    }

    @Test func codexGetsConfigOverridesBeforeResume() {
        let options = TurnOptions(prompt: "do it", mcpServer: server)
        let argv = CodexAdapter().argv(continuing: "thread-1", options)
        #expect(
            argv == [
                "codex", "exec", "--json", "-s", "workspace-write", "--skip-git-repo-check",
                "-c", #"mcp_servers.baton.command="/opt/baton/bin/baton""#,
                "-c",
                #"mcp_servers.baton.args=["mcp","--session","s-1a2b","--task","T2","--sessions-dir","/repo/.baton/Sessions"]"#,
                "-c", "mcp_servers.baton.tool_timeout_sec=86400",
                "resume", "thread-1", "do it",
            ])
    }
}
