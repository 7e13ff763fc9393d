import BatonCore
import Foundation
import Testing

@testable import BatonRuntime

/// Git work waits in lanes: the critical chain's merges and worktrees go first, a merge never
/// waits for another task's worktree, and a few worktrees are made at once.
@Suite struct GitLaneTests {
    @Test func waitingGitWorkGoesOnByPriorityAndTheLanesDoNotBlockEachOther() async throws {
        let h = try ControllerHarness()
        let session = try h.sessions.store.create(repository: h.repo.path, now: 1_800_000_000)
        let controller = await h.observe(session)
        let order = await controller.gitWorkOrder(in: .integration, priorities: [1, 3, 2, 3])
        // Highest first; equal priorities in the order they came.
        #expect(order.ran == ["3a", "3b", "2", "1"])
        #expect(order.otherLaneRanMeanwhile)
        let worktrees = await controller.gitWorkOrder(in: .worktrees, priorities: [1, 2])
        #expect(worktrees.ran == ["2", "1"])
        #expect(worktrees.otherLaneRanMeanwhile)
    }
}

extension SessionController {
    /// Fills `lane` with work that holds it, queues work of `priorities`, checks that the
    /// other lane is free meanwhile, then lets the lane go: the order the queue ran in.
    fileprivate func gitWorkOrder(in lane: GitLane, priorities: [Int]) async -> (ran: [String], otherLaneRanMeanwhile: Bool) {
        let ran = Locked<[String]>([])
        let gates = Locked<[CheckedContinuation<Void, Never>]>([])
        var holders: [Task<Void, Never>] = []
        for _ in 0..<lane.capacity {
            holders.append(
                Task {
                    await withGitLock(lane) {
                        await withCheckedContinuation { continuation in gates.withLock { $0.append(continuation) } }
                    }
                })
        }
        while gates.withLock({ $0.count }) < lane.capacity { await Task.yield() }
        var seen: [Int: Int] = [:]
        var waiters: [Task<Void, Never>] = []
        for priority in priorities {
            seen[priority, default: 0] += 1
            let twice = priorities.filter { $0 == priority }.count > 1
            let name = "\(priority)" + (twice ? (seen[priority] == 1 ? "a" : "b") : "")
            let queued = gitQueue[lane]?.count ?? 0
            waiters.append(Task { await withGitLock(lane, priority: priority) { ran.withLock { $0.append(name) } } })
            while (gitQueue[lane]?.count ?? 0) == queued { await Task.yield() }
        }
        let other: GitLane = lane == .integration ? .worktrees : .integration
        var otherRan = false
        await withGitLock(other) { otherRan = gitRunning[lane] == lane.capacity }
        // One holder lets go at a time: the queue runs one by one, in its order.
        for gate in gates.withLock({ $0 }) {
            let before = ran.withLock { $0.count }
            gate.resume()
            while ran.withLock({ $0.count }) == before, ran.withLock({ $0.count }) < priorities.count { await Task.yield() }
        }
        for holder in holders { await holder.value }
        for waiter in waiters { await waiter.value }
        return (ran.withLock { $0 }, otherRan)
    }
}

/// A value shared with tasks, behind a lock.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
