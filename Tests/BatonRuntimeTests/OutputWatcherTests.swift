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

        #expect(await watcher.wait(wd, timeout: .milliseconds(20)) == false, "nothing was written")
        let waiting = Task { await watcher.wait(wd, timeout: .seconds(300)) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("{\"type\":\"assistant\"}\n".utf8))
        #expect(await waiting.value == true, "woken by the write, not by the 300 s timeout")
        // Written between two waits: the next wait returns at once.
        try handle.write(contentsOf: Data("{\"type\":\"result\"}\n".utf8))
        try handle.close()
        #expect(await watcher.wait(wd, timeout: .seconds(300)) == true)
    }
}
