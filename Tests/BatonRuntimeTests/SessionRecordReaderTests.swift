import BatonCore
import Foundation
import Testing

@testable import BatonRuntime

/// The replay fast path (`SessionRecordReader`) must give exactly what `JSONDecoder` gives,
/// line for line, and leave torn and damaged lines to the replay's usual handling.
@Suite struct SessionRecordReaderTests {
    private func viaDecoder(_ line: String) -> SessionRecord? {
        try? JSONDecoder().decode(SessionRecord.self, from: Data(line.utf8))
    }

    private func viaReader(_ line: String) -> SessionRecord? {
        let data = Data(line.utf8)
        return SessionRecordReader().record(data[...])
    }

    @Test func everyEventKindReadsAsJSONDecoderReadsIt() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for (i, event) in everyEvent.enumerated() {
            let record = SessionRecord(seq: i + 1, at: 1_700_000_000.25 + Double(i), event: event)
            let line = String(decoding: try encoder.encode(record), as: UTF8.self)
            #expect(viaReader(line) == record, "\(line)")
            #expect(viaReader(line) == viaDecoder(line), "\(line)")
        }
    }

    @Test func activityAndUserLinesOfEveryShapeMatchJSONDecoder() {
        let lines = [
            #"{"at":1,"event":{"taskActivity":{"task":"T1","text":"reading a.swift"}},"seq":1}"#,
            #"{"seq":2,"event":{"userSaid":{"text":"hello"}},"at":2.5}"#,
            #" { "at" : 3 , "event" : { "taskActivity" : { "text" : "x" , "task" : "T2" } } , "seq" : 3 } "#,
            #"{"at":4,"event":{"taskActivity":{"task":"T1","text":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \n\t"}},"seq":4}"#,
            #"{"at":5,"event":{"userSaid":{"text":"naïve — 日本語 😀"}},"seq":5}"#,
            #"{"at":6,"event":{"userSaid":{"text":""}},"seq":6}"#,
            #"{"at":1.7e9,"event":{"userSaid":{"text":"exponent"}},"seq":7}"#,
            #"{"at":-0.5,"event":{"userSaid":{"text":"negative"}},"seq":8}"#,
            // Shapes the fast path declines; JSONDecoder decides.
            #"{"at":9,"event":{"taskActivity":{"task":"T1","text":"x","extra":1}},"seq":9}"#,
            #"{"at":10,"event":{"userSaid":{"text":"x"}},"seq":10,"more":true}"#,
            #"{"at":11,"event":{"userSaid":{"text":"x"}},"seq":11.0}"#,
            #"{"at":"12","event":{"userSaid":{"text":"x"}},"seq":12}"#,
            #"{"at":13,"event":{"userSaid":{"text":7}},"seq":13}"#,
            #"{"at":14,"event":{"userSaid":{}},"seq":14}"#,
            #"{"at":15,"event":{"taskActivity":{"task":"T1"}},"seq":15}"#,
            #"{"at":16,"event":{"userSaid":{"text":"a"},"noteRecorded":{"text":"b"}},"seq":16}"#,
            #"{"at":17,"event":{"teleported":{"to":"mars"}},"seq":17}"#,
            #"{"at":18,"event":{"userSaid":{"text":"x"}}}"#,
            #"{"at":19,"event":{"userSaid":{"text":"x"}},"seq":19"#,
            #"{"at":20,"event":{"userSaid":{"text":"x"}},"seq":20}}"#,
            #"{"at":21,"event":{"userSaid":{"text":"x"}},"seq":9223372036854775808}"#,
            #"{"at":22,"event":{"noteRecorded":{"text":"not a fast-path kind"}},"seq":22}"#,
            #"{"at":1e400,"event":{"userSaid":{"text":"huge time"}},"seq":23}"#,
            #"{"at":24,"event":{"userSaid":{"text":"lone \ud800 surrogate"}},"seq":24}"#,
            "this is not json",
            "",
        ]
        for line in lines {
            #expect(viaReader(line) == viaDecoder(line), "\(line)")
        }
        #expect(viaReader(lines[0]) == SessionRecord(seq: 1, at: 1, event: .taskActivity(task: "T1", text: "reading a.swift")))
        #expect(viaReader(lines[3])?.event == .taskActivity(task: "T1", text: "café 😀 \"q\" \\ / \n\t"))
    }

    @Test func aTornActivityLineIsDroppedAndACorruptOneStopsTheReplay() throws {
        let tmp = TempSessions()
        try tmp.make("s-0001", events: [.missionSet(text: "m"), .taskActivity(task: "T1", text: "a")])
        try tmp.appendRaw("s-0001", #"{"at":3,"event":{"taskActivity":{"task":"T1","text":"b"}},"seq":3}"# + "\n")
        try tmp.appendRaw("s-0001", #"{"at":4,"event":{"taskActivity":{"task":"T1","te"#)
        let torn = try SessionLog.replay(path: tmp.eventsPath("s-0001"), session: "s-0001", repair: false)
        #expect(
            torn.records.map(\.event) == [
                .missionSet(text: "m"), .taskActivity(task: "T1", text: "a"), .taskActivity(task: "T1", text: "b"),
            ])
        #expect(torn.damage == nil && torn.warnings.count == 1)

        try tmp.make("s-0002", events: [.missionSet(text: "m"), .taskActivity(task: "T1", text: "a")])
        try tmp.appendRaw("s-0002", #"{"at":3,"event":{"taskActivity":{"task":"T1","text":"b"},"seq":3}"# + "\n")
        try tmp.appendRaw("s-0002", #"{"at":4,"event":{"userSaid":{"text":"after"}},"seq":4}"# + "\n")
        let corrupt = try SessionLog.replay(path: tmp.eventsPath("s-0002"), session: "s-0002", repair: false)
        #expect(corrupt.records.map(\.seq) == [1, 2], "replayed up to the damage")
        #expect(corrupt.damage == .corrupt(session: "s-0002", line: 4, reason: "not a session event"))
    }
}
