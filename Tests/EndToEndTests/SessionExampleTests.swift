import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// `Sessions/example/events.jsonl` (a real session, recorded with the stand-in agents and
/// the offline planner) replays through `reduce` to the session it was.
@Suite struct SessionExampleTests {
    static let path = Products.packageRoot.appendingPathComponent("Sessions/example/events.jsonl").path

    func load() throws -> (SessionLogHeader, [SessionRecord]) {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        #expect(text.hasSuffix("\n"), "every line, the last included, ends with a newline")
        let lines = text.split(separator: "\n")
        let decoder = JSONDecoder()
        let header = try decoder.decode(SessionLogHeader.self, from: Data(lines[0].utf8))
        let records = try lines.dropFirst().map { try decoder.decode(SessionRecord.self, from: Data($0.utf8)) }
        return (header, records)
    }

    @Test func theExampleReplaysToAFinishedMergedSession() throws {
        let (header, records) = try load()
        #expect(header.baton == "session" && header.schema == SessionLogHeader.currentSchema)
        #expect(records.map(\.seq) == Array(1...records.count))
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.at <= $1.at }, "times never go back")

        var state = SessionState(id: header.session)
        for r in records { _ = reduce(into: &state, r.event, at: r.at) }

        #expect(state.phase == .finished && state.summaryFile?.hasSuffix("/PR.md") == true)
        #expect(state.mission == "Add CSV export, then write tests for it; update the README")
        #expect(state.plan.ids == ["T1", "T2", "T3"])
        #expect(state.plan.tasks.allSatisfy { state.status(of: $0.id) == .merged })
        #expect(state.doneCount == 3)
        #expect(state.progress["T1"]?.turn == 2 && state.progress["T1"]?.checkpoints.map(\.report.kind) == [.needsDecision, .done])
        #expect(state.policy.autoMerge)

        #expect(state.decisions.count == 2)
        let d1 = try #require(state.decision("D1"))
        #expect(d1.kind == .question && d1.task == "T1")
        #expect(d1.question == "Quote every field, or only when needed?" && d1.answer == "only when needed")
        let d2 = try #require(state.decision("D2"))
        #expect(d2.kind == .note && d2.answer == "exports are UTF-8")
        #expect(state.openDecisions.isEmpty)
    }

    @Test func theExampleHasEachMainKindOfEvent() throws {
        let (_, records) = try load()
        let kinds = Set(
            records.map { r -> String in
                let json = try? JSONEncoder().encode(r.event)
                let obj = json.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
                return obj?.keys.first ?? "?"
            })
        for k in [
            "missionSet", "planProposed", "planApproved", "workspaceCreated", "turnStarted", "turnFinished",
            "checkpointRecorded", "decisionAnswered", "noteRecorded", "policySet", "taskMerged", "sessionFinished",
        ] {
            #expect(kinds.contains(k), "\(k)")
        }
    }
}
