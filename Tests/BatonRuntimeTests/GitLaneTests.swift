import BatonCore
import Foundation
import Testing

@testable import BatonRuntime

/// Git work waits in lanes: the critical chain's merges and worktrees go first, and a merge
/// never waits for another task's worktree.
@Suite struct GitLaneTests {
    @Test func waitingGitWorkGoesOnByPriorityAndTheLanesDoNotBlockEachOther() async throws {
        let h = try ControllerHarness()
        let session = try h.sessions.store.create(repository: h.repo.path, now: 1_800_000_000)
        let controller = await h.observe(session)
        let order = await controller.gitWorkOrder(priorities: [1, 3, 2, 3])
        // Highest first; equal priorities in the order they came.
        #expect(order.worktrees == ["3a", "3b", "2", "1"])
        #expect(order.integrationRanWhileWorktreesBusy)
    }
}

extension SessionController {
    /// Holds the worktrees lane while work of `priorities` queues for it, checks that the
    /// integration lane is free meanwhile, then lets the queue go: the order it ran in.
    fileprivate func gitWorkOrder(priorities: [Int]) async -> (worktrees: [String], integrationRanWhileWorktreesBusy: Bool) {
        let ran = Locked<[String]>([])
        let gate = Locked<CheckedContinuation<Void, Never>?>(nil)
        let holder = Task {
            await withGitLock(.worktrees) {
                await withCheckedContinuation { continuation in gate.withLock { $0 = continuation } }
            }
        }
        while gate.withLock({ $0 == nil }) { await Task.yield() }
        var seen: [Int: Int] = [:]
        var waiters: [Task<Void, Never>] = []
        for priority in priorities {
            seen[priority, default: 0] += 1
            let name = priorities.filter { $0 == priority }.count > 1 ? "\(priority)\(seen[priority] == 1 ? "a" : "b")" : "\(priority)"
            let queued = gitQueue[.worktrees]?.count ?? 0
            waiters.append(Task { await withGitLock(.worktrees, priority: priority) { ran.withLock { $0.append(name) } } })
            while (gitQueue[.worktrees]?.count ?? 0) == queued { await Task.yield() }
        }
        var integrationRan = false
        await withGitLock(.integration) { integrationRan = gitBusy.contains(.worktrees) }
        gate.withLock { $0?.resume() }
        await holder.value
        for waiter in waiters { await waiter.value }
        return (ran.withLock { $0 }, integrationRan)
    }
}

/// A value shared with tasks, behind a lock.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
