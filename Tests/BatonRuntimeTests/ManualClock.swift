import BatonRuntime
import Foundation

/// A ``RuntimeClock`` that moves only when the test says so: sleepers wake when
/// ``advance(by:)`` passes their deadline, never on their own.
final class ManualClock: RuntimeClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [(deadline: Date, continuation: CheckedContinuation<Void, Never>)] = []

    init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = start
    }

    func now() -> Date { lock.withLock { current } }

    func sleep(for duration: Duration) async throws {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let due: Bool = lock.withLock {
                let deadline = current.addingTimeInterval(seconds)
                if deadline <= current { return true }
                sleepers.append((deadline, continuation))
                return false
            }
            if due { continuation.resume() }
        }
    }

    /// How many tasks are asleep on this clock.
    var sleeping: Int { lock.withLock { sleepers.count } }

    /// Moves time on and wakes every sleeper whose deadline has come.
    func advance(by seconds: Double) {
        let due: [CheckedContinuation<Void, Never>] = lock.withLock {
            current = current.addingTimeInterval(seconds)
            let now = current
            let woken = sleepers.filter { $0.deadline <= now }.map(\.continuation)
            sleepers.removeAll { $0.deadline <= now }
            return woken
        }
        due.forEach { $0.resume() }
    }
}
