import BatonCore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonRuntime

/// Seeded, reproducible damage to a real session log: `SessionLog.replay` reads every
/// mutated file without crashing, never returns more than was written, names the line
/// where damage stopped it, and a repaired file ends at a line boundary.
@Suite struct SessionLogFuzzTests {
    static func sampleEvents() -> [SessionEvent] {
        let task = PlanTask(
            id: "T1", title: "Core \u{1B}[2J", detail: "x\ny", kind: .code, scope: ["src/"],
            route: "codex", acceptance: ["works"])
        return [
            .missionSet(text: "Add CSV export — ünïcødé 🙂"),
            .planProposed(planner: "claude", tasks: [task], costUSD: 0.02, note: nil),
            .planApproved(integrationBranch: "baton/s-1/main", baseCommit: "abc"),
            .workspaceCreated(task: "T1", worktree: "/tmp/w/T1", branch: "baton/s-1/T1", baseCommit: "abc"),
            .turnStarted(task: "T1", turn: 1, agent: "codex", pid: 42, pidStartTime: 99, streamFile: "/tmp/T1-1.jsonl"),
            .taskActivity(task: "T1", text: "editing a.txt"),
            .runInterrupted(task: "T1", reason: "Baton stopped"),
            .decisionAnswered(id: "D1", answer: "CSV"),
            .taskMerged(task: "T1", commit: "def"),
        ]
    }

    @Test func tenThousandDamagedLogsNeverCrashReplay() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-logfuzz-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = dir + "/original.jsonl"
        let log = try SessionLog.create(at: original, header: SessionLogHeader(session: "s-f022", created: 1, repository: "/r"))
        let events = Self.sampleEvents()
        for (i, e) in events.enumerated() { try log.append(SessionRecord(seq: i + 1, at: Double(i), event: e)) }
        let clean = try #require(FileManager.default.contents(atPath: original))
        #expect(try SessionLog.replay(path: original, session: "s-f022", repair: false).records.count == events.count)

        var rng = SeededRandom(seed: 0x1065)
        let path = dir + "/events.jsonl"
        var damaged = 0
        var torn = 0
        for i in 0..<10_000 {
            let bytes = i % 10 == 0 ? Self.randomBytes(&rng) : Self.mutate(clean, &rng)
            _ = FileManager.default.createFile(atPath: path, contents: bytes)
            let repair = i % 20 == 0
            do {
                let replay = try SessionLog.replay(path: path, session: "s-f022", repair: repair)
                #expect(replay.records.count <= bytes.split(separator: 0x0A).count)
                if let damage = replay.damage {
                    damaged += 1
                    guard case .corrupt(_, let line, _) = damage else {
                        Issue.record("unexpected damage \(damage)")
                        continue
                    }
                    #expect(line >= 2)
                    #expect(replay.warnings.contains { $0.contains("damaged at line \(line)") })
                }
                if replay.warnings.contains(where: { $0.contains("unfinished last line") }) { torn += 1 }
                if repair {
                    // The repaired file ends at a line boundary and replays the same records.
                    let again = try SessionLog.replay(path: path, session: "s-f022", repair: false)
                    #expect(again.records == replay.records)
                    #expect(!again.warnings.contains { $0.contains("unfinished last line") })
                }
            } catch let error as SessionStoreError {
                switch error {
                case .notASessionLog, .newerSchema: break
                default: Issue.record("replay threw \(error)")
                }
            }
        }
        #expect(damaged > 100 && torn > 100, "the mutations reach both kinds of damage: \(damaged) damaged, \(torn) torn")
    }

    static func randomBytes(_ rng: inout SeededRandom) -> Data {
        let pool: [UInt8] = [0x0A, 0x7B, 0x7D, 0x22, 0x3A, 0x2C, 0x00, 0xFF, 0x5C, 0x61]
        return Data(
            (0..<Int(rng.next() % 400)).map { _ in
                rng.next() % 2 == 0 ? pool[Int(rng.next() % UInt64(pool.count))] : UInt8(truncatingIfNeeded: rng.next())
            })
    }

    /// Flips, cuts, drops, duplicates or inserts newlines at a few random places.
    static func mutate(_ data: Data, _ rng: inout SeededRandom) -> Data {
        var bytes = [UInt8](data)
        for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
            let at = Int(rng.next() % UInt64(bytes.count))
            switch rng.next() % 6 {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: bytes.removeSubrange(at...)
            case 2: bytes.remove(at: at)
            case 3: bytes.insert(contentsOf: Array(bytes[at...].prefix(Int(rng.next() % 200))), at: at)
            case 4: bytes.insert(0x0A, at: at)
            default: bytes[at] = [0x22, 0x7B, 0x7D, 0x5C, 0x0A][Int(rng.next() % 5)]
            }
        }
        return Data(bytes)
    }
}
