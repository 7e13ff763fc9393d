import BatonAgents
import BatonCore
import Foundation
import Testing

/// The ACP codec: Baton's messages, the agent's, and a turn's transcript decoded.
@Suite struct AcpCodecTests {
    func object(_ line: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }

    @Test func initializeOffersFileAccessAndNoTerminal() {
        let line = AcpClientMessages.initialize(id: .number(0)).line
        #expect(!line.contains("\n"))
        let o = object(line)
        #expect(o["jsonrpc"] as? String == "2.0" && o["method"] as? String == "initialize" && o["id"] as? Int == 0)
        let caps = (o["params"] as? [String: Any])?["clientCapabilities"] as? [String: Any]
        #expect((caps?["fs"] as? [String: Bool]) == ["readTextFile": true, "writeTextFile": true])
        #expect(caps?["terminal"] as? Bool == false)
    }

    @Test func promptPermissionAndCancelHaveTheSchemaShapes() {
        let prompt = object(AcpClientMessages.prompt(id: .number(3), sessionID: "s1", text: "do it").line)
        let params = prompt["params"] as? [String: Any]
        #expect(params?["sessionId"] as? String == "s1")
        #expect((params?["prompt"] as? [[String: String]]) == [["type": "text", "text": "do it"]])
        let chosen = object(AcpClientMessages.permissionOutcome(id: .string("p1"), optionID: "allow").line)
        #expect(chosen["id"] as? String == "p1")
        #expect(((chosen["result"] as? [String: Any])?["outcome"] as? [String: String]) == ["outcome": "selected", "optionId": "allow"])
        let cancelled = object(AcpClientMessages.permissionOutcome(id: .number(4), optionID: nil).line)
        #expect(((cancelled["result"] as? [String: Any])?["outcome"] as? [String: String]) == ["outcome": "cancelled"])
        let cancel = object(AcpClientMessages.cancel(sessionID: "s1").line)
        #expect(cancel["id"] == nil && cancel["method"] as? String == "session/cancel")
    }

    @Test func messagesAreToldApartAndIdsRoundTrip() {
        guard
            case .request(let id, "session/request_permission", _)? = AcpMessage.parse(
                #"{"jsonrpc":"2.0","id":"x","method":"session/request_permission","params":{}}"#)
        else {
            Issue.record("not a request")
            return
        }
        #expect(JSONRPCID.parse(id.description) == id)
        #expect(JSONRPCID.parse(JSONRPCID.number(12).description) == .number(12))
        if case .notification("session/update", _)? = AcpMessage.parse(#"{"jsonrpc":"2.0","method":"session/update","params":{}}"#) {
        } else {
            Issue.record("not a notification")
        }
        if case .failure(.number(2)?, -32002, "Session not found")? = AcpMessage.parse(
            #"{"jsonrpc":"2.0","id":2,"error":{"code":-32002,"message":"Session not found"}}"#)
        {
        } else {
            Issue.record("not a failure")
        }
        #expect(AcpMessage.parse("debug: starting") == nil)
        #expect(AcpMessage.parse("{corrupt") == nil)
    }

    @Test func permissionRequestReadsTheToolAndOptions() {
        let params: [String: Any] = [
            "sessionId": "s1",
            "toolCall": ["toolCallId": "t9", "kind": "edit", "locations": [["path": "/wt/T1/src/a.swift"]]],
            "options": [
                ["optionId": "ok", "name": "Allow\u{1b}[31m", "kind": "allow_once"],
                ["optionId": "no", "name": "Reject", "kind": "reject_once"],
            ],
        ]
        let request = AcpPermissionRequest.parse(params, worktree: "/wt/T1")
        #expect(request?.tool == "edit src/a.swift")
        #expect(request?.options.map(\.id) == ["ok", "no"])
        #expect(request?.options.first?.name == "Allow", "terminal controls are stripped")
        #expect(AcpPermissionRequest.parse(["toolCall": [:], "options": []]) == nil)
    }

    /// A turn: history replayed by session/load is not the turn's text; tool calls become
    /// activity; the text after the prompt is the final text; the stop reason ends it.
    @Test func transcriptDecodesIntoEventsAndAResult() {
        let lines = [
            AcpTurnDecoder.sentLine(AcpClientMessages.loadSession(id: .number(1), sessionID: "s1", cwd: "/wt/T1")),
            #"{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s1","update":{"sessionUpdate":"agent_message_chunk","content":{"type":"text","text":"OLD"}}}}"#,
            #"{"jsonrpc":"2.0","id":1,"result":null}"#,
            AcpTurnDecoder.sentLine(AcpClientMessages.prompt(id: .number(2), sessionID: "s1", text: "go on")),
            #"{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s1","update":{"sessionUpdate":"tool_call","toolCallId":"c1","title":"","kind":"read","status":"pending","locations":[{"path":"/wt/T1/README.md"}]}}}"#,
            #"{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s1","update":{"sessionUpdate":"tool_call","toolCallId":"c2","kind":"edit","status":"pending","locations":[{"path":"/wt/T1/a.txt"}]}}}"#,
            #"{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s1","update":{"sessionUpdate":"tool_call_update","toolCallId":"c2","status":"completed"}}}"#,
            #"{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s1","update":{"sessionUpdate":"usage_update","used":5}}}"#,
            #"{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s1","update":{"sessionUpdate":"agent_message_chunk","content":{"type":"text","text":"Done "}}}}"#,
            #"{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s1","update":{"sessionUpdate":"agent_message_chunk","content":{"type":"text","text":"now."}}}}"#,
            #"{"jsonrpc":"2.0","id":2,"result":{"stopReason":"end_turn"}}"#,
        ]
        let (events, result) = Support.run(AcpTurnDecoder(worktree: "/wt/T1"), lines.joined(separator: "\n"))
        #expect(events.contains(.activity("reading README.md")))
        #expect(events.contains(.fileChanged("a.txt")))
        #expect(events.contains(.sessionStarted("s1")))
        #expect(!events.contains(.text("OLD")))
        #expect(result.finalText == "Done now.")
        #expect(result.error == nil && result.exitCode == 0)
        #expect(result.agentSessionID == "s1")
    }

    @Test func aFailedOrCutShortTurnSaysWhy() {
        let prompt = AcpTurnDecoder.sentLine(AcpClientMessages.prompt(id: .number(2), sessionID: "s1", text: "x"))
        let failed = Support.run(
            AcpTurnDecoder(), prompt + "\n" + #"{"jsonrpc":"2.0","id":2,"error":{"code":-32603,"message":"model down"}}"#)
        #expect(failed.result.error == "the agent failed the prompt: model down")
        let cut = Support.run(AcpTurnDecoder(), prompt, exitCode: 137)
        #expect(cut.result.error == "killed by signal 9")
        let cancelled = Support.run(AcpTurnDecoder(), prompt + "\n" + #"{"jsonrpc":"2.0","id":2,"result":{"stopReason":"cancelled"}}"#)
        #expect(cancelled.result.error == "its turn was cancelled")
    }

    @Test func fileAccessStaysInsideTheWorktree() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("acp-fs-\(UUID().uuidString.prefix(6))").path
        let wt = root + "/wt"
        try FileManager.default.createDirectory(atPath: wt + "/src", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: wt + "/escape", withDestinationPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try AcpFileAccess.resolve(wt + "/src/new.txt", worktree: wt).get().hasSuffix("/wt/src/new.txt"))
        #expect(throws: AcpFileRefusal.self) { try AcpFileAccess.resolve(wt + "/../outside.txt", worktree: wt).get() }
        #expect(throws: AcpFileRefusal.self) { try AcpFileAccess.resolve(wt + "/escape/outside.txt", worktree: wt).get() }
        #expect(throws: AcpFileRefusal.self) { try AcpFileAccess.resolve("/etc/passwd", worktree: wt).get() }
        #expect(throws: AcpFileRefusal.self) { try AcpFileAccess.resolve("src/a.txt", worktree: wt).get() }
        #expect(throws: AcpFileRefusal.self) { try AcpFileAccess.resolve(wt + "/.git/config", worktree: wt).get() }
    }

    /// mistral-vibe 3.0.3's shapes (from a real run): a permission request that names its
    /// tool call by id alone, non-standard updates (usage_update, session_info_update), a
    /// prompt answer carrying usage, and the answer to session/set_mode.
    @Test func mistralVibesTurnReadsItsToolCallForThePermissionAndIgnoresItsExtraUpdates() {
        let update = { (u: String) in #"{"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"v1","update":"# + u + "}}" }
        let ask =
            #"{"jsonrpc":"2.0","id":0,"method":"session/request_permission","params":{"sessionId":"v1","toolCall":{"toolCallId":"effect-1"},"options":[{"optionId":"allow_once","name":"Allow once","kind":"allow_once"},{"optionId":"reject_once","name":"Deny","kind":"reject_once"}]}}"#
        let lines = [
            AcpTurnDecoder.sentLine(AcpClientMessages.setMode(id: .number(2), sessionID: "v1", modeID: "ask")),
            #"{"jsonrpc":"2.0","id":2,"result":{}}"#,
            AcpTurnDecoder.sentLine(AcpClientMessages.prompt(id: .number(3), sessionID: "v1", text: "go")),
            update(#"{"title":"Brief","updatedAt":"2026-11-30T12:41:37Z","sessionUpdate":"session_info_update"}"#),
            update(#"{"used":1050,"size":202144,"_meta":{"steps":1},"sessionUpdate":"usage_update"}"#),
            update(
                #"{"toolCallId":"effect-1","title":"Writing src/release.txt","kind":"edit","status":"in_progress","locations":[{"path":"/wt/T1/src/release.txt"}],"_meta":{"tool_name":"write_file"},"sessionUpdate":"tool_call"}"#
            ),
            ask,
            update(
                #"{"toolCallId":"effect-1","kind":"edit","status":"completed","locations":[{"path":"/wt/T1/src/release.txt"}],"sessionUpdate":"tool_call_update"}"#
            ),
            update(#"{"content":{"text":"Wrote it.","type":"text"},"messageId":"m1","sessionUpdate":"agent_message_chunk"}"#),
            #"{"jsonrpc":"2.0","id":3,"result":{"stopReason":"end_turn","usage":{"totalTokens":2100,"inputTokens":2000,"outputTokens":100}}}"#,
        ]
        var decoder = AcpTurnDecoder(worktree: "/wt/T1")
        var events: [AgentEvent] = []
        var completed: AcpMessage?
        for line in lines {
            events += decoder.decode(line: line)
            if line == ask, let message = AcpMessage.parse(line) { completed = decoder.completingToolCall(message) }
        }
        #expect(events.contains(.activity("mode ask")), "\(events)")
        #expect(events.contains(.activity("asks permission: Writing src/release.txt")), "\(events)")
        #expect(events.contains(.fileChanged("src/release.txt")))
        guard case .request(_, _, let params)? = completed else {
            Issue.record("no request")
            return
        }
        #expect(AcpPermissionRequest.parse(params, worktree: "/wt/T1")?.tool == "Writing src/release.txt")
        let result = decoder.finish(exitCode: 0, stderrTail: "")
        #expect(result.finalText == "Wrote it." && result.error == nil)
        let refused = Support.run(
            AcpTurnDecoder(),
            AcpTurnDecoder.sentLine(AcpClientMessages.setMode(id: .number(2), sessionID: "v1", modeID: "yolo")) + "\n"
                + #"{"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"Unknown mode: yolo"}}"#)
        #expect(refused.events.contains(.warning("the agent did not switch to mode yolo: Unknown mode: yolo")), "\(refused.events)")
    }
}
