import BatonAgents
import BatonWorkspace
import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The ``Executor`` of local processes: ``PosixSpawn`` into a process group of its own,
/// output to files, liveness from `/proc/<pid>/stat` (pid + kernel start time).
/// The one way Baton starts a detached process (git's commands go through ``CapturedCommand``).
public struct LocalExecutor: Executor {
    /// The PATH searched by ``which(_:)`` (default: Baton's own).
    public var path: String

    public init(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "") {
        self.path = path
    }

    public func which(_ command: String) -> String? {
        ExecutableSearch.find(command, path: path)
    }

    public func spawn(
        _ argv: [String], in directory: String, stdout: String, stderr: String, environment: [String: String]?
    ) throws -> SpawnedProcess {
        guard let command = argv.first else { throw SpawnError.notFound("(empty command)") }
        guard let exe = which(command) else { throw SpawnError.notFound(command) }
        let env = PosixSpawn.entries(environment)
        let pid: pid_t
        do {
            pid = try PosixSpawn.spawn(
                exe, argv: argv, environment: env, in: directory,
                stdio: [
                    .open("/dev/null", flags: O_RDONLY), .open(stdout, flags: O_WRONLY | O_CREAT | O_APPEND),
                    .open(stderr, flags: O_WRONLY | O_CREAT | O_APPEND),
                ],
                processGroup: true)
        } catch {
            throw SpawnError.failed(command, error.code)
        }
        // The conversation comes first: the agent (and what it starts) runs a little nicer
        // than Baton, so typing stays quick however many agents keep the cores busy.
        errno = 0
        let own = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        if errno == 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(pid), min(19, own + Self.niceness)) }
        return SpawnedProcess(pid: pid, startTime: Self.startTime(of: pid))
    }

    /// How much nicer than Baton its agents and checks run (`nice`).
    static let niceness: Int32 = 5

    /// The process's start time from /proc, or nil when it is gone.
    static func startTime(of pid: Int32) -> UInt64? {
        guard let fields = statFields(of: pid), fields.count > 19 else { return nil }
        // After "pid (comm)", field 3 is at index 0; starttime is field 22 → index 19.
        return UInt64(fields[19])
    }

    /// The fields of /proc/<pid>/stat after "pid (comm)", or nil when the process is gone.
    private static func statFields(of pid: Int32) -> [Substring]? {
        // (Read as a string: /proc files report a size of 0, which `contents(atPath:)` trusts.)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }

    public func isAlive(_ process: SpawnedProcess) -> Bool {
        guard let fields = Self.statFields(of: process.pid), fields.count > 19 else { return false }
        if fields[0] == "Z" { return false }
        return process.startTime == nil || process.startTime == UInt64(fields[19])
    }

    /// Non-blocking reap of our own child: its exit status once it has ended (-1 when it is
    /// not our child, e.g. already reaped).
    public func exitStatus(of process: SpawnedProcess) -> Int32? {
        var status: Int32 = 0
        let r = waitpid(process.pid, &status, WNOHANG)
        guard r == process.pid else { return r < 0 && errno == ECHILD ? -1 : nil }
        return PosixSpawn.exitCode(status)
    }

    public func waitForExit(_ process: SpawnedProcess) async -> Int32 {
        var idle: UInt64 = 5_000_000
        while true {
            if let code = exitStatus(of: process) { return code }
            try? await Task.sleep(nanoseconds: idle)
            idle = min(idle * 2, 100_000_000)
        }
    }

    /// SIGTERM to the process group, then SIGKILL after `grace`.
    public func stop(_ process: SpawnedProcess, grace: Duration) async {
        guard isAlive(process) else { return }
        kill(-process.pid, SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        while clock.now < deadline {
            if exitStatus(of: process) != nil || !isAlive(process) { return }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        kill(-process.pid, SIGKILL)
        _ = exitStatus(of: process)
    }
}
