import BatonCore
import BatonRuntime
import Foundation

/// Times what `baton resume` does before the first prompt: read and decode the log, then
/// reduce every event (effects discarded).
enum ReplayBench {
    static func run(file: String) throws -> [String: Any] {
        let t0 = now()
        let replay = try SessionLog.replay(path: file, session: "s-bench", repair: false)
        let t1 = now()
        var state = SessionState(id: replay.header.session)
        for r in replay.records { _ = reduce(into: &state, r.event, at: r.at) }
        let t2 = now()
        return [
            "events": replay.records.count, "seconds": t2 - t0, "decodeSeconds": t1 - t0,
            "reduceSeconds": t2 - t1, "tasks": state.plan.tasks.count, "warnings": replay.warnings.count,
        ]
    }
}
