import BatonCore
import BatonRuntime
import Foundation

/// Writes a realistic, valid session log: a mission, a plan of `tasks` tasks, then for each
/// task a workspace, turns full of activity lines, the user's lines, checkpoints and a merge.
/// The header goes through `SessionLog.create`; the records are encoded exactly as
/// `SessionLog.append` encodes them, but written in one go (100,000 fsyncs would measure
/// the disk, not Baton).
enum SessionWriter {
    static func write(to path: String, events: Int, tasks taskCount: Int) throws -> [String: Any] {
        try? FileManager.default.removeItem(atPath: path)
        _ = try SessionLog.create(
            at: path, header: SessionLogHeader(session: "s-bench", created: 1_800_000_000, repository: "/tmp/bench-repo"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let ids = (1...max(1, taskCount)).map { "T\($0)" }
        let tasks = ids.enumerated().map { i, id in
            PlanTask(
                id: id, title: "Task \(id): part \(i + 1) of the onboarding flow", detail: "Implement part \(i + 1) with tests.",
                kind: .code, scope: ["Sources/Part\(i + 1)/"], deps: i > 0 && i % 5 == 0 ? [ids[i - 1]] : [],
                route: i % 2 == 0 ? "claude" : "codex", acceptance: ["part \(i + 1) works"])
        }
        var records: [SessionEvent] = [
            .missionSet(text: "Build the onboarding flow: signup form, email verification, welcome tour; tests; README"),
            .planProposed(planner: "claude", tasks: tasks, costUSD: 0.02, note: nil),
            .policySet(name: "merge", value: "auto"),
            .parallelismSet(limit: 8),
            .planApproved(integrationBranch: "baton/s-bench/main", baseCommit: String(repeating: "a", count: 40)),
        ]
        // Per task: workspace, turnStarted, activity..., turnFinished, checkpoint, merge = 5 + activity.
        let fixed = records.count + ids.count * 5
        let perTask = max(0, (events - fixed) / ids.count)
        var extra = max(0, events - fixed - perTask * ids.count)
        for (i, id) in ids.enumerated() {
            records.append(
                .workspaceCreated(
                    task: id, worktree: ".baton/worktrees/s-bench/\(id)", branch: "baton/s-bench/\(id)",
                    baseCommit: String(repeating: "a", count: 40)))
            records.append(
                .turnStarted(
                    task: id, turn: 1, agent: tasks[i].route ?? "claude", pid: 4242, pidStartTime: 123_456, streamFile: "runs/\(id)-1.jsonl"
                ))
            var n = perTask + (extra > 0 ? 1 : 0)
            if extra > 0 { extra -= 1 }
            var k = 0
            while n > 0 {
                k += 1
                if k % 50 == 0 {
                    records.append(.userSaid(text: "/status"))
                } else {
                    records.append(.taskActivity(task: id, text: activity(k)))
                }
                n -= 1
            }
            let report = CheckpointReport(kind: .done, summary: "Finished part \(i + 1): form, validation and tests.", next: "")
            records.append(
                .turnFinished(
                    task: id, turn: 1,
                    result: TurnResult(
                        exitCode: 0, finalText: "Done.\n\n```baton\n{\"checkpoint\":\"done\"}\n```", agentSessionID: "sess-\(id)",
                        tokens: 25_300, costUSD: 0.07, durationMs: 91_000)))
            records.append(
                .checkpointRecorded(
                    task: id,
                    checkpoint: Checkpoint(
                        number: 1, turn: 1, report: report, commit: String(repeating: "b", count: 40),
                        stat: DiffStat(added: 84, removed: 3, files: ["Sources/Part\(i + 1)/Form.swift", "Tests/Part\(i + 1)Tests.swift"])))
            )
            records.append(.taskMerged(task: id, commit: String(repeating: "c", count: 40)))
        }
        var out = Data()
        out.reserveCapacity(records.count * 160)
        for (i, event) in records.enumerated() {
            out.append(try encoder.encode(SessionRecord(seq: i + 1, at: 1_800_000_000 + Double(i) * 0.05, event: event)))
            out.append(0x0A)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw SessionStoreError.io("cannot write \(path)") }
        try handle.seekToEnd()
        try handle.write(contentsOf: out)
        try handle.close()
        return ["events": records.count, "bytes": out.count, "tasks": ids.count]
    }

    static func activity(_ k: Int) -> String {
        switch k % 4 {
        case 0: return "editing Sources/Onboarding/SignupForm\(k % 7).swift"
        case 1: return "$ swift test --filter SignupFormTests (\(k) tests)"
        case 2: return "reading Sources/API/Router.swift"
        default: return "I'll add validation for the email field next, then wire the error messages."
        }
    }
}
