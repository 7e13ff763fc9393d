import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A process started for a turn: enough to find it again after Baton restarts.
public struct SpawnedProcess: Sendable, Equatable {
    public var pid: Int32
    /// Kernel start time (clock ticks since boot) — tells a live run from a reused pid.
    public var startTime: UInt64?

    public init(pid: Int32, startTime: UInt64?) {
        self.pid = pid
        self.startTime = startTime
    }
}

/// Why a process could not be started.
public enum SpawnError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case failed(String, Int32)

    public var description: String {
        switch self {
        case .notFound(let cmd): "\(cmd) is not installed (not found on PATH)"
        case .failed(let cmd, let code): "could not start \(cmd): \(String(cString: strerror(code)))"
        }
    }
}

/// The executor seam (DESIGN.md "Seams"): where a run's process lives. It starts an argv in
/// a directory *detached* — its stdout and stderr going straight to files, in its own
/// process group — so a Baton crash neither kills the agent nor loses a byte of its stream,
/// and it answers for that process later by pid + start time (which survive a restart, as
/// they are recorded in the session log and the run's pid file).
///
/// ``LocalExecutor`` runs local processes. An SSH or container executor conforms by running
/// the same argv elsewhere and keeping the output files in step (see README "Architecture").
/// The controller and the turn monitor only ever talk to `any Executor`.
public protocol Executor: Sendable {
    /// Starts `argv` in `directory` with stdin from /dev/null, stdout and stderr appended
    /// to the files at `stdout` and `stderr`, and `environment` (nil: Baton's own).
    /// Throws ``SpawnError``.
    func spawn(
        _ argv: [String], in directory: String, stdout: String, stderr: String, environment: [String: String]?
    ) throws -> SpawnedProcess
    /// True while `process` is the same live process (not a reused pid, not a zombie).
    func isAlive(_ process: SpawnedProcess) -> Bool
    /// The exit status of a process this executor started, once it has ended (non-blocking;
    /// nil while it runs). A process started by an earlier Baton has no status here.
    func exitStatus(of process: SpawnedProcess) -> Int32?
    /// Waits for a process this executor started to end; its exit status.
    func waitForExit(_ process: SpawnedProcess) async -> Int32
    /// Stops the process and its group: gracefully, then by force after `grace`.
    func stop(_ process: SpawnedProcess, grace: Duration) async
    /// Where `command` is found on the executor's PATH (a path given with a slash is
    /// checked as is); nil when it is not there.
    func which(_ command: String) -> String?
}

extension Executor {
    /// Starts `argv` with Baton's environment (see ``spawn(_:in:stdout:stderr:environment:)``).
    public func spawn(_ argv: [String], in directory: String, stdout: String, stderr: String) throws -> SpawnedProcess {
        try spawn(argv, in: directory, stdout: stdout, stderr: stderr, environment: nil)
    }

    /// Stops the process, killing it after three seconds.
    public func stop(_ process: SpawnedProcess) async {
        await stop(process, grace: .seconds(3))
    }
}
