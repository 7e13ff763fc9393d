import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Wakes the runs' monitors when their output files change, instead of each polling its file:
/// one inotify descriptor, one thread and one timer for every run (Linux). A quiet run costs
/// nothing until its file is written or closed. `shared` is nil where inotify is missing;
/// monitors then poll.
///
/// The cost stays flat as runs are added: the thread reads the changes of every file in
/// batches (at most one read per `batchInterval`), and a waiter that asks to `settle` is woken
/// once per burst of writes — the more runs wait, the longer a burst is gathered (see
/// `settleTime`) — except when the file is closed (the agent exited), which wakes it at once.
final class OutputWatcher: @unchecked Sendable {
    static let shared: OutputWatcher? = OutputWatcher()

    /// What ended a wait.
    enum Wake: Equatable, Sendable {
        /// Nothing happened before the timeout (or the waiting task was cancelled).
        case timedOut
        /// The file was written.
        case written
        /// The file was closed by a writer (an agent exiting closes its output).
        case closed
    }

    /// One wait in progress (plain values: the timer and the thread go through many of them;
    /// its continuation is in `continuations`).
    private struct Waiter {
        var id: Int
        var deadline: DispatchTime
        var settle: Bool
        /// The file was written; the waiter is woken at its deadline, the end of the burst.
        var written = false
    }

    private let fd: Int32
    private let lock = NSLock()
    /// Watches with a change not yet waited for (`.closed` once a close was seen).
    private var dirty: [Int32: Wake] = [:]
    private var uses: [Int32: Int] = [:]
    private var waiters: [Int32: [Waiter]] = [:]
    /// Each waiter's continuation, by its id.
    private var continuations: [Int: CheckedContinuation<Wake, Never>] = [:]
    private var nextID = 0
    private let timer: DispatchSourceTimer
    /// When the timer fires next (nil: not armed).
    private var armed: DispatchTime?

    /// How long the thread lets changes gather between two reads.
    static let batchInterval: useconds_t = 5_000

    private init?() {
        #if os(Linux)
            fd = inotify_init1(Int32(IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "baton.output-watcher.timer"))
            timer.setEventHandler { [unowned self] in expire() }
            timer.activate()
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
            dirty[wd] = nil
            return true
        }
        #if os(Linux)
            if last { inotify_rm_watch(fd, wd) }
        #endif
    }

    /// Returns when the file was written or closed since the last wait, or after `timeout` (or
    /// when the task is cancelled). With `settle`, a write wakes the waiter only after
    /// `settleTime`, so a burst of lines is read in one go; a close wakes it at once.
    @discardableResult
    func wait(_ wd: Int32, timeout: Duration, settle: Bool = false) async -> Wake {
        let id = lock.withLock {
            nextID += 1
            return nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Wake, Never>) in
                let now = DispatchTime.now()
                let woken: Wake? = lock.withLock {
                    if Task.isCancelled { return .timedOut }
                    let change = dirty.removeValue(forKey: wd)
                    if let change, !settle || change == .closed { return change }
                    var waiter = Waiter(id: id, deadline: now + Self.nanoseconds(timeout), settle: settle)
                    if change != nil {
                        waiter.written = true
                        waiter.deadline = now + settleTime()
                    }
                    waiters[wd, default: []].append(waiter)
                    continuations[id] = continuation
                    arm(waiter.deadline)
                    return nil
                }
                if let woken { continuation.resume(returning: woken) }
            }
        } onCancel: {
            let cancelled: CheckedContinuation<Wake, Never>? = lock.withLock {
                guard let i = waiters[wd]?.firstIndex(where: { $0.id == id }) else { return nil }
                waiters[wd]!.remove(at: i)
                return continuations.removeValue(forKey: id)
            }
            cancelled?.resume(returning: .timedOut)
        }
    }

    /// How long a settling waiter gathers a burst: 2 ms per wait in progress (a run's output
    /// and its agent's calls are two), at least 10 ms, at most 500 ms (128 runs streaming are
    /// read about twice a second each). Under the lock.
    private func settleTime() -> DispatchTimeInterval {
        return .milliseconds(min(500, max(10, 2 * continuations.count)))
    }

    private static func nanoseconds(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, atto) = duration.components
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(atto / 1_000_000_000))
    }

    /// Makes the timer fire by `deadline`, rounded up to the next 10 ms so that the waiters
    /// due in the same 10 ms are woken together. Under the lock.
    private func arm(_ deadline: DispatchTime) {
        let slot: UInt64 = 10_000_000
        let rounded = DispatchTime(uptimeNanoseconds: (deadline.uptimeNanoseconds / slot + 1) * slot)
        if let armed, armed <= rounded { return }
        armed = rounded
        timer.schedule(deadline: rounded, leeway: .milliseconds(5))
    }

    /// The timer: wakes every waiter whose deadline has come (`written` if its file was),
    /// then arms itself for the next one.
    private func expire() {
        let due: [(CheckedContinuation<Wake, Never>, Wake)] = lock.withLock {
            let now = DispatchTime.now() + .milliseconds(10)
            var due: [(CheckedContinuation<Wake, Never>, Wake)] = []
            var next: DispatchTime?
            var emptied = false
            // In place: the dictionary is not copied.
            for i in waiters.values.indices {
                for j in waiters.values[i].indices where waiters.values[i][j].deadline > now {
                    next = min(next ?? waiters.values[i][j].deadline, waiters.values[i][j].deadline)
                }
                // Most lists have no waiter due: they are left as they are.
                guard waiters.values[i].contains(where: { $0.deadline <= now }) else { continue }
                waiters.values[i].removeAll { waiter in
                    guard waiter.deadline <= now else { return false }
                    if let continuation = continuations.removeValue(forKey: waiter.id) {
                        due.append((continuation, waiter.written ? .written : .timedOut))
                    }
                    return true
                }
                emptied = emptied || waiters.values[i].isEmpty
            }
            if emptied { waiters = waiters.filter { !$0.value.isEmpty } }
            armed = nil
            if let next { arm(next) }
            return due
        }
        due.forEach { $0.0.resume(returning: $0.1) }
    }

    /// The thread: reads inotify events and wakes whoever waits on their watches.
    private func readEvents() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let header = MemoryLayout<Int32>.size + 3 * MemoryLayout<UInt32>.size
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            var changed: [Int32: Bool] = [:]  // watch → closed
            var offset = 0
            while offset + header <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    (
                        raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                        raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                        raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)
                    )
                }
                changed[wd] = (changed[wd] ?? false) || mask & UInt32(IN_CLOSE_WRITE) != 0
                offset += header + Int(length)
            }
            wake(changed)
            usleep(Self.batchInterval)
        }
    }

    /// Wakes the waiters of the watches that changed (`closed`: the file was closed): at once,
    /// or at the end of the burst for a settling waiter; a change nobody waits for is kept.
    private func wake(_ changed: [Int32: Bool]) {
        let woken: [(CheckedContinuation<Wake, Never>, Wake)] = lock.withLock {
            var woken: [(CheckedContinuation<Wake, Never>, Wake)] = []
            let burstEnd = DispatchTime.now() + settleTime()
            for (wd, closed) in changed where uses[wd] != nil {
                let change: Wake = closed ? .closed : .written
                guard let index = waiters.index(forKey: wd), !waiters.values[index].isEmpty else {
                    if dirty[wd] != .closed { dirty[wd] = change }
                    continue
                }
                // In place: woken now, or (settling) at the end of the burst.
                waiters.values[index].removeAll { waiter in
                    guard !waiter.settle || closed else { return false }
                    if let continuation = continuations.removeValue(forKey: waiter.id) { woken.append((continuation, change)) }
                    return true
                }
                for j in waiters.values[index].indices where !waiters.values[index][j].written {
                    waiters.values[index][j].written = true
                    waiters.values[index][j].deadline = burstEnd
                    arm(burstEnd)
                }
                if waiters.values[index].isEmpty { waiters.remove(at: index) }
            }
            return woken
        }
        woken.forEach { $0.0.resume(returning: $0.1) }
    }
}
