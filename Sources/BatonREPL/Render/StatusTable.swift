import BatonCore
import Foundation

/// The status of a session's tasks: the table of `/status` and `baton status`, and its JSON.
struct StatusTable {
    var state: SessionState
    /// Seconds since 1970: elapsed times and "… ago" are measured to it.
    var now: Double

    /// The table and the mission line under it.
    func lines(width: Int) -> [String] {
        let checks = !state.checks.isEmpty
        var rows = [["task", "agent", "state", "turn", "elapsed", "last", "files", "tokens", "cost"] + (checks ? ["checks"] : [])]
        for t in state.plan.tasks {
            if let race = state.races[t.id], race.phase != .planned {
                rows += raceRows(race, checks: checks)
                continue
            }
            let p = state.progress[t.id] ?? TaskProgress()
            let status = state.status(of: t.id)
            var last = "—"
            if status == .planned, !t.deps.isEmpty {
                last = "after " + t.deps.filter { !state.status(of: $0).satisfiesDependents }.joined(separator: " ")
            } else if let at = p.lastActivityAt, status.isActive {
                last = Elapsed.format(seconds: now - at) + " ago"
            }
            rows.append(row(t.id, agent: p.agent ?? t.route ?? "—", state: status.label, last: last, p, checks: checks))
        }
        var lines = TextTable(rows: rows, flexibleColumn: nil).render(width: width)
        let merged = state.plan.tasks.filter { state.status(of: $0.id) == .merged }.count
        let elapsed = startedAt.map { Elapsed.format(seconds: now - $0) } ?? "—"
        let planner = state.plannerCostUSD > 0 ? " (planner \(Money.format(state.plannerCostUSD)))" : ""
        let open = state.openDecisions.count
        lines.append(
            "  mission: \(merged)/\(state.plan.tasks.count) merged · \(elapsed) · \(Money.format(state.totalCostUSD))\(planner)"
                + (open == 0 ? "" : " · \(open) decision\(open == 1 ? "" : "s") waiting: /decisions"))
        return lines
    }

    /// One row of the table.
    private func row(_ id: String, agent: String, state label: String, last: String, _ p: TaskProgress, checks: Bool) -> [String] {
        let elapsed = p.startedAt.map { Elapsed.format(seconds: (p.endedAt ?? now) - $0) } ?? "—"
        return [
            id, agent, label, p.turn == 0 ? "—" : "\(p.turn)", elapsed, last,
            p.checkpoints.isEmpty ? "—" : "\(p.filesChanged)",
            p.tokens == 0 ? "—" : (p.tokensExact ? "" : "~") + Tokens.format(p.tokens),
            p.tokens == 0 && p.costUSD == 0 ? "—" : (p.costKnown && p.costEstimated != true ? "" : "~") + Money.format(p.costUSD),
        ] + (checks ? [Self.checksCell(p)] : [])
    }

    /// A race: one row for the task (`×2`, what the race costs in all), one per contestant.
    private func raceRows(_ race: Race, checks: Bool) -> [[String]] {
        var p = state.progress[race.task] ?? TaskProgress()
        let label: String
        switch race.phase {
        case .compared: label = "pick one"
        case .judging: label = "judging"
        case .picked: label = state.status(of: race.task).label
        default: label = state.status(of: race.task).label
        }
        let own = p
        p.costUSD = state.raceCostUSD(race.task)
        p.costKnown = race.contestants.allSatisfy { state.progress[$0]?.costKnown ?? true }
        p.tokens = race.contestants.reduce(own.tokens) { $0 + (state.progress[$1]?.tokens ?? 0) }
        if race.phase != .picked {
            p.turn = 0
            p.checkpoints = []
        }
        var rows = [row(race.task, agent: "×\(race.agents.count)", state: label, last: "—", p, checks: checks)]
        for agent in race.agents {
            let id = race.contestant(agent)
            var c = state.progress[id] ?? TaskProgress()
            var label = state.status(of: id).label
            if let picked = race.picked { label = picked == agent ? "picked" : "archived" }
            if race.stopped.contains(agent) { label = "stopped" }
            var last = "—"
            if let at = c.lastActivityAt, state.status(of: id).isActive { last = Elapsed.format(seconds: now - at) + " ago" }
            if race.picked == agent { c.endedAt = c.endedAt ?? state.progress[race.task]?.endedAt }
            rows.append(row("└", agent: agent, state: label, last: last, c, checks: checks))
        }
        return rows
    }

    /// `x` to `places` decimals (sums of dollars otherwise print as 0.16749999999999998).
    private static func round(_ x: Double, _ places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (x * scale).rounded() / scale
    }

    /// `✓ 41`, `✗ 2`, `running`, `queued` or `—`.
    static func checksCell(_ p: TaskProgress) -> String {
        if p.status == .checking { return p.checksRunning ? "running" : "queued" }
        return p.verdict?.short ?? "—"
    }

    private var startedAt: Double? { state.progress.values.compactMap(\.startedAt).min() }

    /// One JSON object (keys sorted): the session, its tasks and its open decisions.
    func json() -> String {
        let tasks = state.plan.tasks.map { t -> StatusJSON.Task in
            let p = state.progress[t.id] ?? TaskProgress()
            return StatusJSON.Task(
                id: t.id, title: t.title, agent: p.agent ?? t.route, status: state.status(of: t.id).rawValue,
                turn: p.turn, elapsedSeconds: p.startedAt.map { Self.round((p.endedAt ?? now) - $0, 3) },
                filesChanged: p.filesChanged, tokens: p.tokens, costUSD: Self.round(p.costUSD, 6), costKnown: p.costKnown,
                deps: t.deps, branch: p.branch)
        }
        let decisions = state.openDecisions.map {
            StatusJSON.Decision(id: $0.id, task: $0.task, question: $0.question, options: $0.options)
        }
        let merged = state.plan.tasks.filter { state.status(of: $0.id) == .merged }.count
        let value = StatusJSON(
            session: state.id, mission: state.mission, state: state.summaryState, planner: state.planner,
            tasks: tasks, merged: merged, costUSD: Self.round(state.totalCostUSD, 6),
            plannerCostUSD: Self.round(state.plannerCostUSD, 6), elapsedSeconds: startedAt.map { Self.round(now - $0, 3) },
            integrationBranch: state.integrationBranch,
            openDecisions: decisions)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// The shape `baton status --json` prints (snake_case keys).
struct StatusJSON: Codable {
    struct Task: Codable {
        var id: String
        var title: String
        var agent: String?
        var status: String
        var turn: Int
        var elapsedSeconds: Double?
        var filesChanged: Int
        var tokens: Int
        var costUSD: Double
        var costKnown: Bool
        var deps: [String]
        var branch: String?
    }

    struct Decision: Codable {
        var id: String
        var task: String?
        var question: String
        var options: [String]
    }

    var session: String
    var mission: String?
    var state: String
    var planner: String?
    var tasks: [Task]
    var merged: Int
    var costUSD: Double
    var plannerCostUSD: Double
    var elapsedSeconds: Double?
    var integrationBranch: String?
    var openDecisions: [Decision]
}
