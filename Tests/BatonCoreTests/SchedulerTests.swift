import BatonCore
import Testing

/// The scheduler: ready set, limits, longest remaining chain first, deterministic.
@Suite struct SchedulerTests {
    /// A running session over `tasks` with given statuses (others planned).
    func state(_ tasks: [PlanTask], statuses: [String: TaskStatus] = [:], parallelism: Int = 4, limits: [String: Int] = [:]) -> SessionState
    {
        var s = SessionState(id: "s-x")
        s.phase = .running
        s.planHistory = [Plan(version: 1, tasks: tasks)]
        s.planIndex = 0
        s.parallelism = parallelism
        s.agentLimits = limits
        for t in tasks {
            var p = TaskProgress()
            p.agent = t.route
            p.status = statuses[t.id] ?? .planned
            s.progress[t.id] = p
        }
        return s
    }

    @Test func readySetNeedsEveryDependencyMergedOrDone() {
        let tasks = [task("T1"), task("T2"), task("T3", deps: ["T1", "T2"]), task("T4", deps: ["T3"])]
        #expect(Scheduler.readySet(state(tasks)) == ["T1", "T2"])
        #expect(Scheduler.readySet(state(tasks, statuses: ["T1": .merged, "T2": .review])) == [], "review is not through")
        #expect(Scheduler.readySet(state(tasks, statuses: ["T1": .merged, "T2": .done])) == ["T3"])
        #expect(Scheduler.readySet(state(tasks, statuses: ["T1": .merged, "T2": .cancelled])) == [], "cancelled never unlocks")
        #expect(Scheduler.readySet(state(tasks, statuses: ["T1": .ready, "T2": .running])) == ["T1"])
        #expect(Scheduler.readySet(state(tasks, statuses: ["T1": .failed, "T2": .paused])) == [])
    }

    @Test func comingNextAreDependentsWhoseDependenciesHaveAllStarted() {
        let tasks = [task("T1"), task("T2"), task("T3", deps: ["T1", "T2"]), task("T4", deps: ["T1"]), task("T5", deps: ["T3"])]
        #expect(Scheduler.comingNext(after: "T1", in: state(tasks)) == [], "nothing started yet")
        #expect(Scheduler.comingNext(after: "T1", in: state(tasks, statuses: ["T1": .running])) == ["T4"], "T3 still waits for T2 to start")
        #expect(Scheduler.comingNext(after: "T1", in: state(tasks, statuses: ["T1": .running, "T2": .merged])) == ["T3", "T4"])
        #expect(Scheduler.comingNext(after: "T1", in: state(tasks, statuses: ["T1": .failed, "T2": .running])) == [])
        // Started already, or raced (its contestants get worktrees of their own): not coming next.
        #expect(Scheduler.comingNext(after: "T1", in: state(tasks, statuses: ["T1": .running, "T4": .preparing])) == [])
        var raced = state(tasks, statuses: ["T1": .running])
        raced.races["T4"] = Race(task: "T4", agents: ["claude", "codex"])
        #expect(Scheduler.comingNext(after: "T1", in: raced) == [])
    }

    @Test func longestRemainingChainFirstThenPlanOrder() {
        let tasks = [task("T1"), task("T2"), task("T3"), task("T4", deps: ["T3"]), task("T5", deps: ["T4"]), task("T6", deps: ["T2"])]
        #expect(PlanGraph(Plan(tasks: tasks)).remainingChainLengths() == ["T1": 1, "T2": 2, "T3": 3, "T4": 2, "T5": 1, "T6": 1])
        #expect(Scheduler.next(state(tasks, parallelism: 1)) == ["T3"])
        #expect(Scheduler.next(state(tasks, parallelism: 2)) == ["T3", "T2"])
        #expect(Scheduler.next(state(tasks, parallelism: 9)) == ["T3", "T2", "T1"])
    }

    @Test func parallelismCountsWhatAlreadyRuns() {
        let tasks = [task("T1"), task("T2"), task("T3"), task("T4")]
        #expect(Scheduler.next(state(tasks, statuses: ["T1": .running, "T2": .preparing], parallelism: 3)) == ["T3"])
        #expect(Scheduler.next(state(tasks, statuses: ["T1": .running, "T2": .preparing], parallelism: 2)) == [])
        // Waiting, review and paused tasks hold no slot.
        #expect(Scheduler.next(state(tasks, statuses: ["T1": .waiting, "T2": .review], parallelism: 1)) == ["T3"])
    }

    @Test func agentLimitsSkipToTheNextAgent() {
        let tasks = [task("T1", deps: []), task("T2"), task("T3", route: "codex"), task("T4", route: "codex")]
        #expect(Scheduler.next(state(tasks, limits: ["claude": 1])) == ["T1", "T3", "T4"])
        #expect(Scheduler.next(state(tasks, statuses: ["T1": .running], limits: ["claude": 1, "codex": 1])) == ["T3"])
        #expect(Scheduler.next(state(tasks, limits: ["claude": 0])) == ["T3", "T4"])
    }

    @Test func theAgentOfTheRunWinsOverThePlanRoute() {
        var s = state([task("T1"), task("T2")], limits: ["codex": 1])
        s.progress["T1"]?.agent = "codex"
        s.progress["T2"]?.agent = "codex"
        #expect(Scheduler.next(s) == ["T1"])
    }

    @Test func nothingStartsUnlessRunning() {
        var s = state([task("T1")])
        s.phase = .planning
        #expect(Scheduler.next(s) == [])
        s.phase = .finished
        #expect(Scheduler.next(s) == [])
    }

    @Test func deterministicForTheSameState() {
        let tasks = (1...12).map { i in task("T\(i)", deps: i > 6 ? ["T\(i - 6)"] : [], route: i % 2 == 0 ? "codex" : "claude") }
        let s = state(tasks, parallelism: 5, limits: ["codex": 1])
        let first = Scheduler.next(s)
        #expect(first == ["T1", "T2", "T3", "T5"])
        for _ in 0..<20 { #expect(Scheduler.next(s) == first) }
    }
}
