import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// `baton` killed with SIGKILL while it appends: nothing acknowledged is lost, nothing is
/// doubled, and the session opens again.
@Suite struct SessionCrashTests {
    static let notesPerRound = 40
    static let rounds = 10

    /// The numbers n of every `noted as Dn` printed after `marker` (all output when nil).
    func acknowledged(_ text: String, after marker: String?) -> [Int] {
        var rest = Substring(text)
        if let marker, let r = text.range(of: marker) { rest = text[r.upperBound...] }
        return rest.split(separator: "\n").compactMap { line in
            guard let r = line.range(of: "noted as D") else { return nil }
            return Int(line[r.upperBound...].prefix { $0.isNumber })
        }
    }

    func readLog(_ path: String) throws -> (records: [SessionRecord], tornBytes: Int) {
        let data = try #require(FileManager.default.contents(atPath: path))
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        let torn = lines.last?.count ?? 0
        lines.removeLast()
        let decoder = JSONDecoder()
        _ = try decoder.decode(SessionLogHeader.self, from: Data(lines[0]))
        let records = try lines.dropFirst().map { try decoder.decode(SessionRecord.self, from: Data($0)) }
        return (records, torn)
    }

    @Test func killedWhileAppendingLosesNothingAcknowledged() async throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["BATON_CRASH_SEED"] ?? "") ?? 20_251_125
        var random = SeededRandom(seed: seed)
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo)
        var sent: [[String]] = []
        var highestAck = 0

        for round in 0..<Self.rounds {
            let live = try LiveBaton(round == 0 ? ["--planner", "offline"] : ["resume"], in: repo, environment: env)
            let marker: String?
            if round == 0 {
                live.send("Add CSV export")
                #expect(await live.waitFor("planner (offline) proposes", seconds: 60), "\(live.text)")
                marker = nil
            } else {
                #expect(await live.waitFor("— now —", seconds: 60), "round \(round): \(live.text)")
                marker = "— now —"
            }
            let notes = (1...Self.notesPerRound).map { "r\(round)-n\($0)" }
            sent.append(notes)
            // Kill after a seeded number of acknowledgements, at a seeded moment after it.
            let target = Int.random(in: 1...Self.notesPerRound - 5, using: &random)
            let extra = Int.random(in: 0...3_000, using: &random)
            for note in notes { live.send("/note \(note)") }
            let reached = await poll(seconds: 60, every: .milliseconds(1)) {
                acknowledged(live.text, after: marker).count >= target
            }
            #expect(reached, "round \(round): \(live.text.suffix(600))")
            try? await Task.sleep(for: .microseconds(extra))
            live.kill9()
            let acks = acknowledged(live.text, after: marker)
            // Numbered on from what the log held (a note saved but not acknowledged counts too).
            #expect((acks.first ?? .max) > highestAck, "round \(round)")
            #expect(acks == Array(acks.indices.map { (acks.first ?? 0) + $0 }), "acknowledged in order, once each")
            highestAck = acks.max() ?? highestAck
        }

        // Read the log as it was left by the last kill.
        let id = try #require(repo.sessionIDs.first)
        let path = repo.path + "/.baton/Sessions/\(id)/events.jsonl"
        let (records, _) = try readLog(path)
        #expect(records.map(\.seq) == Array(1...records.count), "no gap, no duplicate")
        let logged: [String] = records.compactMap { if case .noteRecorded(let t) = $0.event { return t } else { return nil } }
        #expect(Set(logged).count == logged.count, "no note twice")
        #expect(logged.count >= highestAck, "every acknowledged note is in the log")
        // Each round's notes are a prefix of what was sent in that round, rounds in order.
        var expected: [String] = []
        for (round, notes) in sent.enumerated() {
            let got = logged.filter { $0.hasPrefix("r\(round)-") }
            #expect(Array(notes.prefix(got.count)) == got, "round \(round)")
            expected += got
        }
        #expect(logged == expected)

        // The session opens again (a torn last line is dropped) and shows every note.
        let result = try Baton.run(["resume"], input: "/decisions\n/quit\n", in: repo, environment: env)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("damaged"))
        let last = try #require(logged.last)
        #expect(result.stdout.split(separator: "\n").contains { $0.contains("D\(logged.count) ") && $0.hasSuffix("Note  \(last)") })
        let after = try readLog(path)
        #expect(after.tornBytes == 0, "the file ends with a whole line")
    }
}
