import BatonCore
import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// One line of `/sessions`.
public struct SessionSummary: Sendable {
    public var id: String
    public var created: Double
    public var lastEvent: Double
    public var state: SessionState
    public var damaged: Bool
}

/// A session opened for use: its lock, its log, and what replay found.
public final class OpenSession: @unchecked Sendable {
    public let id: String
    public let directory: String
    public let header: SessionLogHeader
    /// The snapshot replay started from (nil: from the first record); `records` follow it.
    public let snapshot: SessionSnapshot?
    public let records: [SessionRecord]
    /// For each record, the log offset just after it (see `Replay.offsets`).
    public let offsets: [Int]
    public let warnings: [String]
    /// nil when the session is damaged: it can be read, not written.
    public let log: SessionLog?
    public let damage: SessionStoreError?
    let lock: SessionLock

    init(
        id: String, directory: String, header: SessionLogHeader, snapshot: SessionSnapshot? = nil, records: [SessionRecord],
        offsets: [Int] = [], warnings: [String], log: SessionLog?, damage: SessionStoreError?, lock: SessionLock
    ) {
        self.id = id
        self.directory = directory
        self.header = header
        self.snapshot = snapshot
        self.records = records
        self.offsets = offsets
        self.warnings = warnings
        self.log = log
        self.damage = damage
        self.lock = lock
    }
}

/// The sessions of a repository: `<dir>/<id>/events.jsonl`, directories 0700, files 0600.
public struct SessionStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `--sessions-dir`, else `$BATON_SESSIONS`, else `<repo>/.baton/Sessions`.
    public static func directory(repositoryRoot: String, override: String?, environment: [String: String]) -> String {
        if let o = override, !o.isEmpty { return o }
        if let e = environment["BATON_SESSIONS"], !e.isEmpty { return e }
        return repositoryRoot + "/.baton/Sessions"
    }

    public func sessionDirectory(_ id: String) -> String { directory + "/" + id }

    /// Ids of every session on disk, oldest first by creation.
    public func ids() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("s-") && FileManager.default.fileExists(atPath: directory + "/" + $0 + "/events.jsonl") }
            .sorted()
    }

    /// A fresh id: `s-` + 4 hex digits, unused here.
    public func newID() -> String {
        let existing = Set(ids())
        while true {
            let id = "s-" + String(format: "%04x", UInt16.random(in: .min ... .max))
            if !existing.contains(id) { return id }
        }
    }

    /// Creates and opens a new session.
    public func create(repository: String, now: Double) throws -> OpenSession {
        try makeDirectory(directory)
        let id = newID()
        let dir = sessionDirectory(id)
        try makeDirectory(dir)
        let lock = try SessionLock(directory: dir, session: id)
        let header = SessionLogHeader(session: id, created: now, repository: repository)
        let log = try SessionLog.create(at: dir + "/events.jsonl", header: header)
        return OpenSession(id: id, directory: dir, header: header, records: [], warnings: [], log: log, damage: nil, lock: lock)
    }

    /// Opens a session by id or unique prefix, taking its lock: its newest usable snapshot
    /// and the records after it.
    public func open(_ idOrPrefix: String) throws -> OpenSession {
        let id = try resolve(idOrPrefix)
        let dir = sessionDirectory(id)
        let lock = try SessionLock(directory: dir, session: id)
        removeUnfinishedSnapshots(in: dir)
        let path = dir + "/events.jsonl"
        let replay = try Self.replay(directory: dir, session: id, repair: true)
        let log = replay.damage == nil ? try SessionLog.openForAppend(at: path) : nil
        return OpenSession(
            id: id, directory: dir, header: replay.header, snapshot: replay.snapshot, records: replay.records,
            offsets: replay.offsets, warnings: replay.warnings, log: log, damage: replay.damage, lock: lock)
    }

    /// The log of the session in `directory`, from its snapshot when it has a usable one.
    static func replay(directory: String, session: String, repair: Bool) throws -> Replay {
        let (snapshot, warning) = SessionSnapshot.load(directory: directory, session: session)
        var replay = try SessionLog.replay(path: directory + "/events.jsonl", session: session, repair: repair, snapshot: snapshot)
        if let warning { replay.warnings.insert(warning, at: 0) }
        return replay
    }

    /// Temporary files of snapshot writes a crash interrupted (only the lock holder may).
    private func removeUnfinishedSnapshots(in dir: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        for name in names where name.hasPrefix(SessionSnapshot.fileName + ".tmp-") {
            try? FileManager.default.removeItem(atPath: dir + "/" + name)
        }
    }

    /// The full id for a prefix (`s-7f`, `7f3a`), or an error listing what exists.
    public func resolve(_ idOrPrefix: String) throws -> String {
        let all = ids()
        if all.contains(idOrPrefix) { return idOrPrefix }
        let wanted = idOrPrefix.hasPrefix("s-") ? idOrPrefix : "s-" + idOrPrefix
        let matches = all.filter { $0.hasPrefix(wanted) }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty { throw SessionStoreError.notFound(idOrPrefix, known: all) }
        throw SessionStoreError.ambiguous(idOrPrefix, matches: matches)
    }

    /// Every session, replayed read-only (no lock), newest activity first.
    public func summaries() -> [SessionSummary] {
        ids().compactMap(summary).sorted { $0.lastEvent > $1.lastEvent }
    }

    /// The session written to last (only it is replayed: cheap at start-up).
    public func latest() -> SessionSummary? {
        let newest = ids().max { modified($0) < modified($1) }
        return newest.flatMap(summary)
    }

    private func modified(_ id: String) -> Date {
        let attributes = try? FileManager.default.attributesOfItem(atPath: sessionDirectory(id) + "/events.jsonl")
        return attributes?[.modificationDate] as? Date ?? .distantPast
    }

    /// A session by id or unique prefix, replayed read-only without its lock: another Baton
    /// may have it open (`baton status`).
    public func read(_ idOrPrefix: String) throws -> SessionSummary {
        try read(id: resolve(idOrPrefix))
    }

    private func summary(_ id: String) -> SessionSummary? { try? read(id: id) }

    private func read(id: String) throws -> SessionSummary {
        let replay = try Self.replay(directory: sessionDirectory(id), session: id, repair: false)
        let state = replay.state(session: id)
        return SessionSummary(
            id: id, created: replay.header.created,
            lastEvent: replay.records.last?.at ?? replay.snapshot?.state.lastEventAt ?? replay.header.created,
            state: state, damaged: replay.damage != nil)
    }

    private func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SessionStoreError.io("cannot create \(path)")
        }
    }
}
