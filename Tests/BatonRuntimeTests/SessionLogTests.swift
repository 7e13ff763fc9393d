import BatonCore
import BatonRuntime
import Foundation
import Testing

/// The log file: its format, durability rules, torn and damaged lines, schema versions.
@Suite struct SessionLogTests {
    @Test func headerLineThenOneRecordPerLineAndEveryEventRoundTrips() throws {
        let tmp = TempSessions()
        let session = try tmp.store.create(repository: "/some/repo", now: 1_700_000_000)
        let log = try #require(session.log)
        for (i, e) in everyEvent.enumerated() { try log.append(SessionRecord(seq: i + 1, at: 1_700_000_000 + Double(i), event: e)) }

        let lines = tmp.lines(session.id)
        #expect(lines.count == everyEvent.count + 2, "header + one line per event + the empty text after the final newline")
        #expect(lines.last == "")
        let header = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(header?["baton"] as? String == "session" && header?["schema"] as? Int == 1)
        #expect(header?["session"] as? String == session.id && header?["repository"] as? String == "/some/repo")
        #expect(header?["created"] as? Double == 1_700_000_000)
        let first = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(Set(first?.keys.map { $0 } ?? []) == ["seq", "at", "event"])
        #expect((first?["event"] as? [String: Any])?["missionSet"] != nil, "events are {\"caseName\":{labels}}")

        let replay = try SessionLog.replay(path: tmp.eventsPath(session.id), session: session.id, repair: false)
        #expect(replay.records.map(\.event) == everyEvent)
        #expect(replay.records.map(\.seq) == Array(1...everyEvent.count))
        #expect(replay.warnings.isEmpty && replay.damage == nil)
        #expect(replay.header == SessionLogHeader(session: session.id, created: 1_700_000_000, repository: "/some/repo"))
    }

    @Test func filesArePrivate() throws {
        let tmp = TempSessions()
        let session = try tmp.store.create(repository: "/r", now: 1)
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
        }
        #expect(try mode(tmp.store.directory) == 0o700)
        #expect(try mode(session.directory) == 0o700)
        #expect(try mode(tmp.eventsPath(session.id)) == 0o600)
        #expect(try mode(session.directory + "/lock") == 0o600)
    }

    @Test func tornLastLineIsDroppedWithOneWarningAndCutFromTheFile() throws {
        let tmp = TempSessions()
        let id: String
        do {
            let session = try tmp.store.create(repository: "/r", now: 1)
            id = session.id
            for i in 1...3 { try session.log?.append(SessionRecord(seq: i, at: Double(i), event: .noteRecorded(text: "n\(i)"))) }
        }
        let clean = tmp.bytes(id)
        try tmp.appendRaw(id, #"{"at":4,"event":{"noteRecorded":{"text":"half"#)

        let session = try tmp.store.open(id)
        #expect(session.records.map(\.seq) == [1, 2, 3])
        #expect(session.warnings.count == 1)
        #expect(session.warnings.first?.contains("dropped an unfinished last line of session \(id)") == true)
        #expect(!(session.warnings.first?.contains("\n") ?? true))
        #expect(session.damage == nil && session.log != nil)
        #expect(tmp.bytes(id) == clean, "the torn bytes are cut from the file")

        // A later append lands on a clean line of its own.
        try session.log?.append(SessionRecord(seq: 4, at: 4, event: .noteRecorded(text: "n4")))
        let replay = try SessionLog.replay(path: tmp.eventsPath(id), session: id, repair: false)
        #expect(replay.records.map(\.seq) == [1, 2, 3, 4] && replay.warnings.isEmpty)
    }

    @Test func tornLineIsNotCutWithoutRepair() throws {
        let tmp = TempSessions()
        try tmp.make("s-0001", events: [.noteRecorded(text: "a")])
        try tmp.appendRaw("s-0001", "{\"seq\":2")
        let before = tmp.bytes("s-0001")
        let replay = try SessionLog.replay(path: tmp.eventsPath("s-0001"), session: "s-0001", repair: false)
        #expect(replay.records.count == 1 && replay.warnings.count == 1)
        #expect(tmp.bytes("s-0001") == before, "reading for /sessions never writes")
    }

    @Test func corruptLineInTheMiddleOpensReadOnlyUpToIt() throws {
        let tmp = TempSessions()
        try tmp.make("s-0002", events: [.missionSet(text: "m"), .noteRecorded(text: "a")])
        try tmp.appendRaw("s-0002", "this is not json\n")
        try tmp.appendRaw("s-0002", #"{"seq":4,"at":4,"event":{"noteRecorded":{"text":"after"}}}"# + "\n")

        let session = try tmp.store.open("s-0002")
        #expect(session.records.map(\.seq) == [1, 2], "replayed up to the damage")
        #expect(session.damage == .corrupt(session: "s-0002", line: 4, reason: "not a session event"))
        #expect(session.log == nil)
        #expect(session.warnings.count == 1)
        #expect(session.warnings.first?.contains("damaged at line 4") == true)
        #expect(session.warnings.first?.contains("read-only") == true)
    }

    @Test func anUnknownEventIsDamageNotACrash() throws {
        let tmp = TempSessions()
        try tmp.make("s-0003", events: [.missionSet(text: "m")])
        try tmp.appendRaw("s-0003", #"{"seq":2,"at":2,"event":{"teleported":{"to":"mars"}}}"# + "\n")
        try tmp.appendRaw("s-0003", #"{"seq":3,"at":3,"event":{"noteRecorded":{}}}"# + "\n")
        let replay = try SessionLog.replay(path: tmp.eventsPath("s-0003"), session: "s-0003", repair: false)
        #expect(replay.records.count == 1)
        #expect(replay.damage == .corrupt(session: "s-0003", line: 3, reason: "not a session event"))
    }

    @Test func aLogFromANewerSchemaIsRefused() throws {
        let tmp = TempSessions()
        let dir = tmp.store.sessionDirectory("s-0004")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = try SessionLog.create(
            at: dir + "/events.jsonl", header: SessionLogHeader(session: "s-0004", created: 1, repository: "/r", schema: 2))
        #expect(throws: SessionStoreError.newerSchema(2)) { try tmp.store.open("s-0004") }
        #expect(
            SessionStoreError.newerSchema(2).description == "this session was written by a newer Baton (schema 2) — update baton to open it"
        )
        // Refused, yet not left locked.
        #expect(throws: SessionStoreError.newerSchema(2)) { try tmp.store.open("s-0004") }
    }

    @Test func aFileThatIsNotASessionLogIsRefused() throws {
        let tmp = TempSessions()
        let dir = tmp.store.sessionDirectory("s-0005")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "hello\n".write(toFile: dir + "/events.jsonl", atomically: true, encoding: .utf8)
        #expect(throws: SessionStoreError.notASessionLog(dir + "/events.jsonl")) { try tmp.store.open("s-0005") }
    }

    @Test func aNewLogIsNeverCreatedOverAnOldOne() throws {
        let tmp = TempSessions()
        try tmp.make("s-0006", events: [.noteRecorded(text: "keep me")])
        #expect(throws: SessionStoreError.self) {
            _ = try SessionLog.create(
                at: tmp.eventsPath("s-0006"), header: SessionLogHeader(session: "s-0006", created: 2, repository: "/r"))
        }
        #expect(tmp.lines("s-0006").count == 3)
    }
}
