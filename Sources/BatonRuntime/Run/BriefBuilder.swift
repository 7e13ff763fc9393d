import BatonCore
import BatonWorkspace
import Foundation

/// Assembles a task's context brief (prompts/worker.md) from the session and the repository:
/// the mission, the task, the state of its area, what runs alongside, the decisions so far.
struct BriefBuilder {
    let controller: SessionController

    /// The brief's text, and where it goes (``Workspace/briefPath(in:)``, absolute).
    /// Throws when where it goes cannot be told: guessing could overwrite a CONTEXT.md the
    /// repository tracks.
    func brief(for task: PlanTask, worktree: String) async throws -> (text: String, path: String) {
        let state = await controller.state
        let workspace = controller.context.workspace
        async let path = workspace.briefPath(in: worktree, isNew: await controller.takeNewWorktree(task.id))
        // Asked while the worktree was made (see `prepareWorkspace`), or now, beside the path.
        let prefetched = await controller.takeBriefArea(task.id)
        let area = if let prefetched { await prefetched.value } else { await Self.area(of: task, in: workspace) }
        let absoluteBriefPath = try await path
        var decisions = ""
        if let integration = await controller.integration {
            do {
                decisions = try await workspace.readDecisions(in: integration)
            } catch {
                // The session's own record of the decisions (below) stands in.
                await controller.problem("could not read DECISIONS.md for \(task.id)'s brief: \(error)")
            }
        }
        if decisions.isEmpty {
            decisions = state.decisions.filter { $0.answer != nil }
                .map { DecisionLogEntry.text(for: $0, at: state.lastEventAt) }.joined(separator: "\n")
        }
        let others = state.plan.tasks.filter { other in
            other.id != task.id && [.preparing, .running, .waiting, .paused].contains(state.status(of: other.id))
        }.map { "- \($0.id) \($0.title) (scope: \(list($0.scope)))" }
        let briefPath = String(absoluteBriefPath.dropFirst(worktree.count + 1))
        let text = controller.context.prompts.render(
            "worker",
            [
                "mission": state.mission ?? "",
                "task_id": task.id,
                "task_title": task.title,
                "task_kind": task.kind.rawValue,
                "task_detail": task.detail.isEmpty ? "(none beyond the title)" : task.detail,
                "acceptance": task.acceptance.isEmpty
                    ? "- (none given: use your judgement and say what you checked)"
                    : task.acceptance.map { "- \($0)" }.joined(separator: "\n"),
                "scope": list(task.scope),
                "avoid": task.avoid.isEmpty ? "(nothing listed; still stay inside your scope)" : task.avoid.joined(separator: ", "),
                "area_files": area.files.isEmpty ? "(no tracked files there yet)" : area.files.map { "- \($0)" }.joined(separator: "\n"),
                "area_commits": area.commits.isEmpty ? "(none)" : area.commits.map { "- \($0)" }.joined(separator: "\n"),
                "others": others.isEmpty ? "(no other task is running now)" : others.joined(separator: "\n"),
                "decisions": decisions.isEmpty ? "(no decisions yet)" : decisions,
                "brief_path": briefPath,
            ])
        let included = workspace.includedFiles(in: worktree)
        let listed =
            included.isEmpty
            ? ""
            : "\n\n## Files from the main checkout\nCopied (or linked) here because the repository ignores them; never committed: "
                + included.prefix(30).joined(separator: ", ") + (included.count > 30 ? ", …" : "") + ".\n"
        return (text + listed, absoluteBriefPath)
    }

    /// What the brief says about the task's area of the repository: its tracked files and
    /// latest commits.
    struct Area: Sendable {
        var files: [String]
        var commits: [String]
    }

    /// Asks git about the task's area: two processes side by side. The area only adds
    /// context, so the brief does without what git cannot list.
    static func area(of task: PlanTask, in workspace: Workspace) async -> Area {
        async let files = try? workspace.trackedFiles(under: task.scope, limit: 40)
        async let commits = try? workspace.recentCommits(touching: task.scope, limit: 8)
        return await Area(files: files ?? [], commits: commits ?? [])
    }

    private func list(_ paths: [String]) -> String {
        paths.isEmpty ? "(anywhere in the repository)" : paths.joined(separator: ", ")
    }
}
