import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A process started for a turn: enough to find it again after Baton restarts.
public struct SpawnedProcess: Sendable, Equatable {
    public var pid: Int32
    /// Kernel start time (clock ticks since boot) — tells a live run from a reused pid.
    public var startTime: UInt64?
}

/// The executor seam (DESIGN.md "Seams"): runs an argv in a directory with its stdout and
/// stderr going straight to files, in its own process group, so a Baton crash neither kills
/// the agent nor loses a byte of its stream. Local processes today.
public struct LocalExecutor: Sendable {
    public init() {}

    public enum SpawnError: Error, CustomStringConvertible {
        case notFound(String)
        case failed(String, Int32)
        public var description: String {
            switch self {
            case .notFound(let cmd): "\(cmd) is not installed (not found on PATH)"
            case .failed(let cmd, let code): "could not start \(cmd): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Finds an executable on PATH (no shell).
    public static func which(_ command: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if command.contains("/") { return access(command, X_OK) == 0 ? command : nil }
        for dir in (path ?? "").split(separator: ":") {
            let candidate = "\(dir)/\(command)"
            var st = stat()
            if stat(candidate, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Starts `argv` in `directory`; stdin is /dev/null.
    public func spawn(_ argv: [String], in directory: String, stdout: String, stderr: String, environment: [String: String]? = nil) throws -> SpawnedProcess {
        guard let exe = Self.which(argv[0]) else { throw SpawnError.notFound(argv[0]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        addChdir(&actions, directory)
        // Nothing of Baton's leaks into the agent: no descriptor beyond 0, 1, 2 (a leaked
        // pipe would keep whoever waits on Baton's end waiting for the agent too).
        addCloseFrom(&actions, 3)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setpgroup(&attr, 0)
        var sigdefault = sigset_t()
        sigemptyset(&sigdefault)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP] { sigaddset(&sigdefault, s) }
        posix_spawnattr_setsigdefault(&attr, &sigdefault)
        var nomask = sigset_t()
        sigemptyset(&nomask)
        posix_spawnattr_setsigmask(&attr, &nomask)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        let rc = posix_spawn(&pid, exe, &actions, &attr, cArgs, cEnv)
        guard rc == 0 else { throw SpawnError.failed(argv[0], rc) }
        return SpawnedProcess(pid: pid, startTime: Self.startTime(of: pid))
    }

    /// The process's start time from /proc, or nil when it is gone.
    public static func startTime(of pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After "pid (comm)", field 3 is at index 0; starttime is field 22 → index 19.
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// True when `process` is still the same live process (not a reused pid, not a zombie).
    public static func isAlive(_ process: SpawnedProcess) -> Bool {
        guard let now = startTime(of: process.pid) else { return false }
        if let state = try? String(contentsOfFile: "/proc/\(process.pid)/stat", encoding: .utf8),
           let close = state.lastIndex(of: ")"),
           state[state.index(after: close)...].split(separator: " ").first == "Z" { return false }
        return process.startTime == nil || process.startTime == now
    }

    /// Non-blocking reap of our own child: its exit status once it has ended.
    public static func reap(_ pid: Int32) -> Int32? {
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        guard r == pid else { return r < 0 && errno == ECHILD ? -1 : nil }
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }

    /// Waits for our child to end; its exit status.
    public static func waitForExit(_ pid: Int32) async -> Int32 {
        var idle: UInt64 = 5_000_000
        while true {
            if let code = reap(pid) { return code }
            try? await Task.sleep(nanoseconds: idle)
            idle = min(idle * 2, 100_000_000)
        }
    }

    /// Stops the process group gracefully (SIGTERM), then kills it after `grace` seconds.
    public static func stop(_ process: SpawnedProcess, grace: Double = 3) async {
        guard isAlive(process) else { return }
        kill(-process.pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            if reap(process.pid) != nil || !isAlive(process) { return }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        kill(-process.pid, SIGKILL)
        _ = reap(process.pid)
    }
}

/// glibc ≥ 2.29 has it, but Glibc's Swift module does not export it.
@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32

/// glibc ≥ 2.34: close every descriptor from `from` up in the child.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32
