import BatonCore
import BatonRuntime
import Foundation
import Testing

@testable import BatonREPL

/// Many agents at once: activity lines become one summary line a second; everything else
/// (checkpoints, failures, warnings) is shown as it comes.
@Suite struct ActivityDigestTests {
    /// A state with `running` tasks running.
    private func state(running: Int) -> SessionState {
        var state = SessionState(id: "s-d1")
        state.phase = .running
        for i in 1...max(1, running) {
            var p = TaskProgress()
            p.status = i <= running ? .running : .planned
            state.progress["T\(i)"] = p
        }
        return state
    }

    private func update(_ event: SessionEvent, _ state: SessionState) -> SessionUpdate {
        SessionUpdate(record: SessionRecord(seq: 1, at: 0, event: event), previous: state, state: state, effects: [])
    }

    @Test func manyRunningAgentsGiveOneSummaryLineASecond() {
        let digest = ActivityDigest()
        let many = state(running: 20)
        let texts = ["editing a.swift", "running tests", "reading b.swift", "editing c.swift", "I'll add the form next"]
        var shown: [[String]] = []
        for (i, text) in texts.enumerated() {
            let task = "T\(i + 1)"
            shown.append(
                digest.lines(
                    for: update(.taskActivity(task: task, text: text), many), rendered: ["[\(task)] \(text)"], now: 100 + Double(i) * 0.1))
        }
        // The first line opens the first second; the rest wait for the next one.
        #expect(shown[0] == ["1 agent editing"])
        #expect(shown[1...].allSatisfy { $0.isEmpty })
        let next = digest.lines(for: update(.taskActivity(task: "T6", text: "editing d.swift"), many), rendered: ["x"], now: 101.2)
        #expect(next == ["2 agents editing · 1 reading · 1 running tests · 1 working"])
    }

    @Test func checkpointsFailuresAndWarningsAreNeverCondensed() {
        let digest = ActivityDigest()
        let many = state(running: 20)
        _ = digest.lines(for: update(.taskActivity(task: "T1", text: "editing a"), many), rendered: ["a"], now: 5)
        let failure = digest.lines(for: update(.taskFailed(task: "T2", reason: "boom"), many), rendered: ["[T2] failed · boom"], now: 5.1)
        #expect(failure == ["[T2] failed · boom"])
        let warning = digest.lines(
            for: update(.taskActivity(task: "T3", text: "warning: rate limited"), many), rendered: ["[T3] warning: rate limited"],
            now: 5.2)
        #expect(warning == ["[T3] warning: rate limited"])
        let report = CheckpointReport(kind: .done, summary: "done")
        let checkpoint = digest.lines(
            for: update(
                .checkpointRecorded(task: "T4", checkpoint: Checkpoint(number: 1, turn: 1, report: report, commit: nil, stat: DiffStat())),
                many),
            rendered: ["[T4] checkpoint 1 · done"], now: 5.3)
        #expect(checkpoint == ["[T4] checkpoint 1 · done"])
    }

    @Test func aFewAgentsKeepTheirOwnLines() {
        let digest = ActivityDigest()
        let few = state(running: ActivityDigest.threshold)
        for i in 0..<5 {
            let lines = digest.lines(
                for: update(.taskActivity(task: "T1", text: "editing a"), few), rendered: ["[T1] editing a"], now: Double(i) * 0.01)
            #expect(lines == ["[T1] editing a"])
        }
    }
}
