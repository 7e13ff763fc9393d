import BatonCore
import BatonRuntime
import Foundation

/// A fresh sessions folder in the temporary directory, removed at the end.
final class TempSessions: @unchecked Sendable {
    let root: String
    let store: SessionStore

    init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("baton-store-\(UUID().uuidString.prefix(8))").path
        store = SessionStore(directory: root + "/Sessions")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func eventsPath(_ id: String) -> String { store.sessionDirectory(id) + "/events.jsonl" }

    func bytes(_ id: String) -> Data { FileManager.default.contents(atPath: eventsPath(id)) ?? Data() }

    func lines(_ id: String) -> [String] {
        String(decoding: bytes(id), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Appends raw bytes to a session's log, as a crash or a bad disk would leave them.
    func appendRaw(_ id: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: eventsPath(id)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Writes a session by hand with a chosen id (for prefix tests).
    func make(_ id: String, events: [SessionEvent], at: Double = 100) throws {
        let dir = store.sessionDirectory(id)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let log = try SessionLog.create(at: dir + "/events.jsonl", header: SessionLogHeader(session: id, created: at, repository: "/repo"))
        for (i, e) in events.enumerated() { try log.append(SessionRecord(seq: i + 1, at: at + Double(i + 1), event: e)) }
    }
}

/// One of every event, with every field set, for round trips.
let everyEvent: [SessionEvent] = {
    let t = PlanTask(
        id: "T1", title: "Signup form", detail: "d", kind: .tests, scope: ["Sources/A*"], avoid: ["x"], deps: [],
        route: "claude", routeReason: "good at UI", routeOverridden: true, acceptance: ["it works"])
    let report = CheckpointReport(kind: .needsDecision, summary: "s — “quoted” \\ /slash", next: "n", question: "q?", options: ["a", "b"])
    return [
        .missionSet(text: "Build the onboarding flow\nwith a newline and emoji 🚀"),
        .userSaid(text: "hi"),
        .planProposed(planner: "claude", tasks: [t], costUSD: 0.12, note: "n"),
        .planProposed(planner: "offline", tasks: [], costUSD: nil, note: nil),
        .planEdited(command: "/add x", tasks: [t, PlanTask(id: "T2", title: "t2", deps: ["T1"])]),
        .planUndone, .planRedone,
        .planApproved(integrationBranch: "baton/s-1/main", baseCommit: "abc"),
        .parallelismSet(limit: 2),
        .agentLimitsSet(limits: ["claude": 1, "codex": 2]),
        .policySet(name: "merge", value: "auto"),
        .budgetSet(usd: 3.5), .budgetSet(usd: nil),
        .permissionBypassSet(enabled: false),
        .workspaceCreated(task: "T1", worktree: "/w/T1", branch: "baton/s-1/T1", baseCommit: "abc"),
        .turnStarted(task: "T1", turn: 1, agent: "claude", pid: 123, pidStartTime: 456789, streamFile: "runs/T1-1.jsonl"),
        .turnStarted(task: "T1", turn: 2, agent: "codex", pid: nil, pidStartTime: nil, streamFile: nil),
        .taskActivity(task: "T1", text: "Edit a.swift"),
        .turnFinished(
            task: "T1", turn: 1,
            result: TurnResult(
                exitCode: 0, finalText: "done\n```baton\n{}\n```", agentSessionID: "sid",
                tokens: 1200, costUSD: 0.03, durationMs: 4000, error: nil, permissionDenials: ["Bash(ls)"])),
        .checkpointRecorded(
            task: "T1",
            checkpoint: Checkpoint(
                number: 1, turn: 1, report: report, commit: "c1", stat: DiffStat(added: 3, removed: 1, files: ["a.swift"]))),
        .checkpointRecorded(
            task: "T1",
            checkpoint: Checkpoint(number: 2, turn: 2, report: CheckpointReport(kind: .done, summary: "x"), commit: nil, stat: DiffStat())),
        .taskFailed(task: "T1", reason: "boom"),
        .runInterrupted(task: "T1", reason: "baton stopped"),
        .runStalled(task: "T1", minutes: 5),
        .decisionAnswered(id: "D1", answer: "2"),
        .guidanceGiven(task: "T1", text: "use tabs"),
        .noteRecorded(text: "UTC everywhere"),
        .taskPaused(task: "T1"), .taskContinued(task: "T1"), .taskCancelled(task: "T1"),
        .taskRetried(task: "T1", agent: "codex"), .taskRetried(task: "T1", agent: nil),
        .humanFinished(task: "T1", summary: "by hand"),
        .taskMerged(task: "T1", commit: "m1"),
        .mergeConflicted(task: "T1", files: ["README.md"]),
        .taskRejected(task: "T1", feedback: "add tests"),
        .sessionFinished(summaryFile: "PR.md"),
    ]
}()
