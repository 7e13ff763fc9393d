import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// How Baton starts every process of its own making (git, agents, checks): `posix_spawn`,
/// which glibc runs as a vfork, so a start costs the same however much memory Baton holds
/// (a fork copies its page tables; with 128 agents running that was a measurable part of
/// starting each task's git commands).
///
/// The child gets descriptors 0, 1 and 2 as `stdio` says and no other descriptor of Baton's,
/// default handling for the signals a terminal sends, and no blocked signal.
package enum PosixSpawn {
    /// What one of the child's standard descriptors is.
    package enum Stdio {
        /// A file opened in the child (`flags` as for `open`, mode 0600 when created).
        case open(String, flags: Int32)
        /// A descriptor of Baton's, duplicated (it may be close-on-exec in Baton).
        case descriptor(Int32)
    }

    /// Starts `executable` (a path; with `searchPath`, a name looked up in Baton's `PATH`)
    /// with `argv` and `environment` (`KEY=value` each) in `directory`. `stdio` holds the
    /// child's descriptors 0, 1 and 2 in that order. With `processGroup`, the child leads a
    /// group of its own (so it can be stopped with everything it starts).
    /// - Returns: the child's pid. - Throws: the error number `posix_spawn` returned.
    package static func spawn(
        _ executable: String, argv: [String], environment: [String], in directory: String, stdio: [Stdio],
        processGroup: Bool, searchPath: Bool = false
    ) throws(SpawnFailure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, action) in stdio.enumerated() {
            switch action {
            case .open(let path, let flags): posix_spawn_file_actions_addopen(&actions, Int32(fd), path, flags, 0o600)
            case .descriptor(let own): posix_spawn_file_actions_adddup2(&actions, own, Int32(fd))
            }
        }
        _ = addChdir(&actions, directory)
        _ = addCloseFrom(&actions, 3)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var sigdefault = sigset_t()
        sigemptyset(&sigdefault)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP] { sigaddset(&sigdefault, s) }
        posix_spawnattr_setsigdefault(&attr, &sigdefault)
        var nomask = sigset_t()
        sigemptyset(&nomask)
        posix_spawnattr_setsigmask(&attr, &nomask)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        if processGroup {
            posix_spawnattr_setpgroup(&attr, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attr, Int16(flags))
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc =
            searchPath
            ? posix_spawnp(&pid, executable, &actions, &attr, cArgs, cEnv)
            : posix_spawn(&pid, executable, &actions, &attr, cArgs, cEnv)
        guard rc == 0 else { throw SpawnFailure(code: rc) }
        return pid
    }

    /// One end of each of two pipes.
    package typealias Pipe = (read: Int32, write: Int32)

    /// Two pipes whose ends are close-on-exec from the start, so no child but the one they
    /// are given to inherits them.
    package static func pipes() throws(SpawnFailure) -> (Pipe, Pipe) {
        var fds: [Int32] = [-1, -1, -1, -1]
        guard pipe2(&fds, O_CLOEXEC) == 0 else { throw SpawnFailure(code: errno) }
        guard fds.withUnsafeMutableBufferPointer({ pipe2($0.baseAddress! + 2, O_CLOEXEC) }) == 0 else {
            let code = errno
            fds[0...1].forEach { close($0) }
            throw SpawnFailure(code: code)
        }
        return ((fds[0], fds[1]), (fds[2], fds[3]))
    }

    /// An environment as `spawn` takes it: `KEY=value` each (nil: Baton's own).
    package static func entries(_ environment: [String: String]?) -> [String] {
        (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
    }

    /// The exit code in a `waitpid` status: a process ended by a signal reports 128 + it.
    package static func exitCode(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// `posix_spawn` failed with `code` (an error number: ENOENT, EACCES, …).
    package struct SpawnFailure: Error, CustomStringConvertible {
        package var code: Int32
        package var description: String { String(cString: strerror(code)) }
    }
}

/// Glibc's Swift module does not export it (it is a GNU extension).
@_silgen_name("pipe2")
private func pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

/// glibc ≥ 2.29 has it, but Glibc's Swift module does not export it.
@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32

/// glibc ≥ 2.34: close every descriptor from `from` up in the child.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32
