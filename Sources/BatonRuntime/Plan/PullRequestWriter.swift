import BatonCore
import Foundation

/// Writes the PR description (PR.md) from the session's events: by the writer route (an
/// agent, with prompts/summarize.md) when one is available, else from a template.
public struct PullRequestWriter: Sendable {
    public let context: RuntimeContext
    public let scratch: String

    public init(context: RuntimeContext, scratch: String) {
        self.context = context
        self.scratch = scratch
    }

    public func write(state: SessionState) async -> String { await compose(state: state).text }

    /// The description, and the one line to tell the user when the writer's reply was not
    /// used (a question, not a description): then the text is the template.
    public func compose(state: SessionState) async -> (text: String, fallback: String?) {
        let template = Self.template(state)
        guard let writer = ["claude", "codex", "gemini"].first(where: { context.registry.isAvailable($0) }) else { return (template, nil) }
        let prompt = context.prompts.render(
            "summarize",
            [
                "mission": state.mission ?? "",
                "tasks": Self.taskLines(state).joined(separator: "\n"),
                "decisions": Self.decisionLines(state).joined(separator: "\n"),
                "checks": Self.checkLines(state).joined(separator: "\n"),
            ])
        let reply = await OneShotAgent(context: context, scratchDirectory: scratch).ask(writer, prompt: prompt, tag: "writer")
        switch PullRequestText.validate(reply.text ?? "") {
        case .success(let text): return (text, nil)
        case .failure(let rejection): return (template, rejection.line)
        }
    }

    /// The description without an agent: mission, what each task did, decisions, checks.
    public static func template(_ state: SessionState) -> String {
        let mission = state.mission ?? ""
        let title = TerminalText.oneLine(mission.split(separator: "\n").first.map(String.init) ?? "Baton session", limit: 72)
        var out = ["# \(title)", "", "## Why", "", TerminalText.sanitize(mission), "", "## What changed", ""]
        out += taskLines(state)
        out += ["", "## Decisions", ""]
        let decisions = decisionLines(state)
        out += decisions.isEmpty ? ["- none"] : decisions
        out += ["", "## How it was checked", ""]
        out += checkLines(state)
        out += ["", "## Reviews", ""]
        out += reviewLines(state)
        out += ["", "_Prepared by Baton from session \(state.id)._", ""]
        return out.joined(separator: "\n")
    }

    static func taskLines(_ state: SessionState) -> [String] {
        state.plan.tasks.map { t in
            let p = state.progress[t.id]
            let status = state.status(of: t.id)
            let stat = p?.lastCheckpoint?.stat.summary ?? "no changes"
            let summary = p?.lastCheckpoint.map { TerminalText.oneLine($0.report.summary, limit: 200) } ?? ""
            return "- **\(t.id) \(TerminalText.oneLine(t.title, limit: 80))** (\(p?.agent ?? t.route ?? "—"), \(status.label), \(stat))"
                + (summary.isEmpty ? "" : ": \(summary)")
        }
    }

    static func decisionLines(_ state: SessionState) -> [String] {
        state.decisions.filter { $0.answer != nil }.map { d in
            d.kind == .note
                ? "- \(d.id) note: \(TerminalText.oneLine(d.answer ?? "", limit: 200))"
                : "- \(d.id) (\(d.task ?? "mission")): \(TerminalText.oneLine(d.question, limit: 160)) → \(TerminalText.oneLine(d.answer ?? "", limit: 120))"
        }
    }

    /// How each task's work was reviewed before it merged.
    static func reviewLines(_ state: SessionState) -> [String] {
        let lines = state.plan.tasks.compactMap { t -> String? in
            let status = state.status(of: t.id)
            guard status == .merged || status == .review else { return nil }
            let findings = state.decisions.filter { $0.kind == .review && $0.task == t.id && $0.answer != nil }
                .map { "\(TerminalText.oneLine($0.question, limit: 120)) → \(TerminalText.oneLine($0.answer ?? "", limit: 60))" }
            return "- \(t.id): " + (status == .merged ? "reviewed in Baton and merged" : "waiting for review")
                + (findings.isEmpty ? "" : " · " + findings.joined(separator: "; "))
        }
        return lines.isEmpty ? ["- no task reached review"] : lines
    }

    static func checkLines(_ state: SessionState) -> [String] {
        let lines =
            verdictLines(state)
            + state.plan.tasks.flatMap { t in t.acceptance.map { "- \(t.id): \(TerminalText.oneLine($0, limit: 160))" } }
        return lines.isEmpty ? ["- each task ended at a done checkpoint reviewed in Baton"] : lines
    }

    /// `- T1 checks ✓ test 41 passed · 38s`, and the integration branch's last verdict.
    static func verdictLines(_ state: SessionState) -> [String] {
        guard !state.checks.isEmpty else { return [] }
        var lines = state.plan.tasks.compactMap { t -> String? in
            guard let p = state.progress[t.id], let v = p.verdict else { return nil }
            let waived = p.checksWaived && !v.green ? " (taken as is)" : ""
            let rework = p.reworkTurns > 0 ? " after \(p.reworkTurns) rework turn\(p.reworkTurns == 1 ? "" : "s")" : ""
            let review =
                p.review.map { r in
                    "; review (\(p.reviewer ?? "?")): "
                        + (r.outcome == .unavailable ? "unavailable" : r.approved ? "approved" : "changes asked")
                        + (r.findings.isEmpty ? "" : ", \(r.findings.count) finding\(r.findings.count == 1 ? "" : "s")")
                } ?? ""
            return "- \(t.id) checks \(TerminalText.oneLine(v.line, limit: 200))\(waived)\(rework)\(review)"
        }
        if let v = state.integrationVerdict { lines.append("- integration branch checks \(TerminalText.oneLine(v.line, limit: 200))") }
        return lines
    }
}
