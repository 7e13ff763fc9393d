import BatonCore
import BatonRuntime
import Foundation

/// Reads a finished (or running) session's log and reports what the benchmark script needs:
/// the makespan (first turn started → last task merged), the decisions asked, and per task
/// when it was approved, got its worktree and started its first turn; and the most turns that
/// ran at once (`peakRunning`).
enum SessionAnalysis {
    static func run(file: String) throws -> [String: Any] {
        let replay = try SessionLog.replay(path: file, session: "analysis", repair: false)
        var state = SessionState(id: replay.header.session)
        var approvedAt: Double?
        var firstTurn: Double?
        var lastMerge: Double?
        var workspaceAt: [String: Double] = [:]
        var turnAt: [String: Double] = [:]
        var mergedAt: [String: Double] = [:]
        var running = 0
        var peakRunning = 0
        for r in replay.records {
            _ = reduce(into: &state, r.event, at: r.at)
            switch r.event {
            case .planApproved:
                approvedAt = approvedAt ?? r.at
            case .workspaceCreated(let task, _, _, _):
                workspaceAt[task] = workspaceAt[task] ?? r.at
            case .turnStarted(let task, _, _, _, _, _):
                turnAt[task] = turnAt[task] ?? r.at
                firstTurn = min(firstTurn ?? r.at, r.at)
                running += 1
                peakRunning = max(peakRunning, running)
            case .turnFinished:
                running -= 1
            case .taskMerged(let task, _):
                mergedAt[task] = r.at
                lastMerge = max(lastMerge ?? r.at, r.at)
            default:
                break
            }
        }
        // Asked: put to the user (a question answered from an earlier decision was not).
        let asked = state.decisions.filter { $0.kind != .note && $0.reusedFrom == nil }
        let answeredFromEarlier = state.decisions.filter { $0.reusedFrom != nil }.count
        var kinds: [String: Int] = [:]
        for d in asked { kinds[d.kind.rawValue, default: 0] += 1 }
        let open = state.openDecisions.map { d -> [String: Any] in
            ["id": d.id, "kind": d.kind.rawValue, "task": d.task ?? "", "question": d.question, "options": d.options]
        }
        var tasks: [[String: Any]] = []
        for t in state.plan.tasks {
            var row: [String: Any] = ["id": t.id, "status": state.status(of: t.id).label]
            if let w = workspaceAt[t.id] { row["workspaceAt"] = w }
            if let s = turnAt[t.id] { row["turnAt"] = s }
            if let m = mergedAt[t.id] { row["mergedAt"] = m }
            tasks.append(row)
        }
        var out: [String: Any] = [
            "events": replay.records.count, "tasks": state.plan.tasks.count,
            "merged": state.plan.tasks.filter { state.status(of: $0.id) == .merged }.count,
            "peakRunning": peakRunning, "decisions": asked.count, "answeredFromEarlier": answeredFromEarlier, "decisionKinds": kinds,
            "open": open, "perTask": tasks,
        ]
        if let a = approvedAt { out["approvedAt"] = a }
        if let f = firstTurn, let l = lastMerge { out["makespan"] = l - f }
        return out
    }
}
