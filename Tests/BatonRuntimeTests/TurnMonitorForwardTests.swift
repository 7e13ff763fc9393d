import BatonAgents
import BatonCore
import Foundation
import Testing

@testable import BatonRuntime

/// What a run's monitor hands to the session: routine lines at most as often as the session
/// logs them, warnings at once.
@Suite struct TurnMonitorForwardTests {
    /// `A…` lines are activity, `W…` lines warnings.
    struct LetterDecoder: StreamDecoder {
        mutating func decode(line: String) -> [AgentEvent] {
            line.hasPrefix("W") ? [.warning(line)] : [.activity(line)]
        }
        mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult { TurnResult(exitCode: exitCode) }
    }

    final class Batches: @unchecked Sendable {
        private let lock = NSLock()
        private var batches: [[AgentEvent]] = []
        func add(_ events: [AgentEvent]) { lock.withLock { batches.append(events) } }
        var all: [[AgentEvent]] { lock.withLock { batches } }
    }

    @Test func routineLinesGoOnAtMostEveryFewSecondsAndWarningsAtOnce() async throws {
        let run = try FollowedRun("forward")
        let monitor = run.monitor(stallAfter: 600)
        let batches = Batches()
        let follower = Task {
            await monitor.follow(decoder: LetterDecoder(), onEvents: { batches.add($0) }, onStall: {})
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: run.output))
        let started = Date()
        handle.write(Data("A1\n".utf8))
        #expect(await eventually { !batches.all.isEmpty })
        // Twenty more lines one by one, each read on its own: none goes on within the interval.
        for i in 2...21 {
            handle.write(Data("A\(i)\n".utf8))
            try await Task.sleep(for: .milliseconds(20))
        }
        // Within the interval of the first line (however loaded the machine), nothing but
        // the warning's own batch may follow it.
        let quick = Date().timeIntervalSince(started) < SessionController.activityInterval
        let warning = AgentEvent.warning("W the disk is full")
        handle.write(Data("W the disk is full\n".utf8))
        #expect(await eventually { batches.all.contains { $0.contains(warning) } })
        // An activity line after the interval goes on again.
        try await Task.sleep(for: .seconds(SessionController.activityInterval))
        handle.write(Data("A22\n".utf8))
        #expect(await eventually { batches.all.contains { $0.contains(.activity("A22")) } })
        try handle.close()
        _ = await run.end()
        _ = await follower.value
        if quick {
            #expect(batches.all.prefix { !$0.contains(warning) }.count == 1, "\(batches.all)")
        }
    }
}
