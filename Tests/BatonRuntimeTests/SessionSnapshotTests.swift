import BatonAgents
import BatonCore
import BatonTestSupport
import BatonWorkspace
import Foundation
import Testing

@testable import BatonRuntime

/// Snapshots: resume from the newest usable snapshot plus the records after it gives exactly
/// what replaying the whole log gives; a snapshot that cannot be used is ignored, with one
/// warning, and the log alone decides.
@Suite struct SessionSnapshotTests {
    /// A random session: events drawn from `everyEvent`, spread over three tasks, with
    /// activity lines in between (most of a real log).
    static func randomEvents(_ rng: inout SeededRandom, count: Int) -> [SessionEvent] {
        (0..<count).map { _ in
            let task = "T\(1 + rng.below(3))"
            if rng.below(3) == 0 { return .taskActivity(task: task, text: "editing file\(rng.below(9)).swift") }
            return retargeted(everyEvent[rng.below(everyEvent.count)], task: task)
        }
    }

    private static func retargeted(_ event: SessionEvent, task: String) -> SessionEvent {
        switch event {
        case .taskActivity(_, let text): return .taskActivity(task: task, text: text)
        case .taskMerged(_, let commit): return .taskMerged(task: task, commit: commit)
        case .taskFailed(_, let reason): return .taskFailed(task: task, reason: reason)
        case .guidanceGiven(_, let text): return .guidanceGiven(task: task, text: text)
        case .taskPaused: return .taskPaused(task: task)
        case .taskContinued: return .taskContinued(task: task)
        default: return event
        }
    }

    /// The state after every record of `id`'s log, from the first record.
    static func fullReplay(_ tmp: TempSessions, _ id: String) throws -> SessionState {
        try SessionLog.replay(path: tmp.eventsPath(id), session: id, repair: false).state(session: id)
    }

    @Test func snapshotPlusTailEqualsFullReplayOnSeededRandomSessions() throws {
        for seed in UInt64(1)...12 {
            var rng = SeededRandom(seed: seed)
            let tmp = TempSessions()
            let id = "s-5eed"
            let events = Self.randomEvents(&rng, count: 40 + rng.below(160))
            try tmp.make(id, events: events)
            let whole = try SessionLog.replay(path: tmp.eventsPath(id), session: id, repair: false)
            #expect(whole.records.count == events.count)
            // A snapshot after a random record, as the controller writes it.
            let cut = 1 + rng.below(events.count)
            var state = whole.initialState(session: id)
            for r in whole.records.prefix(cut) { _ = reduce(into: &state, r.event, at: r.at) }
            try SessionSnapshot(session: id, seq: cut, offset: whole.offsets[cut - 1], state: state)
                .write(directory: tmp.store.sessionDirectory(id))

            let opened = try tmp.store.open(id)
            #expect(opened.snapshot?.seq == cut, "seed \(seed)")
            #expect(opened.records.count == events.count - cut, "seed \(seed): only the records after the snapshot are read")
            #expect(opened.warnings.isEmpty, "seed \(seed): \(opened.warnings)")
            let resumed = try SessionStore.replay(directory: opened.directory, session: id, repair: false).state(session: id)
            #expect(resumed == whole.state(session: id), "seed \(seed), snapshot after record \(cut)")
            #expect(tmp.store.summaries().first?.state == whole.state(session: id), "seed \(seed): /sessions reads it too")
        }
    }

    @Test func theControllerWritesLaggingSnapshotsThatResumeToTheSameState() async throws {
        let tmp = TempSessions()
        let context = try Self.context(tmp, interval: 4)
        let live: SessionState
        let id: String
        do {  // the session is closed (its lock released) at the end of this block
            let controller = SessionController(context: context, session: try tmp.store.create(repository: "/r", now: 1))
            var rng = SeededRandom(seed: 42)
            for i in 0..<50 {
                let task = "T\(1 + rng.below(3))"
                let event: SessionEvent =
                    i % 7 == 0
                    ? .policySet(name: "merge", value: i % 2 == 0 ? "auto" : "ask") : .taskActivity(task: task, text: "step \(i)")
                try await controller.record(event)
            }
            await controller.saveSnapshot()
            live = await controller.state
            id = controller.id
        }
        // Every 4 records, the state 4 records earlier: at record 48 the state after 44.
        let (snapshot, warning) = SessionSnapshot.load(directory: tmp.store.sessionDirectory(id), session: id)
        #expect(warning == nil)
        #expect(snapshot?.seq == 44)
        #expect(try Self.fullReplay(tmp, id) == live)

        let opened = try tmp.store.open(id)
        #expect(opened.snapshot?.seq == 44 && opened.records.map(\.seq) == Array(45...50))
        let again = SessionController(context: context, session: opened)
        #expect(await again.state == live)
        #expect(again.transcriptBase.index == 0, "the transcript starts at the first record after the snapshot")
    }

    @Test func aDamagedSnapshotIsIgnoredWithOneWarningAndTheLogDecides() throws {
        let tmp = TempSessions()
        let id = "s-0bad"
        var rng = SeededRandom(seed: 7)
        try tmp.make(id, events: Self.randomEvents(&rng, count: 60))
        let dir = tmp.store.sessionDirectory(id)
        let path = SessionSnapshot.path(directory: dir)
        let truth = try Self.fullReplay(tmp, id)
        let whole = try SessionLog.replay(path: tmp.eventsPath(id), session: id, repair: false)
        let good = SessionSnapshot(session: id, seq: 30, offset: whole.offsets[29], state: SessionState(id: "x"))

        var offBy = good
        offBy.offset += 3
        var beyond = good
        beyond.offset = 1 << 30
        var other = good
        other.format = SessionSnapshot.currentFormat + 1
        let encoder = JSONEncoder()
        let cases: [(String, Data, String)] = [
            ("not JSON", Data("{\"baton\":\"snap".utf8), "it is damaged"),
            ("cut short", try encoder.encode(good).prefix(200), "it is damaged"),
            (
                "another format", try encoder.encode(other),
                "format \(SessionSnapshot.currentFormat + 1), this Baton reads \(SessionSnapshot.currentFormat)"
            ),
            ("offset inside a line", try encoder.encode(offBy), "it does not match the log"),
            ("offset past the end", try encoder.encode(beyond), "it covers more than the log holds"),
        ]
        for (name, bytes, reason) in cases {
            try bytes.write(to: URL(fileURLWithPath: path))
            let opened = try tmp.store.open(id)
            #expect(opened.snapshot == nil, "\(name)")
            #expect(opened.records.count == 60, "\(name): the whole log is replayed")
            #expect(
                opened.warnings == ["warning: ignored the snapshot of session \(id) (\(reason)) — replayed the whole log instead"],
                "\(name)")
            let state = try SessionStore.replay(directory: dir, session: id, repair: false).state(session: id)
            #expect(state == truth, "\(name)")
        }
    }

    @Test func aKillDuringASnapshotWriteLosesNothing() throws {
        let tmp = TempSessions()
        let id = "s-0ki1"
        var rng = SeededRandom(seed: 9)
        let events = Self.randomEvents(&rng, count: 80)
        try tmp.make(id, events: events)
        let dir = tmp.store.sessionDirectory(id)
        let whole = try SessionLog.replay(path: tmp.eventsPath(id), session: id, repair: false)
        var state = whole.initialState(session: id)
        for r in whole.records.prefix(40) { _ = reduce(into: &state, r.event, at: r.at) }
        try SessionSnapshot(session: id, seq: 40, offset: whole.offsets[39], state: state).write(directory: dir)
        // The next write was killed half-way: its temporary file holds half a snapshot, and
        // the log got a torn last line from the same crash.
        let next = try JSONEncoder().encode(SessionSnapshot(session: id, seq: 70, offset: whole.offsets[69], state: state))
        try next.prefix(next.count / 2).write(to: URL(fileURLWithPath: SessionSnapshot.path(directory: dir) + ".tmp-4242"))
        try tmp.appendRaw(id, "{\"at\":1,\"event\":{\"noteRecorded\":{\"te")

        let opened = try tmp.store.open(id)
        #expect(opened.snapshot?.seq == 40, "the previous snapshot is still whole")
        #expect(opened.records.count == 40)
        #expect(opened.warnings.count == 1 && opened.warnings[0].contains("dropped an unfinished last line"))
        #expect(!FileManager.default.fileExists(atPath: SessionSnapshot.path(directory: dir) + ".tmp-4242"))
        #expect(try SessionStore.replay(directory: dir, session: id, repair: false).state(session: id) == whole.state(session: id))
        // And with no snapshot at all (killed before the first rename), the log alone.
        try FileManager.default.removeItem(atPath: SessionSnapshot.path(directory: dir))
        #expect(try SessionStore.replay(directory: dir, session: id, repair: false).state(session: id) == whole.state(session: id))
    }

    /// A context whose workspace is never touched (the events recorded have no effects).
    static func context(_ tmp: TempSessions, interval: Int) throws -> RuntimeContext {
        var options = RuntimeOptions()
        options.snapshotInterval = interval
        return RuntimeContext(
            repositoryRoot: tmp.root, workspace: Workspace(root: tmp.root, git: CommandLineGit()), store: tmp.store,
            registry: AgentRegistry(profiles: BuiltinProfiles.all), prompts: PromptLibrary(repositoryRoot: tmp.root),
            executor: FakeExecutor(), clock: ManualClock(), options: options)
    }
}
