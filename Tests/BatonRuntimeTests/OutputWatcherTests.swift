import Foundation
import Testing

@testable import BatonRuntime

/// The inotify watcher that wakes runs' monitors: a write wakes a waiter at once, a change
/// made before the wait is not lost, a quiet file times out.
@Suite struct OutputWatcherTests {
    /// Runs `body` with a fresh empty file (removed after), its watch and a handle to write it.
    private func withWatchedFile(_ body: (OutputWatcher, Int32, FileHandle) async throws -> Void) async throws {
        let watcher = try #require(OutputWatcher.shared, "inotify is available on Linux")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-watch-\(UUID().uuidString.prefix(8)).jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let wd = try #require(watcher.watch(path))
        defer { watcher.unwatch(wd) }
        try await body(watcher, wd, try #require(FileHandle(forWritingAtPath: path)))
    }

    @Test func aWriteWakesTheWaiterAndAQuietFileTimesOut() async throws {
        try await withWatchedFile { watcher, wd, handle in
            #expect(await watcher.wait(wd, timeout: .milliseconds(20)) == .timedOut, "nothing was written")
            let waiting = Task { await watcher.wait(wd, timeout: .seconds(300)) }
            try handle.write(contentsOf: Data("{\"type\":\"assistant\"}\n".utf8))
            #expect(await waiting.value == .written, "woken by the write, not by the 300 s timeout")
            // Written and closed between two waits: the next wait returns at once, and the close
            // is not lost (the watcher's thread may have read the write before the close: then
            // one wait sees the write and the next the close).
            try handle.write(contentsOf: Data("{\"type\":\"result\"}\n".utf8))
            try handle.close()
            var wake = await watcher.wait(wd, timeout: .seconds(300))
            if wake == .written { wake = await watcher.wait(wd, timeout: .seconds(300)) }
            #expect(wake == .closed, "written, then closed: the close is seen")
        }
    }

    /// A monitor waits with `settle`: a write wakes it after the burst (not at the timeout),
    /// a close at once; a cancelled wait (a turn's calls follower, when the turn ends) returns
    /// at once instead of at its timeout.
    @Test func settlingWaitsAndCancelledWaits() async throws {
        try await withWatchedFile { watcher, wd, handle in
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
}
