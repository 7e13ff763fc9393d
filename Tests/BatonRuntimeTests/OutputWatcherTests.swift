import Foundation
import Testing

@testable import BatonRuntime

/// The inotify watcher that wakes runs' monitors: a write wakes a waiter at once, a change
/// made before the wait is not lost, a quiet file times out.
@Suite struct OutputWatcherTests {
    @Test func aWriteWakesTheWaiterAndAQuietFileTimesOut() async throws {
        let watcher = try #require(OutputWatcher.shared, "inotify is available on Linux")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-watch-\(UUID().uuidString.prefix(8)).jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let wd = try #require(watcher.watch(path))
        defer { watcher.unwatch(wd) }

        #expect(await watcher.wait(wd, timeout: .milliseconds(20)) == .timedOut, "nothing was written")
        let waiting = Task { await watcher.wait(wd, timeout: .seconds(300)) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("{\"type\":\"assistant\"}\n".utf8))
        #expect(await waiting.value == .written, "woken by the write, not by the 300 s timeout")
        // Written between two waits: the next wait returns at once.
        try handle.write(contentsOf: Data("{\"type\":\"result\"}\n".utf8))
        try handle.close()
        #expect(await watcher.wait(wd, timeout: .seconds(300)) == .closed, "written, then closed: the close is what counts")
    }

    /// A monitor waits with `settle`: a write wakes it after the burst (not at the timeout),
    /// a close at once; a cancelled wait (a turn's calls follower, when the turn ends) returns
    /// at once instead of at its timeout.
    @Test func settlingWaitsAndCancelledWaits() async throws {
        let watcher = try #require(OutputWatcher.shared, "inotify is available on Linux")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-settle-\(UUID().uuidString.prefix(8)).jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let wd = try #require(watcher.watch(path))
        defer { watcher.unwatch(wd) }

        let handle = try #require(FileHandle(forWritingAtPath: path))
        let settling = Task { await watcher.wait(wd, timeout: .seconds(300), settle: true) }
        try handle.write(contentsOf: Data("{\"type\":\"assistant\"}\n".utf8))
        #expect(await settling.value == .written, "woken at the end of the burst, not by the 300 s timeout")

        let closing = Task { await watcher.wait(wd, timeout: .seconds(300), settle: true) }
        try handle.close()
        #expect(await closing.value == .closed)

        let cancelled = Task { await watcher.wait(wd, timeout: .seconds(300)) }
        cancelled.cancel()
        #expect(await cancelled.value == .timedOut, "a cancelled wait ends at once")
    }
}
