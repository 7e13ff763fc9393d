import BatonAgents
import BatonCore
import Foundation
import Testing
@testable import BatonRuntime

/// The stall check while an agent only retries its API calls (claude's `api_retry` lines):
/// it prints, but makes no progress, and is reported all the same.
@Suite struct TurnMonitorStallTests {
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }

    /// Runs `script` (sh) as an agent whose output the monitor follows, with a 2 s stall time;
    /// true when the stall was reported. A reported stall creates `stop` in the agent's
    /// directory, so a script can run until it is seen, however slow the machine.
    func stalled(_ script: String) async throws -> Bool {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-stall-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = try LocalExecutor().spawn(["/bin/sh", "-c", script], in: dir, stdout: dir + "/out.jsonl", stderr: dir + "/err")
        let monitor = TurnMonitor(process: process, isChild: true, stdoutPath: dir + "/out.jsonl", stderrPath: dir + "/err", stallAfter: 2, executor: LocalExecutor(), clock: SystemClock())
        let flag = Flag()
        _ = await monitor.follow(decoder: ClaudeStreamDecoder(), onEvents: { _ in }, onStall: {
            flag.set()
            FileManager.default.createFile(atPath: dir + "/stop", contents: nil)
        })
        return flag.isSet
    }

    /// Prints `line` every 0.25 s, `times` times or until the stall is reported.
    static func loop(_ line: String, times: Int) -> String {
        "i=0; while [ $i -lt \(times) ] && [ ! -e stop ]; do echo '\(line)'; sleep 0.25; i=$((i+1)); done"
    }

    @Test func retriesAloneAreAStall() async throws {
        let retry = #"{"type":"system","subtype":"api_retry","attempt":1,"max_retries":10,"retry_delay_ms":500,"error_status":null,"error":"unknown","session_id":"c"}"#
        #expect(try await stalled(Self.loop(retry, times: 2400)), "api_retry lines and nothing else: reported after 2 s")
    }

    @Test func progressIsNoStall() async throws {
        let text = #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t","content":"ok"}]},"session_id":"c"}"#
        #expect(try await !stalled(Self.loop(text, times: 16)))
    }
}
