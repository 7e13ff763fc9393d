import BatonCore

/// How a plan reads in the conversation: a header line, one row per task, the hints.
struct PlanView {
    let plan: Plan
    let state: SessionState
    let style: Style
    let width: Int

    /// `planner (claude, 9s, $0.02) proposes 3 tasks · 2 can start now · critical path T1 → T2 → T3`
    func headline(planner: String, seconds: Double?, costUSD: Double?) -> String {
        var who = [planner]
        if let seconds, seconds >= 1 { who.append(Elapsed.format(seconds: seconds)) }
        if let costUSD, costUSD > 0 { who.append(Money.format(costUSD)) }
        return "planner (\(who.joined(separator: ", "))) proposes \(plan.tasks.count) task\(plan.tasks.count == 1 ? "" : "s") · " + summary
    }

    /// `2 can start now · critical path T1 → T2 → T3`
    var summary: String {
        let graph = PlanGraph(plan)
        let ready = graph.readyNow(done: [])
        let path = graph.criticalPath()
        var parts = ["\(ready.count) can start now"]
        if path.count > 1 { parts.append("critical path " + path.joined(separator: " → ")) }
        return parts.joined(separator: " · ")
    }

    func rows() -> [String] {
        let running = state.phase != .planning && state.phase != .empty
        let table = TextTable(
            rows: plan.tasks.map { t in
                var row = [
                    style.id(t.id), TerminalText.oneLine(t.title, limit: 200), t.kind.rawValue,
                    state.races[t.id]?.label ?? t.route ?? "—",
                    t.scope.isEmpty ? "—" : t.scope.joined(separator: " "),
                ]
                row.append(t.deps.isEmpty ? "" : "after " + t.deps.joined(separator: " "))
                if running { row.append(state.status(of: t.id).label) }
                return row
            }, flexibleColumn: 1)
        return table.render(width: width)
    }

    /// Warnings for tasks that may run at once and touch the same paths.
    func overlapLines() -> [String] {
        PlanGraph(plan).scopeOverlaps().map { o in
            style.warning(CommandNote.scopeOverlap(first: o.0, second: o.1, paths: o.2).text)
        }
    }

    func full(headline: String?) -> [String] {
        var lines: [String] = []
        if let headline { lines.append(headline) }
        lines.append("")
        lines += rows()
        lines.append("")
        lines += overlapLines()
        return lines
    }

    static let editHint = "/edit /add /drop /dep /route to change it · plain text to ask the planner · /go to start"
}
