import BatonRuntime
import Foundation
import Testing

/// An ``Executor`` with no processes behind it. Fail by default: every call the test did
/// not set up (a spawn beyond those allowed, a pid it never heard of, a lookup of a command
/// it did not install, a stop) records an issue.
final class FakeExecutor: Executor, @unchecked Sendable {
    struct Spawn: Sendable {
        var argv: [String]
        var directory: String
        var stdout: String
        var stderr: String
        var process: SpawnedProcess
    }

    private struct FakeProcess {
        var startTime: UInt64?
        var exitStatus: Int32?
        /// Started by this executor (so its exit status can be asked for).
        var isChild: Bool
    }

    private let lock = NSLock()
    private var installed: [String: String] = [:]
    private var processes: [Int32: FakeProcess] = [:]
    private var spawnsAllowed = 0
    private var nextPid: Int32 = 5000
    private var spawnLog: [Spawn] = []
    private var stopLog: [Int32] = []
    private var stopsAllowed = false

    /// `command` is found on PATH (at /fake/bin/<command>).
    func install(_ command: String) { lock.withLock { installed[command] = "/fake/bin/\(command)" } }
    /// The next `count` spawns are expected.
    func allowSpawns(_ count: Int) { lock.withLock { spawnsAllowed += count } }
    /// Stops are expected (quitting, /cancel).
    func allowStops() { lock.withLock { stopsAllowed = true } }
    /// A process an earlier Baton started that is still running.
    func running(pid: Int32, startTime: UInt64?) {
        lock.withLock { processes[pid] = FakeProcess(startTime: startTime, exitStatus: nil, isChild: false) }
    }
    /// A process that is gone (ended while Baton was away).
    func gone(pid: Int32) {
        lock.withLock { processes[pid] = FakeProcess(startTime: nil, exitStatus: 0, isChild: false) }
    }
    /// The process ends with `status`.
    func end(pid: Int32, status: Int32 = 0) {
        lock.withLock {
            guard processes[pid] != nil else {
                Issue.record("end(pid: \(pid)): no such fake process")
                return
            }
            processes[pid]?.exitStatus = status
        }
    }

    var spawns: [Spawn] { lock.withLock { spawnLog } }
    var stops: [Int32] { lock.withLock { stopLog } }

    // MARK: Executor

    func spawn(
        _ argv: [String], in directory: String, stdout: String, stderr: String, environment: [String: String]?
    ) throws -> SpawnedProcess {
        let process: SpawnedProcess? = lock.withLock {
            guard spawnsAllowed > 0 else { return nil }
            spawnsAllowed -= 1
            nextPid += 1
            let process = SpawnedProcess(pid: nextPid, startTime: UInt64(nextPid) * 10)
            processes[process.pid] = FakeProcess(startTime: process.startTime, exitStatus: nil, isChild: true)
            spawnLog.append(Spawn(argv: argv, directory: directory, stdout: stdout, stderr: stderr, process: process))
            return process
        }
        guard let process else {
            Issue.record("unexpected spawn: \(argv.prefix(3).joined(separator: " "))")
            throw SpawnError.failed(argv.first ?? "", EPERM)
        }
        // As a real spawn does: the output files exist from the start.
        for path in [stdout, stderr] where !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        return process
    }

    func isAlive(_ process: SpawnedProcess) -> Bool {
        lock.withLock {
            guard let known = processes[process.pid] else {
                Issue.record("unexpected isAlive(pid \(process.pid))")
                return false
            }
            return known.exitStatus == nil && (process.startTime == nil || process.startTime == known.startTime)
        }
    }

    func exitStatus(of process: SpawnedProcess) -> Int32? {
        lock.withLock {
            guard let known = processes[process.pid], known.isChild else {
                Issue.record("unexpected exitStatus(of: pid \(process.pid)) — not a child of this executor")
                return -1
            }
            return known.exitStatus
        }
    }

    func waitForExit(_ process: SpawnedProcess) async -> Int32 {
        Issue.record("unexpected waitForExit(pid \(process.pid))")
        return 1
    }

    func stop(_ process: SpawnedProcess, grace: Duration) async {
        lock.withLock {
            if !stopsAllowed { Issue.record("unexpected stop(pid \(process.pid))") }
            stopLog.append(process.pid)
            processes[process.pid]?.exitStatus = 143
        }
    }

    func which(_ command: String) -> String? {
        lock.withLock {
            guard let path = installed[command] else {
                Issue.record("unexpected which(\(command))")
                return nil
            }
            return path
        }
    }
}
