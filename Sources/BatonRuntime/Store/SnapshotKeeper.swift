import BatonCore
import Foundation

/// When an open session's snapshot is written: every `interval` records, the state as it
/// was `interval` records earlier. The lag keeps at least `interval` records after the
/// snapshot, the ones the transcript on resume is drawn from; resume therefore reduces
/// between `interval` and 2 × `interval` records however long the log. Writes run on a
/// queue of their own, off the controller; `finish()` (quit) writes what is due and waits.
final class SnapshotKeeper: @unchecked Sendable {
    let directory: String
    let session: String
    let interval: Int
    /// The state at the latest multiple of `interval`: written when the next one is reached.
    private var candidate: SessionSnapshot?
    /// Due but not written (found while replaying on open): written by `finish()`.
    private var due: SessionSnapshot?
    /// The newest snapshot on disk or being written.
    private var writtenSeq: Int
    private let queue = DispatchQueue(label: "baton.snapshot")

    init(directory: String, session: String, interval: Int, onDisk: SessionSnapshot?) {
        self.directory = directory
        self.session = session
        self.interval = max(1, interval)
        self.writtenSeq = onDisk?.seq ?? 0
    }

    /// Record `seq` was applied, giving `state`; the log ends at `offset` after it.
    /// `write` is false while replaying on open (what is due then waits for `finish`).
    func recorded(seq: Int, offset: Int, state: @autoclosure () -> SessionState, write: Bool) {
        guard seq % interval == 0 else { return }
        if let ready = candidate, ready.seq > writtenSeq {
            if write { start(ready) } else { due = ready }
        }
        candidate = SessionSnapshot(session: session, seq: seq, offset: offset, state: state())
    }

    /// Writes the snapshot found due on open, if any, and waits for every write to end.
    func finish() {
        if let due, due.seq > writtenSeq { start(due) }
        due = nil
        queue.sync {}
    }

    private func start(_ snapshot: SessionSnapshot) {
        writtenSeq = snapshot.seq
        due = nil
        let directory = directory
        // A failed snapshot costs only time on the next resume: the log has every event.
        queue.async { try? snapshot.write(directory: directory) }
    }
}
