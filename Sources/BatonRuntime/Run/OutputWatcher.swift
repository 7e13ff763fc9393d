import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Wakes the runs' monitors when their output files change, instead of each polling its file:
/// one inotify descriptor and one thread for every run (Linux). A quiet run costs nothing
/// until its file is written or closed. `shared` is nil where inotify is missing; monitors
/// then poll.
final class OutputWatcher: @unchecked Sendable {
    static let shared: OutputWatcher? = OutputWatcher()

    private let fd: Int32
    private let lock = NSLock()
    /// Watches with a change not yet waited for.
    private var dirty: Set<Int32> = []
    private var uses: [Int32: Int] = [:]
    private var waiters: [Int32: [(id: Int, continuation: CheckedContinuation<Bool, Never>)]] = [:]
    private var nextID = 0
    private let timers = DispatchQueue(label: "baton.output-watcher.timers")

    private init?() {
        #if os(Linux)
            fd = inotify_init1(Int32(IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            let thread = Thread { [self] in readEvents() }
            thread.name = "baton.output-watcher"
            thread.stackSize = 256 << 10
            thread.start()
        #else
            return nil
        #endif
    }

    /// Starts watching `path` for writes and closes; nil when it cannot be watched.
    func watch(_ path: String) -> Int32? {
        #if os(Linux)
            let wd = inotify_add_watch(fd, path, UInt32(IN_MODIFY | IN_CLOSE_WRITE))
            guard wd >= 0 else { return nil }
            lock.withLock { uses[wd, default: 0] += 1 }
            return wd
        #else
            return nil
        #endif
    }

    /// Stops a watch `watch` returned (the last user removes it).
    func unwatch(_ wd: Int32) {
        let last: Bool = lock.withLock {
            uses[wd, default: 1] -= 1
            guard uses[wd] == 0 else { return false }
            uses[wd] = nil
            dirty.remove(wd)
            return true
        }
        #if os(Linux)
            if last { inotify_rm_watch(fd, wd) }
        #endif
    }

    /// Returns when the file changed since the last wait (at once if it already has): true;
    /// or after `timeout`: false.
    @discardableResult
    func wait(_ wd: Int32, timeout: Duration) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let id: Int? = lock.withLock {
                if dirty.remove(wd) != nil { return nil }
                nextID += 1
                waiters[wd, default: []].append((nextID, continuation))
                return nextID
            }
            guard let id else { return continuation.resume(returning: true) }
            let (seconds, atto) = timeout.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(atto / 1_000_000_000)
            timers.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [self] in
                let expired: CheckedContinuation<Bool, Never>? = lock.withLock {
                    guard let i = waiters[wd]?.firstIndex(where: { $0.id == id }) else { return nil }
                    return waiters[wd]!.remove(at: i).continuation
                }
                expired?.resume(returning: false)
            }
        }
    }

    /// The thread: reads inotify events and wakes whoever waits on their watches.
    private func readEvents() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let header = MemoryLayout<Int32>.size + 3 * MemoryLayout<UInt32>.size
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            var changed: Set<Int32> = []
            var offset = 0
            while offset + header <= n {
                let (wd, length) = buffer.withUnsafeBytes { raw in
                    (
                        raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                        raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)
                    )
                }
                changed.insert(wd)
                offset += header + Int(length)
            }
            let woken: [CheckedContinuation<Bool, Never>] = lock.withLock {
                var woken: [CheckedContinuation<Bool, Never>] = []
                for wd in changed where uses[wd] != nil {
                    if let list = waiters.removeValue(forKey: wd), !list.isEmpty {
                        woken += list.map(\.continuation)
                    } else {
                        dirty.insert(wd)
                    }
                }
                return woken
            }
            woken.forEach { $0.resume(returning: true) }
        }
    }
}
