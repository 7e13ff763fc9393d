import BatonCore
import Testing

@testable import BatonAgents

@Suite struct CodexStreamDecoderTests {
    @Test func checkpointTurnFixture() {
        let (events, result) = Support.run(CodexStreamDecoder(), Support.fixture("codex-turn-checkpoint.jsonl"))
        #expect(result.agentSessionID == "0199a213-81c0-7800-8aa1-bbab2a035a53")
        #expect(result.tokens == 837)  // 24763 − 24448 cached + 522
        #expect(result.cachedTokens == 24448)
        #expect(result.costUSD == nil)
        #expect(result.error == nil)
        #expect(events.contains(.activity("running: ls Sources/API")))
        #expect(events.filter { $0 == .activity("running: ls Sources/API") }.count == 1)
        #expect(events.contains(.fileChanged("Sources/API/Verify.swift")))
        #expect(events.contains(.fileChanged("Sources/API/Router.swift")))
        #expect(events.contains(.warning("model rerouted: gpt-5 -> gpt-5-mini")))
        let report = CheckpointBlockParser.parse(finalText: result.finalText)
        #expect(report.kind == .needsDecision)
        #expect(report.question == "Opaque tokens in the database, or signed JWT in the link?")
        #expect(report.options == ["opaque tokens", "signed JWT"])
    }

    @Test func failedTurnFixture() {
        let (events, result) = Support.run(CodexStreamDecoder(), Support.fixture("codex-turn-failed.jsonl"), exitCode: 1)
        #expect(result.agentSessionID == "0199b000-0000-7000-8000-000000000001")
        #expect(result.error == "stream disconnected before completion")
        #expect(result.finalText == "")
        #expect(events.contains(.warning("unexpected status 401 Unauthorized")))
    }

    @Test func errorEventWithoutTurnEndIsTheError() {
        let text = "{\"type\":\"thread.started\",\"thread_id\":\"t\"}\n{\"type\":\"error\",\"message\":\"quota exceeded\"}"
        let (_, result) = Support.run(CodexStreamDecoder(), text, exitCode: 1)
        #expect(result.error == "quota exceeded")
    }

    @Test func interruptedTurnHasNoResult() {
        let text = "{\"type\":\"thread.started\",\"thread_id\":\"t\"}\n{\"type\":\"turn.started\"}\nnot json"
        let (_, result) = Support.run(CodexStreamDecoder(), text, exitCode: 0, stderr: "line1\nSIGTERM received\n")
        #expect(result.error == "exited without a result: line1 SIGTERM received")
        #expect(result.agentSessionID == "t")
    }

    @Test func finalAnswerIsTheLastAgentMessage() {
        let text = """
            {"type":"item.completed","item":{"id":"a","type":"agent_message","text":"first"}}
            {"type":"item.completed","item":{"id":"b","type":"agent_message","text":"second"}}
            {"type":"turn.completed","usage":{"input_tokens":1,"output_tokens":2}}
            """
        let (_, result) = Support.run(CodexStreamDecoder(), text, exitCode: 2)
        #expect(result.finalText == "second")
        #expect(result.error == "exited with status 2")
    }
}

@Suite struct GeminiStreamDecoderTests {
    @Test func turnFixture() {
        let (events, result) = Support.run(GeminiStreamDecoder(), Support.fixture("gemini-turn.jsonl"))
        #expect(result.agentSessionID == "3b6d2c0e-1111-4b4b-9c9c-222233334444")
        #expect(result.tokens == 5300)
        #expect(result.durationMs == 3400)
        #expect(result.error == nil)
        #expect(events.contains(.fileChanged("Tests/ParserTests.swift")))
        #expect(events.contains(.activity("editing Tests/ParserTests.swift")))
        let report = CheckpointBlockParser.parse(finalText: result.finalText)
        #expect(report == CheckpointReport(kind: .done, summary: "Added 6 parser tests."))
    }

    @Test func deltaChunksAreConcatenatedAndUserMessagesIgnored() {
        let text = """
            {"type":"init","session_id":"g"}
            {"type":"message","role":"user","content":"do it"}
            {"type":"message","role":"assistant","content":"Looking","delta":true}
            {"type":"tool_use","tool_name":"run_shell_command","tool_id":"1","parameters":{"command":"npm test"}}
            {"type":"message","role":"assistant","content":"All ","delta":true}
            {"type":"message","role":"assistant","content":"good.","delta":true}
            {"type":"result","status":"success","stats":{"total_tokens":9}}
            """
        let (events, result) = Support.run(GeminiStreamDecoder(), text)
        #expect(result.finalText == "All good.")
        #expect(result.tokens == 9)
        #expect(events.contains(.activity("running tests")))
    }

    @Test func errorResultAndMissingResult() {
        let failed = #"{"type":"result","status":"error","error":{"type":"X","message":"quota"},"stats":{}}"#
        #expect(Support.run(GeminiStreamDecoder(), failed, exitCode: 1).result.error == "quota")
        let (_, none) = Support.run(GeminiStreamDecoder(), #"{"type":"init","session_id":"g"}"#, exitCode: 130)
        #expect(none.error == "exited without a result")
        #expect(none.agentSessionID == "g")
    }
}

@Suite struct OpencodeAndPlainDecoderTests {
    @Test func opencodeRunJSON() {
        let text = """
            {"type":"step_start","timestamp":1,"sessionID":"ses_1","part":{"type":"step-start"}}
            {"type":"tool_use","timestamp":2,"sessionID":"ses_1","part":{"callID":"c1","tool":"edit","state":{"status":"completed","input":{"filePath":"src/a.ts"}}}}
            {"type":"text","timestamp":3,"sessionID":"ses_1","part":{"text":"Done.\\n\\n```baton\\n{\\"checkpoint\\":\\"done\\",\\"summary\\":\\"Edited a.\\"}\\n```"}}
            {"type":"step_finish","timestamp":4,"sessionID":"ses_1","part":{"cost":0.01,"tokens":{"input":100,"output":20}}}
            """
        let (events, result) = Support.run(OpencodeStreamDecoder(), text)
        #expect(result.agentSessionID == "ses_1")
        #expect(result.tokens == 120)
        #expect(result.costUSD == 0.01)
        #expect(result.succeeded)
        #expect(events.contains(.fileChanged("src/a.ts")))
        #expect(CheckpointBlockParser.parse(finalText: result.finalText).summary == "Edited a.")
    }

    @Test func opencodeErrorEvent() {
        let text = #"{"type":"error","sessionID":"s","error":{"name":"APIError","data":{"message":"bad key"}}}"#
        #expect(Support.run(OpencodeStreamDecoder(), text).result.error == "bad key")
    }

    @Test func plainTextIsAllOfStdoutAndExitStatusDecides() {
        let text = "Applied edit to a.py\n\u{1B}[32mCommit skipped\u{1B}[0m\n\n"
        let ok = Support.run(PlainTextDecoder(), text)
        #expect(ok.result.finalText == "Applied edit to a.py\nCommit skipped")
        #expect(ok.result.succeeded)
        let failed = Support.run(PlainTextDecoder(), "{\"not\": \"json decoded\"}", exitCode: 3, stderr: "no key")
        #expect(failed.result.finalText == "{\"not\": \"json decoded\"}")
        #expect(failed.result.error == "exited with status 3: no key")
    }
}
