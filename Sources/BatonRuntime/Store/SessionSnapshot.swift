import BatonCore
import Foundation

/// The reduced state of a session after one record of its log, kept beside the log
/// (`snapshot.json`) so that resume reduces only the records after it. A cache, never the
/// truth: a snapshot that is damaged, of another format, or does not fit the log is ignored
/// (one warning) and the whole log is replayed; deleting it is always safe.
public struct SessionSnapshot: Codable, Equatable, Sendable {
    /// Bumped whenever `SessionState`'s shape or `reduce`'s meaning changes: a snapshot of
    /// another format is ignored.
    public static let currentFormat = 2
    public static let fileName = "snapshot.json"

    /// Always `"snapshot"`.
    public var baton = "snapshot"
    public var format = SessionSnapshot.currentFormat
    public var session: String
    /// The last record the state includes.
    public var seq: Int
    /// Offset in `events.jsonl` just after that record's line: the records after it start here.
    public var offset: Int
    public var state: SessionState

    public init(session: String, seq: Int, offset: Int, state: SessionState) {
        self.session = session
        self.seq = seq
        self.offset = offset
        self.state = state
    }

    /// The snapshot file of the session in `directory`.
    public static func path(directory: String) -> String { directory + "/" + fileName }

    /// Writes the snapshot atomically and durably (temporary file, fsync, rename): a crash
    /// leaves the previous snapshot or this one, never a torn one.
    public func write(directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try PrivateFile.write(try encoder.encode(self), to: Self.path(directory: directory), durable: true)
    }

    /// The session's snapshot, if it has one: nil and no warning when there is none; nil and
    /// one warning when the file is there but cannot be used.
    public static func load(directory: String, session: String) -> (snapshot: SessionSnapshot?, warning: String?) {
        guard let data = FileManager.default.contents(atPath: path(directory: directory)) else { return (nil, nil) }
        // The usual case decodes the file once; only a snapshot that does not decode is read
        // again, for its envelope, to say why it is ignored.
        if let snapshot = try? JSONDecoder().decode(SessionSnapshot.self, from: data), snapshot.baton == "snapshot",
            snapshot.format == currentFormat
        {
            guard snapshot.session == session, snapshot.seq >= 0, snapshot.offset > 0 else {
                return (nil, ignoredWarning(session: session, reason: "it is damaged"))
            }
            return (snapshot, nil)
        }
        struct Envelope: Decodable {
            var baton: String
            var format: Int
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data), envelope.baton == "snapshot" else {
            return (nil, ignoredWarning(session: session, reason: "it is damaged"))
        }
        guard envelope.format == currentFormat else {
            return (nil, ignoredWarning(session: session, reason: "format \(envelope.format), this Baton reads \(currentFormat)"))
        }
        return (nil, ignoredWarning(session: session, reason: "it is damaged"))
    }

    static func ignoredWarning(session: String, reason: String) -> String {
        "warning: ignored the snapshot of session \(session) (\(reason)) — replayed the whole log instead"
    }

    /// Why this snapshot does not fit the log in `file`, or nil when it does: the offset must
    /// fall just after a line within the file, and that line must be record `seq`.
    func mismatch(file: FileHandle, fileSize: Int, headerEnd: Int) -> String? {
        if seq == 0 { return offset == headerEnd ? nil : "it does not match the log" }
        guard offset > headerEnd, offset <= fileSize else { return "it covers more than the log holds" }
        // Read back from the offset to the start of the line that ends there.
        var window = 4096
        while true {
            let from = max(headerEnd, offset - window)
            guard (try? file.seek(toOffset: UInt64(from))) != nil,
                let bytes = try? file.read(upToCount: offset - from), bytes.count == offset - from, bytes.last == 0x0A
            else { return "it does not match the log" }
            let line = bytes.dropLast()
            if let newline = line.lastIndex(of: 0x0A) {
                return Self.record(line[(newline + 1)...], is: seq) ? nil : "it does not match the log"
            }
            if from == headerEnd { return Self.record(line, is: seq) ? nil : "it does not match the log" }
            guard window < SessionLog.maxLineBytes else { return "it does not match the log" }
            window *= 4
        }
    }

    private static func record(_ line: Data.SubSequence, is seq: Int) -> Bool {
        SessionRecordReader().record(line)?.seq == seq
    }
}
