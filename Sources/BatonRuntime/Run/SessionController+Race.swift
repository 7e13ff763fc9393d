import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

extension SessionController {
    /// Compares a race's finished contestants in the background; records `raceJudged`.
    func judgeRaceInBackground(_ task: String, judge: String?) {
        Task { await self.judgeRace(task, judge: judge) }
    }

    /// At `time` records that the race's deadline passed (its stragglers are stopped).
    func armRaceDeadline(_ task: String, at time: Double) {
        let clock = context.clock
        Task {
            let wait = time - clock.now().timeIntervalSince1970
            if wait > 0 { try? await clock.sleep(for: .seconds(wait)) }
            await self.recordQuietly(.raceDeadlinePassed(task: task))
        }
    }

    /// On resume: a race being judged is judged again; a deadline still ahead is armed again
    /// (one already passed is recorded now). Returns one line per race it picked up.
    func reconcileRaces() async -> [String] {
        var found: [String] = []
        for task in state.plan.ids {
            guard let race = state.races[task] else { continue }
            if race.phase == .running, let deadline = race.deadline {
                armRaceDeadline(task, at: deadline)
            }
            if race.phase == .judging {
                let judge = state.judge(for: race)
                judgeRaceInBackground(task, judge: judge)
                if let judge { found.append("\(task)'s judge (\(judge)) was interrupted — asking again") }
            }
        }
        return found
    }

    /// Asks `judge` (read-only) to compare the finished contestants: one comparison for two,
    /// pairwise for more (the winner of each meets the next). A reply without a valid verdict
    /// is asked again once, then the judge is recorded as unavailable (nothing is picked).
    private func judgeRace(_ task: String, judge: String?) async {
        guard let race = state.races[task], let planTask = state.plan.task(task) else { return }
        let finished = race.agents.filter { state.contestantFinished(race.contestant($0)) }
        guard let judge, finished.count >= 2 else {
            await recordQuietly(.raceJudged(task: task, judge: nil, verdict: nil, costUSD: nil))
            return
        }
        var diffs: [String: String] = [:]
        let limit = Self.reviewDiffLimit / finished.count
        for agent in finished {
            let p = state.progress[race.contestant(agent)]
            guard let branch = p?.branch, let base = p?.baseCommit else { continue }
            var diff = (try? await context.workspace.diff(branch: branch, since: base)) ?? ""
            if diff.utf8.count > limit {
                diff = String(diff.utf8.prefix(limit)) ?? String(diff.prefix(limit / 4))
                diff += "\n… (the diff goes on; read the files in its worktree)"
            }
            diffs[agent] = diff
        }
        var cost = 0.0
        var winner = finished[0]
        var out: [String] = []
        var reason = ""
        for challenger in finished.dropFirst() {
            let pair = [winner, challenger]
            let (verdict, spent, why) = await compare(pair, of: task, planTask, diffs: diffs, judge: judge)
            cost += spent
            guard let verdict, let pick = verdict.pick else {
                await recordQuietly(
                    .raceJudged(
                        task: task, judge: judge, verdict: RaceVerdict(pick: nil, reason: why), costUSD: cost > 0 ? cost : nil))
                return
            }
            out.append(pick == winner ? challenger : winner)
            winner = pick
            reason = verdict.reason
        }
        let ranking = [winner] + out.reversed()
        await recordQuietly(
            .raceJudged(
                task: task, judge: judge, verdict: RaceVerdict(pick: winner, reason: reason, ranking: ranking),
                costUSD: cost > 0 ? cost : nil))
    }

    /// One comparison of `agents`' work: the verdict, what it cost, and why there is none.
    private func compare(
        _ agents: [String], of task: String, _ planTask: PlanTask, diffs: [String: String], judge: String
    ) async -> (RaceVerdict?, Double, String) {
        guard let race = state.races[task] else { return (nil, 0, "the race is gone") }
        let sections = agents.map { agent -> String in
            let id = race.contestant(agent)
            let p = state.progress[id] ?? TaskProgress()
            var facts: [String] = []
            if let verdict = p.verdict { facts.append("checks: " + verdict.line) }
            if let review = p.review { facts.append("review: " + review.outcome.rawValue) }
            if let cp = p.lastCheckpoint { facts.append("diff: " + cp.stat.summary) }
            facts.append("turns: \(p.turn)")
            let summary = TerminalText.oneLine(p.lastCheckpoint?.report.summary ?? "", limit: 300)
            return """
                ### \(agent) (branch \(p.branch ?? "?"), worktree \(p.worktree ?? "?"))
                \(facts.joined(separator: " · "))
                its own summary: \(summary.isEmpty ? "(none)" : summary)
                ```diff
                \(diffs[agent] ?? "(no diff)")
                ```
                """
        }
        let prompt = context.prompts.render(
            "judge",
            [
                "task_id": task, "task_title": planTask.title, "detail": planTask.detail.isEmpty ? "(no detail)" : planTask.detail,
                "acceptance": planTask.acceptance.isEmpty ? "(none given)" : planTask.acceptance.map { "- \($0)" }.joined(separator: "\n"),
                "contestants": sections.joined(separator: "\n\n"), "names": agents.joined(separator: ", "),
            ])
        let asker = OneShotAgent(context: context, scratchDirectory: runFiles.directory)
        let directory = state.progress[race.contestant(agents[0])]?.worktree
        var cost = 0.0
        var why = "its reply held no verdict block"
        for attempt in 0..<2 {
            let ask =
                attempt == 0 ? prompt : prompt + "\n\nYour previous reply was not the JSON object asked for. Answer with only that object."
            let reply = await asker.ask(judge, prompt: ask, tag: "judge-\(task)", schema: RaceVerdict.schema, in: directory)
            cost += reply.costUSD ?? 0
            if let text = reply.text, let verdict = RaceVerdict.parse(text, agents: agents) { return (verdict, cost, "") }
            if let error = reply.error { why = TerminalText.oneLine(error, limit: 160) }
            if reply.fatal { break }
        }
        return (nil, cost, why)
    }
}
