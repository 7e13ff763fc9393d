import Foundation

/// The time the runtime lives by: the controller stamps events with ``now()``, the turn
/// monitor measures silence with it and waits between reads with ``sleep(for:)``.
/// ``SystemClock`` is the real one; tests drive a manual clock, so a five-minute stall
/// takes no time at all.
///
/// (Not named `Clock`: that is the standard library's protocol of the same idea, whose
/// `Instant` has no wall-clock date to stamp events with.)
public protocol RuntimeClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Suspends for `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// Wall-clock time and `Task.sleep`.
public struct SystemClock: RuntimeClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
