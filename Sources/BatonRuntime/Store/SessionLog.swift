import BatonCore
import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// What replaying a log found.
public struct Replay: Sendable {
    public var header: SessionLogHeader
    public var records: [SessionRecord]
    /// One line each: a dropped torn line, a damaged line.
    public var warnings: [String]
    /// Set when a damaged line stopped the replay: the session must not be written to.
    public var damage: SessionStoreError?
}

/// The append-only `events.jsonl` of one session: a header line, then one record per line.
/// Every append is written and fsynced before the caller applies the event.
public final class SessionLog: @unchecked Sendable {
    /// Longest line the reader accepts (a longer one is damage, not a crash).
    public static let maxLineBytes = 16 << 20

    public let path: String
    private let fd: Int32
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
    public func append(_ record: SessionRecord) throws {
        try writeLine(try encoder.encode(record))
    }

    private func writeLine(_ json: Data) throws {
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
        guard fsync(fd) == 0 else { throw SessionStoreError.io(String(cString: strerror(errno))) }
    }

    /// Reads a whole log. A torn last line is dropped (and cut from the file when
    /// `repair` is set); a damaged line in the middle stops the replay there.
    public static func replay(path: String, session: String, repair: Bool) throws -> Replay {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SessionStoreError.notASessionLog(path)
        }
        let decoder = JSONDecoder()
        var lines = Self.lines(of: data)
        var warnings: [String] = []
        // The text after the last newline is a line whose append never finished.
        if let last = lines.last, !last.isEmpty {
            lines.removeLast()
            warnings.append("warning: dropped an unfinished last line of session \(session) (Baton stopped while writing it)")
            if repair {
                let fd = open(path, O_WRONLY | O_CLOEXEC)
                if fd >= 0 {
                    ftruncate(fd, off_t(data.count - last.count))
                    fsync(fd)
                    close(fd)
                }
            }
        } else if lines.last?.isEmpty == true {
            lines.removeLast()
        }
        guard let first = lines.first, first.count < maxLineBytes,
            let header = try? decoder.decode(SessionLogHeader.self, from: Data(first)),
            header.baton == "session"
        else {
            throw SessionStoreError.notASessionLog(path)
        }
        if header.schema > SessionLogHeader.currentSchema { throw SessionStoreError.newerSchema(header.schema) }
        let decoded = decodeRecords(lines)
        var records: [SessionRecord] = []
        records.reserveCapacity(lines.count)
        var damage: SessionStoreError?
        for (i, line) in lines.enumerated().dropFirst() {
            if line.isEmpty { continue }
            guard line.count <= maxLineBytes, let record = decoded[i] else {
                let reason = line.count > maxLineBytes ? "line longer than 16 MiB" : "not a session event"
                damage = .corrupt(session: session, line: i + 1, reason: reason)
                warnings.append("warning: " + damage!.description)
                break
            }
            records.append(record)
        }
        return Replay(header: header, records: records, warnings: warnings, damage: damage)
    }

    /// `data.split(separator: 0x0A, omittingEmptySubsequences: false)`, with `memchr`
    /// (Data's generic split was a third of a resume).
    static func lines(of data: Data) -> [Data.SubSequence] {
        var ranges: [Range<Int>] = []
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else {
                ranges.append(0..<0)
                return
            }
            var start = 0
            while true {
                if start < raw.count, let hit = memchr(base + start, 0x0A, raw.count - start) {
                    let end = base.distance(to: UnsafeRawPointer(hit))
                    ranges.append(start..<end)
                    start = end + 1
                } else {
                    ranges.append(start..<raw.count)
                    return
                }
            }
        }
        let offset = data.startIndex
        return ranges.map { data[(offset + $0.lowerBound)..<(offset + $0.upperBound)] }
    }

    /// Decodes every line but the header, in chunks on all cores (JSON decoding is most of a
    /// resume). nil for a line that is not a record (or is too long).
    private static func decodeRecords(_ lines: [Data.SubSequence]) -> [SessionRecord?] {
        let count = lines.count
        let chunk = 4096
        let chunks = (count + chunk - 1) / chunk
        let results = UnsafeMutableBufferPointer<SessionRecord?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let reader = SessionRecordReader()
            for i in max(1, c * chunk)..<min(count, (c + 1) * chunk) {
                let line = lines[i]
                guard !line.isEmpty, line.count <= maxLineBytes else { continue }
                out[i] = reader.record(line)
            }
        }
        return Array(results)
    }
}
