import BatonCore
import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// What replaying a log found.
public struct Replay: Sendable {
    public var header: SessionLogHeader
    /// The snapshot the replay started from (nil: from the first record). `records` are the
    /// ones after it.
    public var snapshot: SessionSnapshot?
    public var records: [SessionRecord]
    /// For each record, the offset in the file just after its line (what a snapshot of the
    /// state after it would cover).
    public var offsets: [Int]
    /// One line each: an ignored snapshot, a dropped torn line, a damaged line.
    public var warnings: [String]
    /// Set when a damaged line stopped the replay: the session must not be written to.
    public var damage: SessionStoreError?

    /// The state after every record: the snapshot's (or a fresh one) reduced over `records`.
    public func state(session: String) -> SessionState {
        var state = initialState(session: session)
        for r in records { _ = reduce(into: &state, r.event, at: r.at) }
        return state
    }

    /// Where reducing `records` starts: the snapshot's state, or an empty session.
    public func initialState(session: String) -> SessionState {
        if let snapshot { return snapshot.state }
        var state = SessionState(id: session)
        state.createdAt = header.created
        return state
    }
}

extension SessionLog {
    /// Reads a log: every record, or with `snapshot` only the ones after the offset it
    /// covers (a snapshot that does not fit the log is ignored, with one warning, and the
    /// whole log is read). A torn last line is dropped (and cut from the file when `repair`
    /// is set); a damaged line in the middle stops the replay there.
    public static func replay(path: String, session: String, repair: Bool, snapshot: SessionSnapshot? = nil) throws -> Replay {
        guard let file = FileHandle(forReadingAtPath: path) else { throw SessionStoreError.notASessionLog(path) }
        defer { try? file.close() }
        let fileSize = Int((try? file.seekToEnd()) ?? 0)
        guard let (header, headerEnd) = readHeader(file) else { throw SessionStoreError.notASessionLog(path) }
        if header.schema > SessionLogHeader.currentSchema { throw SessionStoreError.newerSchema(header.schema) }
        var warnings: [String] = []
        var base: SessionSnapshot?
        if let snapshot {
            if let why = snapshot.mismatch(file: file, fileSize: fileSize, headerEnd: headerEnd) {
                warnings.append(SessionSnapshot.ignoredWarning(session: session, reason: why))
            } else {
                base = snapshot
            }
        }
        let start = base?.offset ?? headerEnd
        try? file.seek(toOffset: UInt64(start))
        let body = (try? file.readToEnd()) ?? Data()
        var lines = Self.lines(of: body)
        // The text after the last newline is a line whose append never finished.
        if let last = lines.last, !last.isEmpty {
            lines.removeLast()
            warnings.append("warning: dropped an unfinished last line of session \(session) (Baton stopped while writing it)")
            if repair {
                let fd = open(path, O_WRONLY | O_CLOEXEC)
                if fd >= 0 {
                    ftruncate(fd, off_t(start + body.count - last.count))
                    fsync(fd)
                    close(fd)
                }
            }
        } else if lines.last?.isEmpty == true {
            lines.removeLast()
        }
        // File line number of `lines[0]`: the header is line 1, record n is line n + 1.
        let firstLine = (base?.seq ?? 0) + 2
        let decoded = decodeRecords(lines)
        var records: [SessionRecord] = []
        var offsets: [Int] = []
        records.reserveCapacity(lines.count)
        offsets.reserveCapacity(lines.count)
        var damage: SessionStoreError?
        for (i, line) in lines.enumerated() {
            if line.isEmpty { continue }
            guard line.count <= maxLineBytes, let record = decoded[i] else {
                let reason = line.count > maxLineBytes ? "line longer than 16 MiB" : "not a session event"
                damage = .corrupt(session: session, line: firstLine + i, reason: reason)
                warnings.append("warning: " + damage!.description)
                break
            }
            records.append(record)
            offsets.append(start + (line.endIndex - body.startIndex) + 1)
        }
        return Replay(header: header, snapshot: base, records: records, offsets: offsets, warnings: warnings, damage: damage)
    }

    /// The header (line 1) and the offset just after it; nil when line 1 is not a header.
    private static func readHeader(_ file: FileHandle) -> (SessionLogHeader, Int)? {
        var data = Data()
        try? file.seek(toOffset: 0)
        while data.count < maxLineBytes {
            guard let chunk = try? file.read(upToCount: 64 << 10), !chunk.isEmpty else { return nil }
            let searchFrom = data.count
            data.append(chunk)
            if let newline = data[searchFrom...].firstIndex(of: 0x0A) {
                guard let header = try? JSONDecoder().decode(SessionLogHeader.self, from: data[..<newline]),
                    header.baton == "session"
                else { return nil }
                return (header, newline + 1)
            }
        }
        return nil
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

    /// Decodes every line, in chunks on all cores (JSON decoding is most of a resume). nil
    /// for a line that is not a record (or is too long).
    private static func decodeRecords(_ lines: [Data.SubSequence]) -> [SessionRecord?] {
        let count = lines.count
        // A resume's tail (a few thousand lines) is split too, so that every core decodes.
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = min(4096, max(256, count / (4 * cores)))
        let chunks = (count + chunk - 1) / chunk
        let results = UnsafeMutableBufferPointer<SessionRecord?>.allocate(capacity: max(1, count))
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let reader = SessionRecordReader()
            for i in (c * chunk)..<min(count, (c + 1) * chunk) {
                let line = lines[i]
                guard !line.isEmpty, line.count <= maxLineBytes else { continue }
                out[i] = reader.record(line)
            }
        }
        return Array(results.prefix(count))
    }
}
