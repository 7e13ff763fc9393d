import BatonAgents
import BatonCore
import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Follows one turn's output file as it grows (reading new bytes as they arrive), decodes
/// it, and returns how the turn ended. Works for a child Baton started and for a process it
/// reattached to after a restart (then the exit status comes from the stream alone).
/// The process is asked about through the executor; time comes from the clock.
struct TurnMonitor: Sendable {
    var process: SpawnedProcess
    var isChild: Bool
    var stdoutPath: String
    var stderrPath: String
    var stallAfter: Double
    var executor: any Executor
    var clock: any RuntimeClock
    /// Wakes the monitor when the output file changes (nil: it polls).
    var watcher: OutputWatcher?

    func follow(
        decoder initial: any StreamDecoder,
        onEvents: @Sendable ([AgentEvent]) async -> Void,
        onStall: @Sendable () async -> Void
    ) async -> TurnResult {
        var decoder = initial
        let fd = open(stdoutPath, O_RDONLY | O_CLOEXEC)
        defer { if fd >= 0 { close(fd) } }
        let watch = fd >= 0 ? watcher?.watch(stdoutPath) : nil
        defer { if let watch { watcher?.unwatch(watch) } }
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: Self.readSize)
        var lastOutput = clock.now()
        var stalled = false
        var idle = Self.firstIdle
        var exitCode: Int32?
        /// After the output file was closed: the next wait for the exit status.
        var exiting: Duration?
        /// When activity last went to `onEvents`.
        var forwardedAt = Date.distantPast

        /// Hands events on: warnings, notices and drift at once; activity at most every
        /// `SessionController.activityInterval`, which is as often as the session logs a run's
        /// activity; the rest (text, usage…, which the session does not show) with those.
        /// With many agents streaming, most batches of lines then cost no hop to the session.
        func forward(_ events: [AgentEvent]) async {
            let now = clock.now()
            let activity = events.contains(where: Self.isActivity)
            if activity, now.timeIntervalSince(forwardedAt) >= SessionController.activityInterval {
                forwardedAt = now
            } else if !events.contains(where: Self.isUrgent) {
                return
            }
            await onEvents(events)
        }

        /// Reads what arrived; true when it shows progress. Lines that only say the agent
        /// retries a failed API call (claude's api_retry, codex's "Reconnecting...") are not
        /// progress: an agent doing nothing else for the stall time is reported.
        func drain() async -> Bool {
            guard fd >= 0 else { return false }
            var got = false
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                got = true
                pending.append(contentsOf: buffer[0..<n])
            }
            guard got else { return false }
            var events: [AgentEvent] = []
            var progressed = false
            var start = 0
            while let nl = pending[start...].firstIndex(of: 0x0A) {
                let line = String(decoding: pending[start..<nl], as: UTF8.self)
                let decoded = decoder.decode(line: line)
                if !decoded.allSatisfy(Self.isRetry) || decoded.isEmpty { progressed = true }
                events += decoded
                start = nl + 1
            }
            if start < pending.count { progressed = true }  // part of a line: the agent is writing
            pending.removeFirst(start)
            if pending.count > SessionLog.maxLineBytes {
                events.append(.warning("skipped an output line longer than 16 MiB"))
                pending.removeAll()
            }
            await forward(events)
            return progressed
        }

        while exitCode == nil {
            if await drain() {
                lastOutput = clock.now()
                if watch == nil { idle = Self.firstIdle }
                stalled = false
                continue
            }
            if isChild {
                exitCode = executor.exitStatus(of: process)
            } else if !executor.isAlive(process) {
                exitCode = 0
            }
            if exitCode != nil { break }
            if !stalled, clock.now().timeIntervalSince(lastOutput) >= stallAfter {
                stalled = true
                await onStall()
            }
            if let pause = exiting {
                // The agent closed its output: it is exiting. Its exit status is looked for
                // 1, 2, 4 … ms later (dependents wait on it), then as before.
                try? await clock.sleep(for: pause)
                exiting = pause < Self.firstIdle ? pause * 2 : nil
            } else if let watch, let watcher {
                // A write wakes the monitor at the end of its burst of lines, so the burst is read
                // (and summarized) in one go; a close (the agent exiting) wakes it at once.
                switch await watcher.wait(watch, timeout: idle, settle: true) {
                case .closed:
                    idle = Self.firstIdle
                    exiting = .milliseconds(1)
                case .written: idle = Self.watchedMaxIdle
                case .timedOut: idle = min(idle * 2, Self.watchedMaxIdle)
                }
            } else {
                try? await clock.sleep(for: idle)
                idle = min(idle * 2, Self.maxIdle)
            }
        }
        _ = await drain()
        if !pending.isEmpty {
            await forward(decoder.decode(line: String(decoding: pending, as: UTF8.self)))
        }
        return decoder.finish(exitCode: exitCode ?? 1, stderrTail: Self.tail(of: stderrPath))
    }

    /// Bytes read at a time: a burst of lines takes a few reads; 128 runs hold 2 MB of buffers.
    static let readSize = 16 * 1024
    /// The first wait between reads after output; it doubles while the run is quiet.
    static let firstIdle: Duration = .milliseconds(10)
    /// The longest wait between reads: a turn's end is seen within 50 ms (dependents wait on it).
    static let maxIdle: Duration = .milliseconds(50)
    /// The longest wait when the file is watched: its writes and the agent's exit (which
    /// closes it) wake the monitor; this only bounds the stall and liveness checks.
    static let watchedMaxIdle: Duration = .milliseconds(500)

    /// What the session shows as a run's activity, a few seconds apart (see `forward`).
    static func isActivity(_ event: AgentEvent) -> Bool {
        switch event {
        case .activity, .fileChanged: true
        default: false
        }
    }

    /// What the session shows whenever it comes (see `forward`).
    static func isUrgent(_ event: AgentEvent) -> Bool {
        switch event {
        case .warning, .notice, .drift: true
        default: false
        }
    }

    static func isRetry(_ event: AgentEvent) -> Bool {
        if case .retrying = event { return true }
        return false
    }

    /// The last few lines of a file (for a failed turn's message).
    static func tail(of path: String, lines: Int = 8, maxBytes: Int = 4096) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > UInt64(maxBytes) ? size - UInt64(maxBytes) : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
