import BatonAgents
import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A process Baton talks to over its stdin and stdout (an ACP agent): started in a process
/// group of its own with stderr appended to a file, its stdout read line by line on a
/// thread, lines written to its stdin from another (where SIGPIPE is blocked, so an agent
/// that died makes a write fail, never Baton). When Baton ends, the agent's stdin closes.
final class PipedProcess: @unchecked Sendable {
    let process: SpawnedProcess
    /// The agent's stdout, one line at a time (without the newline); ends at EOF.
    let lines: AsyncStream<String>
    private let input: Int32
    private let condition = NSCondition()
    private var queue: [String] = []
    private var inputClosed = false

    /// Starts `argv` (argv[0]: the executable's path) in `directory`. Throws ``SpawnError``.
    init(_ argv: [String], in directory: String, stderr: String, environment: [String: String]?) throws {
        guard let exe = argv.first else { throw SpawnError.notFound("(empty command)") }
        let command = (exe as NSString).lastPathComponent
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else { throw SpawnError.failed(command, errno) }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0])
            close(toChild[1])
            throw SpawnError.failed(command, errno)
        }
        // Baton's ends must not leak into other children (a kept stdin would keep the agent alive).
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        _ = pipedAddChdir(&actions, directory)
        _ = pipedAddCloseFrom(&actions, 3)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        LocalExecutor.setAgentAttributes(&attr)
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, &attr, cArgs, cEnv)
        close(toChild[0])
        close(fromChild[1])
        guard rc == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw SpawnError.failed(command, rc)
        }
        process = SpawnedProcess(pid: pid, startTime: LocalExecutor.startTime(of: pid))
        input = toChild[1]
        let output = fromChild[0]
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
        lines = stream
        Thread.detachNewThread { Self.read(output, into: continuation) }
        Thread.detachNewThread { [self] in writeLoop() }
    }

    /// Queues one line for the agent's stdin (a newline is added).
    func send(_ line: String) {
        condition.lock()
        if !inputClosed { queue.append(line + "\n") }
        condition.signal()
        condition.unlock()
    }

    /// Closes the agent's stdin once the queued lines are written (an ACP agent then ends).
    func closeInput() {
        condition.lock()
        inputClosed = true
        condition.signal()
        condition.unlock()
    }

    private func writeLoop() {
        var block = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &block, nil)
        var broken = false
        while true {
            condition.lock()
            while queue.isEmpty && !inputClosed { condition.wait() }
            let batch = queue
            queue.removeAll()
            let closing = inputClosed
            condition.unlock()
            for line in batch where !broken {
                var bytes = Array(line.utf8)
                var offset = 0
                while offset < bytes.count {
                    let n = bytes.withUnsafeMutableBytes { write(input, $0.baseAddress! + offset, $0.count - offset) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 {
                        broken = true
                        break
                    }
                    offset += n
                }
            }
            if closing {
                close(input)
                return
            }
        }
    }

    private static func read(_ fd: Int32, into continuation: AsyncStream<String>.Continuation) {
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            pending.append(contentsOf: buffer[0..<n])
            var start = 0
            while let nl = pending[start...].firstIndex(of: 0x0A) {
                continuation.yield(String(decoding: pending[start..<nl], as: UTF8.self))
                start = nl + 1
            }
            pending.removeFirst(start)
            if pending.count > SessionLog.maxLineBytes { pending.removeAll() }
        }
        if !pending.isEmpty { continuation.yield(String(decoding: pending, as: UTF8.self)) }
        close(fd)
        continuation.finish()
    }
}

@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func pipedAddChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32

@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func pipedAddCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32
