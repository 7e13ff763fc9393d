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
        func set() {
            lock.lock()
            value = true
            lock.unlock()
        }
        var isSet: Bool {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
    }

    /// Follows a run whose output file gets `line` every 0.25 s until the stall is reported or
    /// `seconds` have passed; true when the stall was reported.
    func stalled(writing line: String, stallAfter: Double, seconds: Double) async throws -> (Bool, String) {
        let run = try FollowedRun("stall")
        let monitor = run.monitor(stallAfter: stallAfter)
        let flag = Flag()
        let following = Flag()
        let follower = Task {
            await monitor.follow(decoder: ClaudeStreamDecoder(), onEvents: { _ in following.set() }, onStall: { flag.set() })
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: run.output))
        let started = Date()
        // The monitor reads (on a loaded machine its task may start late): a line of activity,
        // which it hands on at once, says when.
        handle.write(Data((Self.activity + "\n").utf8))
        while !following.isSet && Date() < started.addingTimeInterval(120) { try await Task.sleep(for: .milliseconds(50)) }
        let deadline = Date().addingTimeInterval(seconds)
        while !flag.isSet && Date() < deadline {
            handle.write(Data((line + "\n").utf8))
            try await Task.sleep(for: .milliseconds(250))
        }
        try handle.close()
        let code = await run.end()
        let result = await follower.value
        return (
            flag.isSet,
            "after \(Int(Date().timeIntervalSince(started))) s; monitor ended with \(result.exitCode) \(result.error ?? ""); sleep ended with \(code)"
        )
    }

    static let activity =
        #"{"type":"assistant","message":{"id":"m1","content":[{"type":"tool_use","id":"t1","name":"Read","input":{"file_path":"a.txt"}}]},"session_id":"c"}"#

    @Test func retriesAloneAreAStall() async throws {
        let retry =
            #"{"type":"system","subtype":"api_retry","attempt":1,"max_retries":10,"retry_delay_ms":500,"error_status":null,"error":"unknown","session_id":"c"}"#
        let (stalled, how) = try await stalled(writing: retry, stallAfter: 2, seconds: 60)
        #expect(stalled, "api_retry lines and nothing else: reported after 2 s (\(how))")
    }

    @Test func progressIsNoStall() async throws {
        let text = #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t","content":"ok"}]},"session_id":"c"}"#
        let (stalled, how) = try await stalled(writing: text, stallAfter: 10, seconds: 4)
        #expect(!stalled, "\(how)")
    }
}
