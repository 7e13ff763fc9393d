import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A short command whose standard output and error are collected (git's): started with
/// ``PosixSpawn``, its pipes read on a small thread of its own until the child closes them,
/// then its exit status taken. Stdin is `/dev/null`.
package enum CapturedCommand {
    /// How the command ended and what it wrote.
    package struct Output: Sendable {
        /// The exit status (a command ended by a signal reports 128 + the signal).
        package var exitCode: Int32
        package var stdout: [UInt8]
        package var stderr: [UInt8]
    }

    /// Why a command gave no ``Output``.
    package enum Failure: Error, CustomStringConvertible {
        /// It could not be started (`posix_spawn` failed with this error).
        case notStarted(String, PosixSpawn.SpawnFailure)
        /// It wrote more than the limit to stdout or stderr (the rest was read and dropped).
        case outputTooLarge(String, limit: Int)

        package var description: String {
            switch self {
            case .notStarted(let command, let failure): "could not start \(command): \(failure)"
            case .outputTooLarge(let command, let limit): "\(command) wrote more than \(limit) bytes"
            }
        }
    }

    /// Runs `argv` (argv[0] the executable: a path, or a name looked up in Baton's `PATH`)
    /// in `directory` with `environment` (`KEY=value` each), collecting at most `limit`
    /// bytes from each of stdout and stderr.
    package static func run(_ argv: [String], environment: [String], in directory: String, limit: Int) async throws -> Output {
        let command = argv.first ?? ""
        let out: PosixSpawn.Pipe
        let err: PosixSpawn.Pipe
        do {
            (out, err) = try PosixSpawn.pipes()
        } catch {
            throw Failure.notStarted(command, error)
        }
        let pid: pid_t
        do {
            pid = try PosixSpawn.spawn(
                command, argv: argv, environment: environment, in: directory,
                stdio: [.open("/dev/null", flags: O_RDONLY), .descriptor(out.write), .descriptor(err.write)],
                processGroup: false, searchPath: !command.contains("/"))
        } catch {
            [out.read, out.write, err.read, err.write].forEach { close($0) }
            throw Failure.notStarted(command, error)
        }
        // Only the child holds the writing ends now: its exit closes them.
        close(out.write)
        close(err.write)
        let collected = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: collect(pid: pid, from: [out.read, err.read], limit: limit))
            }
            thread.stackSize = 256 << 10
            thread.start()
        }
        if collected.overflowed { throw Failure.outputTooLarge(command, limit: limit) }
        return collected.output
    }

    /// Reads both pipes until the child has closed them (past `limit`, what comes is read and
    /// dropped), then reaps the child. Runs on a thread of its own: it blocks.
    private static func collect(pid: pid_t, from fds: [Int32], limit: Int) -> (output: Output, overflowed: Bool) {
        var collected: [[UInt8]] = [[], []]
        var overflowed = false
        var polled = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        while polled.contains(where: { $0.fd >= 0 }) {
            guard poll(&polled, nfds_t(polled.count), -1) >= 0 || errno == EINTR else { break }
            for i in polled.indices where polled[i].fd >= 0 && polled[i].revents != 0 {
                let n = read(polled[i].fd, buffer.baseAddress, buffer.count)
                if n > 0 {
                    let room = max(0, limit - collected[i].count)
                    if n > room { overflowed = true }
                    collected[i].append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<min(n, room)]))
                } else if n == 0 || errno != EINTR {
                    close(polled[i].fd)
                    polled[i].fd = -1  // poll skips it from now on
                }
            }
        }
        polled.filter { $0.fd >= 0 }.forEach { close($0.fd) }
        var status: Int32 = 0
        var r: pid_t
        repeat { r = waitpid(pid, &status, 0) } while r < 0 && errno == EINTR
        // -1: not ours to reap (someone reaped it already): reported as a failure.
        let code = r < 0 ? 127 : PosixSpawn.exitCode(status)
        return (Output(exitCode: code, stdout: collected[0], stderr: collected[1]), overflowed)
    }
}
