import BatonCore
import BatonRuntime

/// The lines of races (best of N): set, started, the comparison, the pick.
extension TranscriptRenderer {
    func raceLines(for update: SessionUpdate) -> [String] {
        let state = update.state
        let before = update.previous
        switch update.record.event {
        case .raceSet(let task, let agents, let deadline):
            guard let race = state.races[task] else { return [] }
            var line = "\(style.id(task)) races \(race.label)"
            if let deadline { line += " · deadline \(Elapsed.format(seconds: deadline))" }
            if race.phase == .planned {
                line += " · each in its own worktree when it starts · dependents wait for /pick"
            } else if !agents.isEmpty {
                line += " · started " + agents.map { race.contestant($0) }.joined(separator: " ")
            }
            return [line]
        case .raceDeadlinePassed(let task):
            guard let race = state.races[task], before.races[task]?.stopped != race.stopped else { return [] }
            let stopped = race.stopped.filter { !(before.races[task]?.stopped.contains($0) ?? false) }
            return [
                "\(style.id(task)) race deadline passed · stopped " + stopped.map { race.contestant($0) }.joined(separator: " ")
                    + " (kept: /diff \(race.contestant(stopped.first ?? "")))"
            ]
        case .raceJudged(let task, _, _, _):
            guard let race = state.races[task] else { return [] }
            return comparison(race, state) + pickLines(task, before, state)
        case .racePicked(let task, _, _):
            return pickLines(task, before, state)
        default:
            return []
        }
    }

    /// `T3 races on claude, codex` when a raced task starts (its contestants' lines follow).
    func raceStartLines(_ update: SessionUpdate) -> [String] {
        update.state.races.keys.sorted().compactMap { task in
            guard let race = update.state.races[task], race.phase == .running, update.previous.races[task]?.phase == .planned
            else { return nil }
            let branches = race.contestants.map { "baton/\(update.state.id)/\($0)" }
            return "\(style.id(task)) race started · \(race.agents.count) contestants from the same base · "
                + branches.joined(separator: " ")
        }
    }

    /// The comparison of a race once every contestant settled: one row per contestant with
    /// its evidence, the judge's verdict, and what to do next. Fits 80 columns.
    func comparison(_ race: Race, _ state: SessionState) -> [String] {
        let finished = race.agents.filter { state.contestantFinished(race.contestant($0)) }
        var lines = ["\(style.id(race.task)) race · \(finished.count) finished"]
        var rows = [["contestant", "checks", "review", "diff", "turns", "time", "cost"]]
        for agent in race.agents {
            let id = race.contestant(agent)
            let p = state.progress[id] ?? TaskProgress()
            let checks: String
            if !state.contestantFinished(id) {
                checks = race.stopped.contains(agent) ? style.warn("stopped") : style.bad(state.status(of: id).label)
            } else if let v = p.verdict {
                checks =
                    v.green
                    ? style.ok("✓") + (v.passedCount > 0 ? " \(v.passedCount) passed" : " passed")
                    : style.bad("✗") + (v.failedCount > 0 ? " \(v.failedCount) failed" : " failed")
            } else {
                checks = state.checks.isEmpty ? "no checks" : "—"
            }
            let review = p.review.map { $0.outcome == .unavailable ? "unavailable" : $0.approved ? "approve" : "changes" } ?? "—"
            let diff = p.lastCheckpoint.map { "+\($0.stat.added) −\($0.stat.removed) in \($0.stat.files.count)" } ?? "—"
            let time = p.startedAt.map { Elapsed.format(seconds: (p.endedAt ?? state.lastEventAt) - $0) } ?? "—"
            let cost =
                p.costUSD > 0 || p.tokens > 0
                ? (p.costKnown && p.costEstimated != true ? "" : "~") + Money.format(p.costUSD) : "—"
            let mark = race.verdict?.pick == agent ? " ★" : ""
            rows.append([agent + mark, checks, review, diff, p.turn == 0 ? "—" : "\(p.turn)", time, cost])
        }
        lines += TextTable(rows: rows, flexibleColumn: nil).render(width: width)
        if let verdict = race.verdict, let judge = race.judge {
            if let pick = verdict.pick {
                lines.append(
                    "judge (\(judge)): \(pick) — "
                        + TerminalText.oneLine(verdict.reason, limit: max(40, width - judge.count - pick.count - 14)))
                if verdict.ranking.count > 2 { lines.append("  ranking: " + verdict.ranking.joined(separator: " > ")) }
            } else {
                lines.append(style.warn("judge unavailable") + " (\(judge)) — " + TerminalText.oneLine(verdict.reason, limit: 120))
            }
        } else if finished.count >= 2 {
            lines.append(style.dim("no judge: every installed agent races, or /policy judge is off"))
        }
        let suggested = race.verdict?.pick ?? finished.first(where: { state.contestantGood(race.contestant($0)) }) ?? finished.first
        var hints: [String] = []
        if let suggested { hints.append("/pick \(race.task) \(suggested)") }
        if let other = race.agents.first(where: { $0 != suggested && state.progress[race.contestant($0)]?.lastCheckpoint != nil }) {
            hints.append("/diff \(race.contestant(other))")
        }
        hints.append("/race \(race.task) --more")
        lines.append(hints.joined(separator: " · "))
        return lines
    }

    /// `T3 ← claude (picked by you) · codex archived · /diff T3 · /merge T3` once picked.
    func pickLines(_ task: String, _ before: SessionState, _ state: SessionState) -> [String] {
        guard let race = state.races[task], let agent = race.picked, before.races[task]?.picked == nil else { return [] }
        let who = race.pickedBy == "policy" ? "by /policy race auto: the only green contestant" : "by \(race.pickedBy ?? "you")"
        let others = race.agents.filter { $0 != agent }
        var line = "\(style.id(task)) ← \(agent) (picked \(who)) · archived: " + others.map { race.contestant($0) }.joined(separator: " ")
        switch state.status(of: task) {
        case .merged: break
        case .review where state.integrationChecking == nil:
            line += state.policy.autoMerge && state.contestantGood(race.contestant(agent)) ? "" : " · /diff \(task) · /merge \(task)"
        default: break
        }
        return [line]
    }
}
