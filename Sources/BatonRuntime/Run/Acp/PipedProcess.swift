import BatonAgents
import BatonWorkspace
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
        // Baton's ends must not leak into other children (a kept stdin would keep the agent alive).
        let toChild: PosixSpawn.Pipe
        let fromChild: PosixSpawn.Pipe
        do {
            (toChild, fromChild) = try PosixSpawn.pipes()
        } catch {
            throw SpawnError.failed(command, error.code)
        }
        let env = PosixSpawn.entries(environment)
        let pid: pid_t
        do {
            pid = try PosixSpawn.spawn(
                exe, argv: argv, environment: env, in: directory,
                stdio: [.descriptor(toChild.read), .descriptor(fromChild.write), .open(stderr, flags: O_WRONLY | O_CREAT | O_APPEND)],
                processGroup: true)
        } catch {
            [toChild.read, toChild.write, fromChild.read, fromChild.write].forEach { close($0) }
            throw SpawnError.failed(command, error.code)
        }
        close(toChild.read)
        close(fromChild.write)
        process = SpawnedProcess(pid: pid, startTime: LocalExecutor.startTime(of: pid))
        input = toChild.write
        let output = fromChild.read
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
