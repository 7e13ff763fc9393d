import BatonCore
import BatonWorkspace

extension SessionController {
    /// How many worktrees may be checked out ahead of their tasks at a time.
    static let earlyWorktreeLimit = 8
    /// How long after a task's worktree is made its dependents' are checked out: not while its
    /// agent starts, which would wait for the processor.
    static let earlyCheckoutDelay: Duration = .milliseconds(300)

    /// Checks out, in the background, a little later, and after every other worktree waiting
    /// for git, the worktrees of the tasks coming next after `task` (`Scheduler.comingNext`).
    /// When their last dependency is merged, the dependent's worktree only needs a fast-forward
    /// (`Workspace.createTaskWorktree`), not a checkout: the time from one task to the next
    /// along a chain shrinks by the checkout's. The session's state does not change: the
    /// worktree is the task's once `workspaceCreated` is recorded, as ever.
    func checkOutDependentsEarly(of task: String) {
        guard let integration else { return }
        for dependent in Scheduler.comingNext(after: task, in: state) where earlyWorktrees[dependent] == nil {
            guard earlyWorktrees.count < Self.earlyWorktreeLimit else { return }
            let (workspace, include, session, clock) = (context.workspace, context.registry.include, id, context.clock)
            earlyWorktrees[dependent] = Task {
                try? await clock.sleep(for: Self.earlyCheckoutDelay)
                let sparse = await sparsePaths(for: dependent)
                await withGitLock(.worktrees, priority: 0) {
                    // Not wanted any more: the task's own checkout went ahead meanwhile.
                    guard earlyWorktrees[dependent] != nil else { return }
                    checkingOutEarly.insert(dependent)
                    defer { checkingOutEarly.remove(dependent) }
                    try? await workspace.checkOutTaskWorktreeEarly(
                        session: session, task: dependent, from: integration.branch, include: include, sparse: sparse)
                }
            }
        }
    }

    /// Waits for `task`'s early checkout if it is under way; one not started yet is dropped
    /// (the task's own checkout goes ahead, at its own priority).
    func takeEarlyWorktree(_ task: String) async {
        guard let early = earlyWorktrees.removeValue(forKey: task) else { return }
        if checkingOutEarly.contains(task) { await early.value } else { early.cancel() }
    }
}
