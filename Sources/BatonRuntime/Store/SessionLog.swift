import BatonCore
import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The append-only `events.jsonl` of one session: a header line, then one record per line.
/// Every append is written and fsynced before the caller applies the event.
public final class SessionLog: @unchecked Sendable {
    /// Longest line the reader accepts (a longer one is damage, not a crash).
    public static let maxLineBytes = 16 << 20

    public let path: String
    private let fd: Int32
    /// Bytes in the file: the offset just after the last line appended (what a snapshot
    /// taken now covers).
    public private(set) var size: Int
    private let encoder = SessionLog.makeEncoder()

    /// The encoder of every line: keys sorted, slashes unescaped.
    private static func makeEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// `value` (a header or a record) as one line of a log, without the newline: what
    /// `baton run --json` prints.
    public static func line(_ value: some Encodable) throws -> String {
        String(decoding: try makeEncoder().encode(value), as: UTF8.self)
    }

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
        self.size = Int(lseek(fd, 0, SEEK_END))
    }

    deinit { close(fd) }

    /// Creates a new log holding only `header`.
    public static func create(at path: String, header: SessionLogHeader) throws -> SessionLog {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SessionStoreError.io("\(path): \(String(cString: strerror(errno)))") }
        let log = SessionLog(path: path, fd: fd)
        try log.writeLine(try log.encoder.encode(header))
        return log
    }

    /// Opens an existing log for appending (after a successful replay).
    public static func openForAppend(at path: String) throws -> SessionLog {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw SessionStoreError.io("\(path): \(String(cString: strerror(errno)))") }
        return SessionLog(path: path, fd: fd)
    }

    /// Appends one record durably (write + fsync). Throws, having applied nothing, when the
    /// disk refuses.
    /// Appends one record; with `sync` (the default) it is on disk when this returns, else
    /// only written (a crash of Baton loses nothing; a crash of the machine may lose it).
    public func append(_ record: SessionRecord, sync: Bool = true) throws {
        try writeLine(try encoder.encode(record), sync: sync)
    }

    private func writeLine(_ json: Data, sync: Bool = true) throws {
        var bytes = json
        bytes.append(0x0A)
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    let why = String(cString: strerror(errno))
                    // Never leave half a line behind: cut back to where this append started.
                    if offset > 0 { ftruncate(fd, lseek(fd, 0, SEEK_END) - off_t(offset)) }
                    throw SessionStoreError.io(why)
                }
                offset += n
            }
        }
        size += bytes.count
        guard sync else { return }
        guard fsync(fd) == 0 else { throw SessionStoreError.io(String(cString: strerror(errno))) }
    }
}
