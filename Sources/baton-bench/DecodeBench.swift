import BatonAgents
import Foundation

/// Stream decoding throughput: generates realistic claude / codex output (the shapes of the
/// fixtures: init, assistant text and tool_use, tool results, a result per turn) in memory,
/// then feeds it to the decoder the way `TurnMonitor` does — bytes split at newlines, one
/// `String` per line, a fresh decoder per turn.
enum DecodeBench {
    enum Format: String { case claude, codex }

    /// Lines per generated turn.
    static let linesPerTurn = 1_000

    static func run(format: Format, megabytes: Int, repeats: Int = 1) -> [String: Any] {
        let target = max(1, megabytes) * 1_000_000
        var turns: [[UInt8]] = []
        var bytes = 0
        var lines = 0
        var t = 0
        while bytes < target {
            t += 1
            let text = format == .claude ? claudeTurn(t) : codexTurn(t)
            bytes += text.utf8.count
            lines += linesPerTurn
            turns.append(Array(text.utf8))
        }
        var events = 0
        var finals = 0
        let t0 = now()
        for _ in 0..<max(1, repeats) {
            for turn in turns {
                var decoder: any StreamDecoder = format == .claude ? ClaudeStreamDecoder() : CodexStreamDecoder()
                var start = 0
                var i = 0
                let count = turn.count
                while i < count {
                    if turn[i] == 0x0A {
                        let line = String(decoding: turn[start..<i], as: UTF8.self)
                        events += decoder.decode(line: line).count
                        start = i + 1
                    }
                    i += 1
                }
                if !decoder.finish(exitCode: 0, stderrTail: "").finalText.isEmpty { finals += 1 }
            }
        }
        let seconds = now() - t0
        return [
            "format": format.rawValue, "bytes": bytes, "lines": lines, "events": events, "turns": turns.count,
            "finals": finals, "seconds": seconds, "mbPerSecond": Double(bytes * max(1, repeats)) / 1e6 / seconds,
        ]
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: []), as: UTF8.self)
    }

    static let prose =
        "I'll read the existing form helpers first, then add validation for the email and password fields, and wire the error messages into the view. "

    static func claudeTurn(_ t: Int) -> String {
        let sid = "9c1e5b2a-0d41-4c7e-9f0e-\(String(format: "%012d", t))"
        var out =
            json([
                "type": "system", "subtype": "init", "cwd": "/repo/.baton/worktrees/s1/T1", "session_id": sid,
                "tools": ["Read", "Edit", "Write", "Bash", "Glob", "Grep"], "model": "claude-sonnet-4-5-20250929",
                "permissionMode": "acceptEdits", "uuid": "u-init",
            ]) + "\n"
        let usage: [String: Any] = ["input_tokens": 3, "cache_read_input_tokens": 2100, "output_tokens": 41]
        var n = 1
        while n < linesPerTurn - 1 {
            let msg = "msg_\(t)_\(n)"
            switch n % 3 {
            case 1:
                out +=
                    json([
                        "type": "assistant", "session_id": sid, "uuid": "u-\(n)", "parent_tool_use_id": NSNull(),
                        "message": [
                            "id": msg, "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                            "content": [["type": "text", "text": "Step \(n): " + prose]], "usage": usage,
                        ],
                    ]) + "\n"
            case 2:
                out +=
                    json([
                        "type": "assistant", "session_id": sid, "uuid": "u-\(n)", "parent_tool_use_id": NSNull(),
                        "message": [
                            "id": msg, "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                            "content": [
                                [
                                    "type": "tool_use", "id": "toolu_\(t)_\(n)", "name": "Edit",
                                    "input": [
                                        "file_path": "Sources/Onboarding/SignupForm\(n % 9).swift",
                                        "old_string": "struct SignupForm {}", "new_string": "struct SignupForm {\n    var email = \"\"\n}",
                                    ],
                                ]
                            ],
                            "stop_reason": "tool_use", "usage": usage,
                        ],
                    ]) + "\n"
            default:
                out +=
                    json([
                        "type": "user", "session_id": sid, "uuid": "u-\(n)", "parent_tool_use_id": NSNull(),
                        "message": [
                            "role": "user",
                            "content": [
                                [
                                    "type": "tool_result", "tool_use_id": "toolu_\(t)_\(n - 1)",
                                    "content": "The file Sources/Onboarding/SignupForm.swift has been updated.\n" + prose,
                                ]
                            ],
                        ],
                    ]) + "\n"
            }
            n += 1
        }
        let final =
            "Added the form.\n\n```baton\n{\"checkpoint\":\"first-change\",\"summary\":\"Added SignupForm.\",\"next\":\"Validation.\",\"question\":null,\"options\":[]}\n```"
        out +=
            json([
                "type": "result", "subtype": "success", "is_error": false, "duration_ms": 18342, "num_turns": n, "result": final,
                "session_id": sid, "total_cost_usd": 0.0731, "usage": ["input_tokens": 21, "output_tokens": 370],
                "permission_denials": [],
            ]) + "\n"
        return out
    }

    static func codexTurn(_ t: Int) -> String {
        var out = json(["type": "thread.started", "thread_id": "0199a213-81c0-7800-8aa1-\(String(format: "%012d", t))"]) + "\n"
        out += json(["type": "turn.started"]) + "\n"
        var n = 1
        while n < linesPerTurn - 3 {
            let id = "item_\(n)"
            switch n % 4 {
            case 0:
                out +=
                    json(["type": "item.completed", "item": ["id": id, "type": "reasoning", "text": "**Looking at the router** " + prose]])
                    + "\n"
            case 1:
                out +=
                    json([
                        "type": "item.started",
                        "item": [
                            "id": id, "type": "command_execution", "command": "bash -lc 'rg -n verify Sources/API'",
                            "aggregated_output": "", "status": "in_progress",
                        ],
                    ]) + "\n"
            case 2:
                out +=
                    json([
                        "type": "item.completed",
                        "item": [
                            "id": "item_\(n - 1)", "type": "command_execution", "command": "bash -lc 'rg -n verify Sources/API'",
                            "aggregated_output": "Sources/API/Router.swift:12: // verify\n" + prose, "exit_code": 0, "status": "completed",
                        ],
                    ]) + "\n"
            default:
                out +=
                    json([
                        "type": "item.completed",
                        "item": [
                            "id": id, "type": "file_change",
                            "changes": [["path": "Sources/API/Verify\(n % 7).swift", "kind": "update"]], "status": "completed",
                        ],
                    ]) + "\n"
            }
            n += 1
        }
        let final =
            "Added the endpoint.\n\n```baton\n{\"checkpoint\":\"first-change\",\"summary\":\"Added GET /verify.\",\"next\":\"Token store.\",\"question\":null,\"options\":[]}\n```"
        out += json(["type": "item.completed", "item": ["id": "item_final", "type": "agent_message", "text": final]]) + "\n"
        out +=
            json(["type": "turn.completed", "usage": ["input_tokens": 24763, "cached_input_tokens": 24448, "output_tokens": 522]]) + "\n"
        return out
    }
}
