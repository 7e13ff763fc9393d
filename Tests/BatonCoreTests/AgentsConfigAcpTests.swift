import BatonCore
import Testing

/// `"protocol": "acp"` in .baton/agents.json: the command is the whole argv that starts the
/// agent in ACP mode, and it must be given.
@Suite struct AgentsConfigAcpTests {
    @Test func acpAgentKeepsItsWholeCommand() throws {
        let profiles = try AgentsConfig.parse(
            data: #"{"agents": {"goose": {"protocol": "acp", "command": ["goose", "acp"], "strengths": ["code"]}}}"#,
            file: ".baton/agents.json")
        let p = try #require(profiles.first)
        #expect(p.protocol == .acp && p.command == ["goose", "acp"] && p.executable == "goose")
    }

    @Test func acpAgentWithoutACommandSaysWhatToGive() {
        do {
            _ = try AgentsConfig.parse(data: #"{"agents": {"vibe": {"protocol": "acp"}}}"#, file: ".baton/agents.json")
            Issue.record("accepted an acp agent without a command")
        } catch {
            #expect(error.kind == .missingField && error.field == "agents.vibe.command")
            #expect(error.reason.contains(#"["goose", "acp"]"#))
        }
    }

    @Test func acpAgentTakesTheSessionModeToSet() throws {
        let profiles = try AgentsConfig.parse(
            data: #"{"agents": {"vibe": {"protocol": "acp", "command": ["vibe-acp"], "mode": "ask"}}}"#, file: ".baton/agents.json")
        #expect(profiles.first?.mode == "ask")
    }

    @Test func modeOnAnAgentThatIsNotAcpIsRefusedWithItsLine() {
        do {
            _ = try AgentsConfig.parse(data: "{\"agents\": {\"claude\": {\n  \"mode\": \"ask\"}}}", file: ".baton/agents.json")
            Issue.record("accepted a mode for claude")
        } catch {
            #expect(error.field == "agents.claude.mode" && error.line == 2)
            #expect(error.reason.contains("session mode of an acp agent"), "\(error.reason)")
        }
    }
}
