import BatonCore
import BatonRuntime

/// Turns each applied event into the lines the conversation shows. The same renderer draws
/// the live conversation and rebuilds the transcript on resume.
struct TranscriptRenderer {
    let style: Style
    let width: Int
    /// On resume: also show what the user typed, and skip routine activity.
    var replaying = false

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
            if !replaying { out.append(prefix(task, state) + style.dim(TerminalText.oneLine(text, limit: 100))) }
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
            if let d = state.decision(id) {
                let next = d.task.map { t in state.status(of: t) == .running ? " · \(t) continues" : "" } ?? ""
                out.append(
                    "\(style.id(id)) answered: \(TerminalText.oneLine(d.answer ?? "", limit: 120))\(state.integrationBranch == nil ? "" : " · recorded in DECISIONS.md")\(next)"
                )
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
        case .agentAvailable(let agent):
            out.append("\(agent)'s rate limit has reset — its tasks may start again")
        case .mergeConflicted, .runStalled, .agentLimitsSet: break
        }
        // Decisions opened by this event.
        for d in state.decisions.dropFirst(before.decisions.count) where d.isOpen {
            out += decisionBlock(d, state)
        }
        return out
    }

    func view(_ state: SessionState) -> PlanView { PlanView(plan: state.plan, state: state, style: style, width: width) }

    /// `[T2 codex ] ` — task id and agent, padded so columns align.
    func prefix(_ task: String, _ state: SessionState) -> String {
        let agent = state.progress[task]?.agent ?? state.plan.task(task)?.route ?? "?"
        let width = max(6, state.plan.tasks.compactMap { state.progress[$0.id]?.agent ?? $0.route }.map(\.count).max() ?? 0)
        let padded = agent + String(repeating: " ", count: max(0, width - agent.count))
        return style.dim("[") + style.id(task) + " " + padded + style.dim("]") + " "
    }

    func checkpointLine(_ task: String, _ cp: Checkpoint, _ state: SessionState) -> String {
        let p = state.progress[task]
        if cp.report.kind == .done {
            var parts = [style.ok("done"), cp.stat.summary, "\(cp.turn) turn\(cp.turn == 1 ? "" : "s")"]
            if let start = p?.startedAt { parts.append(Elapsed.format(seconds: (p?.endedAt ?? state.lastEventAt) - start)) }
            if let p, p.tokens > 0 { parts.append((p.tokensExact ? "" : "~") + Tokens.describe(p.tokens, cached: p.cachedTokens)) }
            if let cost = p?.costUSD, cost > 0 {
                parts.append((p?.costEstimated == true || p?.costKnown == false ? "~" : "") + Money.format(cost))
            }
            parts.append("/diff \(task) · /merge \(task) · /reject \(task) <why>")
            return parts.joined(separator: " · ")
        }
        var line = "checkpoint \(cp.number) · \(cp.report.kind.label) · \(cp.stat.summary)"
        let next = TerminalText.oneLine(cp.report.next, limit: 80)
        if !next.isEmpty { line += " · next: \(next)" }
        if cp.report.kind == .unstructured { line += " · " + TerminalText.oneLine(cp.report.summary, limit: 80) }
        return line
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
