import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

/// What the conversation is told after every event.
public struct SessionUpdate: Sendable {
    public var record: SessionRecord
    /// The state before the event (for ``SessionEvent/isAgentActivity``, the state after:
    /// nothing drawn for an agent's activity depends on what changed).
    public var previous: SessionState
    public var state: SessionState
    public var effects: [Effect]

    public init(record: SessionRecord, previous: SessionState, state: SessionState, effects: [Effect]) {
        self.record = record
        self.previous = previous
        self.state = state
        self.effects = effects
    }
}

/// Lanes of git work (see `SessionController.withGitLock`). The integration worktree has one
/// index, so its work (merges, DECISIONS.md, reverts, landing) runs one at a time. New
/// worktrees each have their own index and git guards a half-made one (its `locked` file), so
/// a few are made at once: made one by one, they were the makespan of a large plan.
enum GitLane: Hashable, Sendable {
    case worktrees
    case integration

    /// How much of the lane's work may run at once.
    var capacity: Int {
        switch self {
        case .worktrees: 4
        case .integration: 1
        }
    }
}

/// What the controller tells the conversation: an applied event, or a problem in
/// background work (one line, already worded for the user).
public enum SessionNotice: Sendable {
    case update(SessionUpdate)
    case problem(String)
    /// Something to tell the user about a command being carried out (a warning first, or
    /// what happened), sent before the command's events.
    case note(CommandNote)
}

/// Owns one open session: appends events (fsync first), reduces them, tells the
/// conversation, and carries out the effects. Live operation and resume share this path.
public actor SessionController {
    public nonisolated let id: String
    public nonisolated let context: RuntimeContext
    let session: OpenSession
    public private(set) var state: SessionState
    var observer: (@Sendable (SessionNotice) -> Void)?
    var live: [String: SpawnedProcess] = [:]
    /// Live ACP turns by task (their agents run on Baton's pipes), and what each ACP agent
    /// advertised the last time it was started.
    var acpRuns: [String: AcpRun] = [:]
    var acpCapabilities: [String: AcpAgentInfo] = [:]
    var activityLoggedAt: [String: Double] = [:]
    /// Tasks whose checkpoint is being committed and recorded now (one at a time per task).
    var checkpointing: Set<String> = []
    /// How far each task's MCP calls file (runs/T2.mcp.jsonl) has been read.
    var agentCallOffsets: [String: UInt64] = [:]
    /// Keys of once-only warnings given by this process (``SessionState/warningsGiven`` holds
    /// the recorded ones; this also covers those being recorded now).
    var noticesShown: Set<String> = []
    var seq: Int
    /// Events whose effects are still being carried out (a wait returns only at zero).
    var inFlight = 0
    /// Git work in lanes (see ``GitLane``): how much of each runs now, and what waits.
    var gitRunning: [GitLane: Int] = [:]
    var gitQueue: [GitLane: [(priority: Int, continuation: CheckedContinuation<Void, Never>)]] = [:]
    /// Brief facts asked for while each task's worktree is made (see `BriefBuilder.Area`).
    var briefAreas: [String: Task<BriefBuilder.Area, Never>] = [:]
    /// Worktrees checked out ahead of their tasks (see `checkOutDependentsEarly`).
    var earlyWorktrees: [String: Task<Void, Never>] = [:]
    /// … of which git is checking out now.
    var checkingOutEarly: Set<String> = []
    /// Tasks whose worktree was checked out now, until their first brief (see `takeNewWorktree`).
    var newWorktrees: Set<String> = []

    /// Replays the session's events after its snapshot (effects discarded). Call
    /// ``reconcile()`` next.
    public init(context: RuntimeContext, session: OpenSession) {
        self.id = session.id
        self.context = context
        self.session = session
        let snapshots = SnapshotKeeper(
            directory: session.directory, session: session.id, interval: context.options.snapshotInterval, onDisk: session.snapshot)
        var state: SessionState
        if let snapshot = session.snapshot {
            state = snapshot.state
        } else {
            state = SessionState(id: session.id)
            state.createdAt = session.header.created
        }
        let start = max(0, session.records.count - Self.transcriptRecords)
        var base = state
        let offsets = session.offsets.count == session.records.count ? session.offsets : []
        for (i, record) in session.records.enumerated() {
            if i == start { base = state }
            _ = reduce(into: &state, record.event, at: record.at)
            if !offsets.isEmpty { snapshots.recorded(seq: record.seq, offset: offsets[i], state: state, write: false) }
        }
        self.transcriptBase = (start, base)
        self.state = state
        self.seq = session.records.last?.seq ?? session.snapshot?.seq ?? 0
        self.snapshots = snapshots
    }

    /// Writes the session's snapshots (see `SnapshotKeeper`).
    let snapshots: SnapshotKeeper

    /// How many of the latest records the transcript on resume is drawn from.
    public static let transcriptRecords = 3000
    /// Where the transcript starts (an index into `records`) and the state just before it,
    /// kept from the replay so resume does not replay twice.
    public nonisolated let transcriptBase: (index: Int, state: SessionState)

    public nonisolated var directory: String { session.directory }
    public nonisolated var records: [SessionRecord] { session.records }
    public nonisolated var warnings: [String] { session.warnings }
    public nonisolated var isReadOnly: Bool { session.log == nil }

    public func setObserver(_ observer: (@Sendable (SessionNotice) -> Void)?) {
        self.observer = observer
    }

    /// Appends `event` durably, applies it, reports it, and runs what it sets in motion.
    @discardableResult
    public func record(_ event: SessionEvent) async throws -> SessionState {
        guard let log = session.log else { throw SessionStoreError.readOnly(id) }
        let now = context.clock.now().timeIntervalSince1970
        let record = SessionRecord(seq: seq + 1, at: now, event: event)
        // An agent's activity line is not worth a disk flush (dozens a second with many runs).
        try log.append(record, sync: !event.isAgentActivity)
        seq += 1
        // An agent's activity changes only its task's last line, and no line drawn for it
        // compares with the state before: its update carries the new state as both, sparing
        // a copy of every task's progress for each such event (dozens a second).
        let previous: SessionState? = event.isAgentActivity ? nil : state
        let effects = reduce(into: &state, event, at: now)
        snapshots.recorded(seq: seq, offset: log.size, state: state, write: true)
        observer?(.update(SessionUpdate(record: record, previous: previous ?? state, state: state, effects: effects)))
        inFlight += 1
        for effect in effects { await execute(effect) }
        inFlight -= 1
        return state
    }

    /// Records an event whose failure to save is reported, not thrown (background work).
    func recordQuietly(_ event: SessionEvent) async {
        do { try await record(event) } catch { problem("\(error)") }
    }

    /// Nothing is running and no effect is being carried out: all tasks are done, failed, or
    /// waiting for the user.
    public var isQuiet: Bool { inFlight == 0 && state.isQuiescent }

    /// Tells the conversation about a problem in background work.
    func problem(_ line: String) {
        observer?(.problem(line))
    }

    /// Runs `body` in a lane of git work (`.worktrees`: new worktrees; `.integration`: the
    /// integration worktree), waiting while the lane is full. Waiting work goes on by
    /// `priority`, highest first (a task's remaining chain: the makespan waits on it), then
    /// in arrival order.
    func withGitLock<T>(_ lane: GitLane = .worktrees, priority: Int = .max, _ body: () async throws -> T) async rethrows -> T {
        while gitRunning[lane, default: 0] >= lane.capacity {
            await withCheckedContinuation { gitQueue[lane, default: []].append((priority, $0)) }
        }
        gitRunning[lane, default: 0] += 1
        defer {
            gitRunning[lane, default: 1] -= 1
            if var waiting = gitQueue[lane], !waiting.isEmpty {
                var next = 0
                for i in waiting.indices where waiting[i].priority > waiting[next].priority { next = i }
                let chosen = waiting.remove(at: next)
                gitQueue[lane] = waiting
                chosen.continuation.resume()
            }
        }
        return try await body()
    }

    /// The brief facts asked for while `task`'s worktree was made, once.
    func takeBriefArea(_ task: String) -> Task<BriefBuilder.Area, Never>? {
        briefAreas.removeValue(forKey: task)
    }

    /// True once for a task whose worktree this process checked out and no agent ran in yet.
    func takeNewWorktree(_ task: String) -> Bool {
        newWorktrees.remove(task) != nil
    }

    /// How urgent git work for `task` is: the length of the longest chain of tasks that still
    /// waits on it (itself included).
    func gitPriority(of task: String) -> Int {
        PlanGraph(state.plan).remainingChainLengths()[task] ?? 1
    }

    /// Tasks whose agent processes are alive now.
    public func liveTasks() -> [String] { live.keys.sorted() }

    /// Writes the snapshot that is due, if any, and waits for snapshot writes to end
    /// (on quit, and before another session is opened).
    public func saveSnapshot() {
        guard session.log != nil else { return }
        snapshots.finish()
    }

    /// Stops every live run (used when quitting with "stop them").
    public func stopAll() async {
        for task in live.keys.sorted() { await execute(.stopRun(task: task)) }
    }

    /// Where this session's runs keep their files.
    public nonisolated var runFiles: RunFiles { RunFiles(sessionDirectory: session.directory) }
}
