import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// An exclusive lock on one session, held by this process while the session is open.
///
/// Uses `flock` on `<session>/lock`: the kernel releases it when the holder dies, so a stale
/// lock from a crashed process is taken over safely; the file also names the holder's pid.
public final class SessionLock: @unchecked Sendable {
    private let fd: Int32
    public let path: String

    /// Takes the lock or throws ``SessionStoreError/locked(session:pid:)``.
    public init(directory: String, session: String) throws {
        path = directory + "/lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SessionStoreError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw SessionStoreError.locked(session: session, pid: holder.flatMap { Int32($0) })
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
