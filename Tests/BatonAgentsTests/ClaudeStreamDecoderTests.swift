import BatonCore
import Testing

@testable import BatonAgents

@Suite struct ClaudeStreamDecoderTests {
    @Test func checkpointTurnFixture() {
        let (events, result) = Support.run(ClaudeStreamDecoder(), Support.fixture("claude-turn-checkpoint.jsonl"))
        #expect(result.agentSessionID == "9c1e5b2a-0d41-4c7e-9f0e-2b7f3c1d8a11")
        #expect(result.costUSD == 0.0731)
        #expect(result.tokens == 391)  // input 21 + output 370
        #expect(result.durationMs == 18342)
        #expect(result.error == nil)
        #expect(result.succeeded)
        #expect(result.permissionDenials.isEmpty)
        #expect(events.first == .sessionStarted("9c1e5b2a-0d41-4c7e-9f0e-2b7f3c1d8a11"))
        #expect(events.contains(.activity("reading Sources/Forms/Field.swift")))
        #expect(events.contains(.activity("editing Sources/Onboarding/SignupForm.swift")))
        #expect(events.contains(.fileChanged("Sources/Onboarding/SignupForm.swift")))
        #expect(events.last == .usage(tokens: 391, costUSD: 0.0731))
        let report = CheckpointBlockParser.parse(finalText: result.finalText)
        #expect(report.kind == .firstChange)
        #expect(report.summary == "Added SignupForm with email and password fields.")
        #expect(report.next == "Add field validation and error messages.")
    }

    @Test func deniedFixtureListsTheDenialAndTheError() {
        let (events, result) = Support.run(ClaudeStreamDecoder(), Support.fixture("claude-turn-denied.jsonl"), exitCode: 1)
        #expect(result.agentSessionID == "1f0a")
        #expect(result.permissionDenials == ["Bash(git push origin HEAD)"])
        #expect(result.error == "Reached maximum number of turns (10)")
        #expect(!result.succeeded)
        #expect(events.contains(.activity("running: git push origin HEAD")))
    }

    @Test func apiErrorWithSubtypeSuccessIsAnError() {
        let (events, result) = Support.run(ClaudeStreamDecoder(), Support.fixture("claude-api-error.jsonl"), exitCode: 0)
        #expect(result.agentSessionID == "e9")
        #expect(result.error == "API Error: 503")
        #expect(result.exitCode == 0)
        #expect(!result.succeeded)
        #expect(result.costUSD == 0)
        // The debug line, the rate-limit event and the unknown event are skipped quietly.
        #expect(!events.contains { if case .warning = $0 { true } else { false } })
    }

    @Test func aMessageSplitOverSeveralLinesIsJoinedOnce() {
        let lines = [
            #"{"type":"system","subtype":"init","session_id":"s"}"#,
            #"{"type":"assistant","message":{"id":"m1","content":[{"type":"thinking","thinking":"hm"}]}}"#,
            #"{"type":"assistant","message":{"id":"m1","content":[{"type":"text","text":"Part one."}]}}"#,
            #"{"type":"assistant","message":{"id":"m1","content":[{"type":"text","text":"Part one."}]}}"#,
            #"{"type":"assistant","message":{"id":"m1","content":[{"type":"text","text":"Part two."}]}}"#,
        ]
        let (events, result) = Support.run(ClaudeStreamDecoder(), lines.joined(separator: "\n"), exitCode: 1, stderr: "boom\n")
        #expect(events.filter { if case .text = $0 { true } else { false } }.count == 2)
        #expect(result.finalText == "Part one.\nPart two.")
        #expect(result.error == "exited without a result: boom")
    }

    @Test func corruptAndUnknownLinesAreWarningsOrSkipped() {
        var decoder = ClaudeStreamDecoder()
        #expect(decoder.decode(line: "") == [])
        #expect(decoder.decode(line: "Some debug text") == [])
        // Drift: the first unknown type is said once, naming the CLI (version when known).
        #expect(
            decoder.decode(line: #"{"type":"brand_new","x":1}"#) == [
                .drift(.unknownEvent("claude", version: nil, type: "brand_new"))
            ])
        #expect(decoder.decode(line: #"{"type":"brand_newer","x":1}"#) == [])
        let warning = decoder.decode(line: #"{"type":"assistant","message":"#)
        #expect(warning.count == 1)
        if case .warning(let text) = warning.first {
            #expect(text.hasPrefix("unreadable output line"))
        } else {
            Issue.record("expected a warning")
        }
        #expect(decoder.decode(line: "[1,2]") == [])
    }

    /// `user` lines (tool results) are told apart without parsing once the session is known;
    /// one cut short is still reported, and the first line still names the session.
    @Test func userLinesAreSkippedUnparsedButACutOneIsReported() {
        var decoder = ClaudeStreamDecoder()
        let first = #"{"type": "user", "message": {"content": [{"type": "tool_result", "content": "x"}]}, "session_id": "s-1"}"#
        #expect(decoder.decode(line: first) == [.sessionStarted("s-1")], "the session id comes from any line")
        #expect(decoder.decode(line: #"{"type":"user","message":{"content":[]},"session_id":"s-1"}  "#) == [])
        let cut = decoder.decode(line: #"{"type":"user","message":{"content":[{"type":"tool_result","#)
        #expect(cut.count == 1 && { if case .warning(let w) = cut[0] { w.hasPrefix("unreadable output line") } else { false } }())
        #expect(JSONLine.isEvent(#"{ "type" : "user" ,"x":1}"#, ofType: Array(#""user""#.utf8)))
        #expect(!JSONLine.isEvent(#"{"type":"username","x":1}"#, ofType: Array(#""user""#.utf8)))
        #expect(!JSONLine.isEvent(#"{"message":{"type":"user"},"type":"assistant"}"#, ofType: Array(#""user""#.utf8)))
    }

    @Test func successfulResultWithNonZeroExitIsAFailure() {
        let text = #"{"type":"result","subtype":"success","is_error":false,"result":"ok","session_id":"a","total_cost_usd":0.5}"#
        let (_, result) = Support.run(ClaudeStreamDecoder(), text, exitCode: 1, stderr: "\u{1B}[31mkilled\u{1B}[0m")
        #expect(result.error == "exited with status 1: killed")
        #expect(result.finalText == "ok")
    }

    @Test func denialWithoutCommandUsesTheFirstInputValue() {
        let text =
            #"{"type":"result","subtype":"success","is_error":false,"result":"","session_id":"a","permission_denials":[{"tool_name":"Write","tool_input":{"file_path":"/etc/x","content":"y"}},{"tool_name":"WebFetch","tool_input":{"prompt":"p"}}]}"#
        let (_, result) = Support.run(ClaudeStreamDecoder(), text)
        #expect(result.permissionDenials == ["Write(/etc/x)", "WebFetch"])
        // The allow rules as claude reads them: an absolute path outside the worktree gets `//`.
        #expect(result.permissionRequests?.map(\.onceRule) == ["Edit(//etc/x)", "WebFetch"])
    }

    @Test func overlongLinesAreSkippedWithAWarning() {
        var decoder = ClaudeStreamDecoder()
        let huge = "{\"type\":\"assistant\",\"x\":\"" + String(repeating: "a", count: JSONLine.maxBytes) + "\"}"
        let events = decoder.decode(line: huge)
        #expect(events.count == 1)
        if case .warning(let text) = events.first { #expect(text.contains("16 MiB")) } else { Issue.record("no warning") }
    }
}
