import BatonCore
import BatonRuntime
import Foundation

/// Times what `baton resume` does before the first prompt: read and decode the log, then
/// reduce every event (effects discarded); and the same from a snapshot, as Baton keeps one
/// (the state `RuntimeOptions.defaultSnapshotInterval` records before the end).
enum ReplayBench {
    static func run(file: String) throws -> [String: Any] {
        let t0 = now()
        let replay = try SessionLog.replay(path: file, session: "s-bench", repair: false)
        let t1 = now()
        var state = replay.initialState(session: replay.header.session)
        for r in replay.records { _ = reduce(into: &state, r.event, at: r.at) }
        let t2 = now()
        var result: [String: Any] = [
            "events": replay.records.count, "seconds": t2 - t0, "decodeSeconds": t1 - t0,
            "reduceSeconds": t2 - t1, "tasks": state.plan.tasks.count, "warnings": replay.warnings.count,
        ]
        if let snapshotted = try fromSnapshot(file: file, replay: replay, full: state) { result.merge(snapshotted) { $1 } }
        return result
    }

    /// Writes a snapshot beside the log, then times load + tail replay + reduce.
    private static func fromSnapshot(file: String, replay: Replay, full: SessionState) throws -> [String: Any]? {
        let lag = RuntimeOptions.defaultSnapshotInterval
        guard replay.records.count > lag else { return nil }
        let cut = replay.records.count - lag
        var state = replay.initialState(session: replay.header.session)
        for r in replay.records.prefix(cut) { _ = reduce(into: &state, r.event, at: r.at) }
        let directory = (file as NSString).deletingLastPathComponent
        let session = replay.header.session
        try SessionSnapshot(session: session, seq: replay.records[cut - 1].seq, offset: replay.offsets[cut - 1], state: state)
            .write(directory: directory)
        defer { try? FileManager.default.removeItem(atPath: SessionSnapshot.path(directory: directory)) }
        let t0 = now()
        let (snapshot, warning) = SessionSnapshot.load(directory: directory, session: session)
        let tail = try SessionLog.replay(path: file, session: session, repair: false, snapshot: snapshot)
        let resumed = tail.state(session: session)
        let t1 = now()
        guard warning == nil, tail.snapshot != nil, resumed == full else { throw SessionStoreError.io("the snapshot did not resume") }
        let size = (try? FileManager.default.attributesOfItem(atPath: SessionSnapshot.path(directory: directory))[.size] as? Int) ?? 0
        return ["snapshotSeconds": t1 - t0, "snapshotTailEvents": tail.records.count, "snapshotBytes": size]
    }
}
