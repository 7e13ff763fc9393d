import BatonCore
import BatonRuntime
import LineEditor

/// Turns each applied event into the lines the conversation shows. The same renderer draws
/// the live conversation and rebuilds the transcript on resume.
struct TranscriptRenderer {
    let style: Style
    let width: Int
    /// On resume: also show what the user typed, and skip routine activity.
    var replaying = false

    /// True for an event this renderer draws no line for whatever the state: routine
    /// activity on resume (it opens no decision and moves no check), which the transcript
    /// then only reduces.
    func showsNothing(for event: SessionEvent) -> Bool {
        replaying && event.isAgentActivity
    }

    func lines(for update: SessionUpdate) -> [String] {
        let state = update.state
        let before = update.previous
        var out: [String] = []
        switch update.record.event {
        case .missionSet(let text), .userSaid(let text):
            if replaying && !text.isEmpty { out.append(style.dim("baton ▸ ") + TerminalText.sanitize(text)) }
        case .planProposed(let planner, _, let cost, let note):
            if let note { out.append(style.warning(TerminalText.oneLine(note, limit: 300))) }
            let view = PlanView(plan: state.plan, state: state, style: style, width: width)
            if before.plan.isEmpty {
                out += view.full(headline: view.headline(planner: planner, seconds: nil, costUSD: cost))
                out.append(PlanView.editHint)
            } else {
                out.append("planner (\(planner)) revised the plan · v\(state.plan.version)")
                out += PlanDiff.between(before.plan, state.plan).lines.map { "  " + $0 }
                out += view.full(headline: nil)
            }
        case .planEdited(let command, _):
            let diff = PlanDiff.between(before.plan, state.plan).lines
            out.append((replaying ? style.dim("baton ▸ ") + command + " · " : "") + "plan v\(state.plan.version) · " + view(state).summary)
            out += diff.map { "  " + $0 }
        case .planUndone, .planRedone:
            let word = if case .planUndone = update.record.event { "undid" } else { "redid" }
            out.append("\(word): back to plan v\(state.plan.version)")
            out += PlanDiff.between(before.plan, state.plan).lines.map { "  " + $0 }
        case .replanRequested(let feedback):
            if replaying { out.append(style.dim("baton ▸ ") + "/replan " + TerminalText.oneLine(feedback, limit: 200)) }
        case .plannerFailed(_, let reason):
            out.append(style.warning(TerminalText.oneLine(reason, limit: 300)))
        case .planApproved(let branch, _):
            out.append("plan approved · \(state.plan.tasks.count) tasks · integration branch \(branch)")
        case .workspaceCreated(let task, let worktree, _, _):
            if state.progress[task]?.agent == AgentName.human {
                out.append(prefix(task, state) + "your turn: work in \(relative(worktree)), then /done \(task) [summary]")
            }
        case .turnStarted(let task, let turn, let agent, _, _, _):
            if turn == 1 || before.progress[task]?.agent != agent {
                out.append("started \(style.id(task)) on \(agent) in \(relative(state.progress[task]?.worktree ?? ""))")
            }
        case .taskActivity(let task, let text):
            // Cut to the line with …: the full text is one /log away.
            guard !showsNothing(for: update.record.event) else { break }
            let room = max(20, width - TextWrap.visibleWidth(prefix(task, state)))
            out.append(prefix(task, state) + style.dim(TerminalText.oneLine(text, limit: room)))
        case .warningGiven(let task, _, let text):
            if !replaying { out.append(prefix(task, state) + style.warning(TerminalText.oneLine(text, limit: 300))) }
        case .turnFinished(let task, _, let result):
            if state.status(of: task) == .failed {
                let why = TerminalText.oneLine(result.error ?? "exited with status \(result.exitCode)", limit: 160)
                out.append(prefix(task, state) + style.bad("failed") + " · \(why) · /log \(task) · /retry \(task)")
            }
        case .checkpointRecorded(let task, let cp):
            out.append(prefix(task, state) + checkpointLine(task, cp, state))
        case .taskFailed(let task, let reason):
            let hint = reason.contains("/retry") ? "" : " · /retry \(task)"
            out.append(prefix(task, state) + style.bad("failed") + " · " + TerminalText.oneLine(reason, limit: 200) + hint)
        case .runInterrupted(let task, let reason):
            out.append(prefix(task, state) + style.warn("interrupted") + " · \(reason) · /retry \(task)")
        case .decisionAnswered(let id, _):
            if let d = state.decision(id), d.reusedFrom == nil || before.decision(id)?.reusedFrom == nil {
                let next = d.task.map { t in state.status(of: t) == .running ? " · \(t) continues" : "" } ?? ""
                let replaced = d.replaced.map { " · replaces \($0) for every task" } ?? ""
                out.append(
                    "\(style.id(id)) answered: \(TerminalText.oneLine(d.answer ?? "", limit: 120))\(state.integrationBranch == nil || d.reusedFrom != nil ? "" : " · recorded in DECISIONS.md")\(replaced)\(next)"
                )
            }
        case .answerContradicted(let id, _, let earlierID):
            if let d = state.decision(id), let earlier = state.decision(earlierID) {
                out.append(contradictionLine(d, earlier))
            }
        case .guidanceGiven(let task, _):
            out.append("guidance for \(task) queued for its next turn")
        case .noteRecorded:
            if let d = state.decisions.last {
                out.append(
                    "noted as \(style.id(d.id))"
                        + (state.integrationBranch == nil ? " · goes into DECISIONS.md at /go" : " · recorded in DECISIONS.md"))
            }
        case .taskPaused(let task): out.append("\(task) paused · /continue \(task)")
        case .taskContinued(let task): out.append("\(task) continues")
        case .taskCancelled(let task): out.append("\(task) cancelled · its worktree is kept")
        case .taskRetried(let task, let agent): out.append("retrying \(task)" + (agent.map { " on \($0)" } ?? ""))
        case .humanFinished(let task, _): out.append("\(task) marked done by you")
        case .taskMerged(let task, _):
            let resumed = state.plan.ids.filter { before.status(of: $0) == .paused && state.status(of: $0) != .paused }
            out.append(
                style.ok("merged") + " \(task) into \(state.integrationBranch ?? "the integration branch")"
                    + resumed.map { " · \($0) continues" }.joined())
        case .taskRejected(let task, _):
            out.append("\(task) goes back to \(state.progress[task]?.agent ?? "its agent") with your feedback")
        case .parallelismSet(let n): out.append("up to \(n) task\(n == 1 ? "" : "s") at once")
        case .policySet(let name, let value): out.append("policy \(name) \(value)")
        case .budgetSet(let usd): out.append(usd.map { "budget \(Money.format($0)) for the mission" } ?? "no budget")
        case .permissionBypassSet(let on):
            out.append(on ? style.warning("agents may bypass their permission prompts in this session") : "permission bypass off")
        case .sessionFinished(let file): out.append("wrote \(relative(file))")
        case .agentNoted(let task, _, let text):
            if let d = state.decisions.last {
                out.append(prefix(task, state) + "noted as \(style.id(d.id)): " + TerminalText.oneLine(text, limit: 160))
            }
        case .progressReported(let task, _, let summary, let next):
            var line = "progress · " + TerminalText.oneLine(summary, limit: 120)
            if !next.isEmpty { line += " · next: " + TerminalText.oneLine(next, limit: 80) }
            out.append(prefix(task, state) + line)
        case .agentAvailable(let agent):
            out.append("\(agent)'s rate limit has reset — its tasks may start again")
        case .mergeConflicted, .runStalled, .agentLimitsSet, .agentAsked, .agentSessionOpened, .permissionAsked: break
        case .checksConfigured, .checksRequested, .checksStarted, .checksFinished, .checksInterrupted, .mergeChecked, .mergeReverted,
            .taskReviewed, .integrationFixStarted, .integrationFixFinished:
            out += checkLines(for: update)
        case .raceSet, .raceDeadlinePassed, .raceJudged, .racePicked:
            out += raceLines(for: update)
        }
        out += raceStartLines(update)
        out += checkQueueLines(update)
        // Decisions answered from an earlier one by this event ("never ask twice").
        for d in state.decisions where d.reusedFrom != nil && (before.decision(d.id).map { $0.isOpen } ?? true) {
            if case .decisionAnswered(let id, _) = update.record.event, id == d.id { continue }
            out.append(reusedLine(d, state))
        }
        // Decisions opened by this event.
        for d in state.decisions.dropFirst(before.decisions.count) where d.isOpen {
            // The same question already waiting: one line, answered with it ("asked once").
            if let first = sameQuestionWaiting(d, state) {
                out.append(
                    prefix(d.task ?? "", state) + "\(style.id(d.id)) asks the same as \(first.id) — answered with it · "
                        + "/decisions · /decide \(first.id) <answer>")
                continue
            }
            out += decisionBlock(d, state)
        }
        return out
    }

    func view(_ state: SessionState) -> PlanView { PlanView(plan: state.plan, state: state, style: style, width: width) }

    /// `[T2 codex ] ` — task id and agent, padded so columns align.
    func prefix(_ task: String, _ state: SessionState) -> String {
        if state.isContestant(task) { return style.dim("[") + style.id(task) + style.dim("]") + " " }  // [T3.codex]
        let agent = state.progress[task]?.agent ?? state.plan.task(task)?.route ?? "?"
        let width = max(6, state.plan.tasks.compactMap { state.progress[$0.id]?.agent ?? $0.route }.map(\.count).max() ?? 0)
        let padded = agent + String(repeating: " ", count: max(0, width - agent.count))
        return style.dim("[") + style.id(task) + " " + padded + style.dim("]") + " "
    }

    func checkpointLine(_ task: String, _ cp: Checkpoint, _ state: SessionState) -> String {
        let p = state.progress[task]
        var parts: [String]
        var tail: [String] = []
        if cp.report.kind == .done {
            parts = [style.ok("done")]
            tail = [cp.stat.summary, turnsLabel(cp.turn, p)]
            if let start = p?.startedAt { tail.append(Elapsed.format(seconds: (p?.endedAt ?? state.lastEventAt) - start)) }
            if let p, p.tokens > 0 { tail.append((p.tokensExact ? "" : "~") + Tokens.describe(p.tokens, cached: p.cachedTokens)) }
            if let cost = p?.costUSD, cost > 0 {
                tail.append((p?.costEstimated == true || p?.costKnown == false ? "~" : "") + Money.format(cost))
            }
            if state.checks.isEmpty && !state.isContestant(task) { tail.append("/diff \(task) · /merge \(task) · /reject \(task) <why>") }
        } else {
            parts = ["checkpoint \(cp.number)", cp.report.kind.label]
            tail = [cp.stat.summary]
            let next = TerminalText.oneLine(cp.report.next, limit: 80)
            if !next.isEmpty { tail.append("next: \(next)") }
        }
        // The agent's summary, cut to what is left of the line (never below 40 characters:
        // then the line wraps).
        let summary = TerminalText.oneLine(cp.report.summary, limit: 300)
        if !summary.isEmpty {
            let used = TextWrap.visibleWidth(prefix(task, state) + (parts + tail).joined(separator: " · ")) + 3
            parts.append(TerminalText.oneLine(summary, limit: max(40, width - used)))
        }
        return (parts + tail).joined(separator: " · ")
    }

    /// An earlier open decision asking the same question as `d`, when answers are reused.
    func sameQuestionWaiting(_ d: Decision, _ state: SessionState) -> Decision? {
        guard state.policy.reuseAnswers, d.task != nil, d.fromAgent == true, DecisionMatch.reusable(d.kind) else { return nil }
        return state.openDecisions.first { o in
            o.id != d.id && o.kind == d.kind && o.contradicts == nil && o.fromAgent == true
                && DecisionMatch.same(question: o.question, options: o.options, as: d.question, options: d.options)
                && state.decisions.firstIndex(of: o)! < state.decisions.firstIndex(of: d)!
        }
    }

    /// `D4 answered from D1: SQLite · /decide D4 <other> to change`
    func reusedLine(_ d: Decision, _ state: SessionState) -> String {
        let who = d.task.map { prefix($0, state) } ?? ""
        return who + "\(style.id(d.id)) answered from \(d.reusedFrom ?? ""): \(TerminalText.oneLine(d.answer ?? "", limit: 120)) · "
            + "/decide \(d.id) <other> to change"
    }

    /// `D2 contradicts D1 (SQLite): 1) use in memory for T2 only 2) replace D1 for every task 3) keep D1`
    func contradictionLine(_ d: Decision, _ earlier: Decision) -> String {
        let options = d.contradictionOptions(earlier: earlier).enumerated().map {
            "\($0.offset + 1)) \(TerminalText.oneLine($0.element, limit: 80))"
        }
        return style.warn("?") + " \(style.id(d.id)) contradicts \(earlier.id) (\(TerminalText.oneLine(earlier.answer ?? "", limit: 60))): "
            + options.joined(separator: " ") + "  " + style.dim("/decide \(d.id) <1|2|3>")
    }

    /// The set-apart block of a decision: blank line, `?`, numbered options, how to answer.
    func decisionBlock(_ d: Decision, _ state: SessionState) -> [String] {
        let who = d.task.map { "[\($0) \(state.progress[$0]?.agent ?? "")] " } ?? ""
        var lines = ["", style.warn("?") + " \(style.id(d.id))  \(who)\(TerminalText.oneLine(d.question, limit: 300))"]
        let options = d.options.enumerated().map { "\($0.offset + 1)) \(TerminalText.oneLine($0.element, limit: 60))" }
        let choices = d.options.isEmpty ? "<text>" : (1...d.options.count).map(String.init).joined(separator: "|") + "|text"
        lines.append(
            "      " + options.joined(separator: "   ") + (options.isEmpty ? "" : "        ") + style.dim("/decide \(d.id) <\(choices)>"))
        return lines
    }

    func relative(_ path: String) -> String {
        if let r = path.range(of: "/.baton/") { return String(path[r.lowerBound...].dropFirst()) }
        return path
    }
}
