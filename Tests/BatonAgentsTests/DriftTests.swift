import BatonCore
import Testing

@testable import BatonAgents

/// Drift: an agent CLI sending what Baton does not know — an unknown event type, or a known
/// event without a field Baton needs — is one warning per kind and turn (the runtime then
/// shows each once per CLI version and kind), and the rest of the stream is read as usual.
@Suite struct DriftTests {
    static func drifts(_ events: [AgentEvent]) -> [AgentDrift] {
        events.compactMap { if case .drift(let d) = $0 { d } else { nil } }
    }

    @Test func aClaudeResultWithoutIsErrorIsReportedOnceAndStillRead() {
        let lines = [
            #"{"type":"system","subtype":"init","session_id":"s1","claude_code_version":"2.1.400"}"#,
            #"{"type":"assistant","message":{"id":"m1","content":[{"type":"text","text":"Done."}]}}"#,
            #"{"type":"result","subtype":"success","session_id":"s1","result":"Done.","total_cost_usd":0.01}"#,
            #"{"type":"result","subtype":"success","result":"Done again.","total_cost_usd":0.01}"#,
        ]
        let (events, result) = Support.run(ClaudeStreamDecoder(), lines.joined(separator: "\n"))
        #expect(
            Self.drifts(events) == [
                AgentDrift(agent: "claude", version: "2.1.400", kind: .missingField, detail: "a result without is_error")
            ])
        #expect(Self.drifts(events).first?.text() == "claude 2.1.400 sent a result without is_error — Baton reads what it can")
        #expect(result.error == nil)
        #expect(result.finalText == "Done again.")
        #expect(result.agentSessionID == "s1")
    }

    @Test func claudeMissingFieldsAndUnknownTypesAreTwoKinds() {
        var decoder = ClaudeStreamDecoder()
        #expect(
            Self.drifts(decoder.decode(line: #"{"type":"assistant","message":{"id":"m1"}}"#)) == [
                .missingField("claude", version: nil, event: "assistant", field: "message.content")
            ])
        #expect(Self.drifts(decoder.decode(line: #"{"type":"rate_limit_event"}"#)).isEmpty, "one per kind and turn")
        #expect(Self.drifts(decoder.decode(line: #"{"type":"thing"}"#)).map(\.kind) == [.unknownEvent])
        #expect(Self.drifts(decoder.decode(line: #"{"type":"system","session_id":"s"}"#)).isEmpty)
        // A null counts as missing.
        var other = ClaudeStreamDecoder()
        #expect(Self.drifts(other.decode(line: #"{"type":"system","subtype":null}"#)).map(\.detail) == ["a system without subtype"])
    }

    @Test func theStreamsBatonKnowsAreNotDrift() {
        for fixture in ["claude-turn-checkpoint.jsonl", "claude-turn-denied.jsonl", "claude-subagent.jsonl", "claude-model-usage.jsonl"] {
            #expect(Self.drifts(Support.run(ClaudeStreamDecoder(), Support.fixture(fixture)).events).isEmpty, "\(fixture)")
        }
        for fixture in ["codex-turn-checkpoint.jsonl", "codex-turn-failed.jsonl", "codex-user-input.jsonl", "codex-last-block.jsonl"] {
            #expect(Self.drifts(Support.run(CodexStreamDecoder(), Support.fixture(fixture)).events).isEmpty, "\(fixture)")
        }
    }

    @Test func codexEventsAndItemsWithoutTheirFieldsAreReportedOnce() {
        let lines = [
            #"{"type":"thread.started"}"#,
            #"{"type":"item.completed","item":{"id":"i1","type":"agent_message"}}"#,
            #"{"type":"item.completed","item":{"id":"i2","type":"agent_message","text":"Done."}}"#,
            #"{"type":"turn.completed","usage":{"input_tokens":10,"output_tokens":5}}"#,
        ]
        let (events, result) = Support.run(CodexStreamDecoder(), lines.joined(separator: "\n"))
        #expect(Self.drifts(events) == [.missingField("codex", version: nil, event: "thread.started", field: "thread_id")])
        #expect(result.finalText == "Done.")
        #expect(result.error == nil)
        var decoder = CodexStreamDecoder()
        #expect(
            Self.drifts(decoder.decode(line: #"{"type":"item.completed","item":{"id":"i1","type":"file_change"}}"#)).map(\.detail) == [
                "a file_change item without changes"
            ])
        // An item still growing (started) may lack what its completion carries.
        var growing = CodexStreamDecoder()
        #expect(Self.drifts(growing.decode(line: #"{"type":"item.started","item":{"id":"i1","type":"agent_message"}}"#)).isEmpty)
        #expect(
            Self.drifts(growing.decode(line: #"{"type":"item.started","item":{"id":"i1"}}"#)).map(\.detail) == [
                "an item.started without item.type"
            ])
    }

    @Test func oneWarningPerCLIVersionAndKind() {
        let a = AgentDrift.unknownEvent("codex", version: nil, type: "a")
        let b = AgentDrift.unknownEvent("codex", version: nil, type: "b")
        let missing = AgentDrift.missingField("codex", version: nil, event: "turn.failed", field: "error")
        #expect(a.key(probedVersion: "0.163.0") == b.key(probedVersion: "0.163.0"))
        #expect(a.key(probedVersion: "0.163.0") != a.key(probedVersion: "0.170.0"))
        #expect(a.key(probedVersion: "0.163.0") != missing.key(probedVersion: "0.163.0"))
        #expect(a.text(probedVersion: "0.163.0") == "codex (0.163.0) sent an unknown event type a — Baton skips it and reads the rest")
        #expect(
            AgentDrift.unknownEvent("claude", version: nil, type: nil).text()
                == "claude (version unknown) sent a line without a type — Baton skips it and reads the rest")
    }
}
