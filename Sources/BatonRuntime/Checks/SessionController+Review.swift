import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

extension SessionController {
    /// The most of a diff a reviewer is given (the rest is cut, and it is told so).
    static let reviewDiffLimit = 60_000

    /// Asks `reviewer` for a verdict in the background; records `taskReviewed`.
    func reviewInBackground(_ task: String, reviewer: String) {
        Task { await self.review(task, reviewer: reviewer) }
    }

    /// Runs the reviewer read-only in the task's worktree with the task, its acceptance
    /// criteria, DECISIONS.md and the diff; a reply without a valid verdict is asked again
    /// once, then recorded as "review unavailable" (never as an approval).
    private func review(_ task: String, reviewer: String) async {
        guard let planTask = state.runTask(task), let p = state.progress[task], let worktree = p.worktree,
            let branch = p.branch, let base = p.baseCommit
        else { return }
        var diff = (try? await context.workspace.diff(branch: branch, since: base)) ?? ""
        if diff.utf8.count > Self.reviewDiffLimit {
            diff = String(diff.utf8.prefix(Self.reviewDiffLimit)) ?? String(diff.prefix(Self.reviewDiffLimit / 4))
            diff += "\n… (the diff goes on; read the files in the working directory)"
        }
        var decisions = "(none yet)"
        if let integration, let text = try? await context.workspace.readDecisions(in: integration), !text.isEmpty { decisions = text }
        let prompt = context.prompts.render(
            "review",
            [
                "task_id": task, "task_title": planTask.title, "detail": planTask.detail.isEmpty ? "(no detail)" : planTask.detail,
                "acceptance": planTask.acceptance.isEmpty ? "(none given)" : planTask.acceptance.map { "- \($0)" }.joined(separator: "\n"),
                "decisions": decisions, "diff": diff,
            ])
        let agent = OneShotAgent(context: context, scratchDirectory: runFiles.directory)
        var cost = 0.0
        var verdict: ReviewVerdict?
        var why = "its reply held no verdict block"
        for attempt in 0..<2 {
            let ask =
                attempt == 0 ? prompt : prompt + "\n\nYour previous reply was not the JSON object asked for. Answer with only that object."
            let reply = await agent.ask(reviewer, prompt: ask, tag: "review-\(task)", schema: ReviewVerdict.schema, in: worktree)
            cost += reply.costUSD ?? 0
            if let text = reply.text, let parsed = ReviewVerdict.parse(text) {
                verdict = parsed
                break
            }
            if let error = reply.error { why = TerminalText.oneLine(error, limit: 160) }
            if reply.fatal { break }
        }
        await recordQuietly(
            .taskReviewed(
                task: task, reviewer: reviewer, review: verdict ?? ReviewVerdict(outcome: .unavailable, note: why),
                costUSD: cost > 0 ? cost : nil))
    }
}
