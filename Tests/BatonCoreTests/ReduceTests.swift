import BatonCore
import Testing

/// A session driven through `reduce` one event at a time, as the runtime does (the clock
/// advances one second per event).
struct Harness {
    var state = SessionState(id: "s-test")
    var now = 1_000.0
    /// Every event applied, in order (to replay them).
    var events: [SessionEvent] = []

    /// Applies one event and returns the effects it asks for.
    @discardableResult
    mutating func apply(_ event: SessionEvent) -> [Effect] {
        now += 1
        events.append(event)
        return reduce(into: &state, event, at: now)
    }

    func status(_ task: String) -> TaskStatus { state.status(of: task) }
    func progress(_ task: String) -> TaskProgress { state.progress[task] ?? TaskProgress() }
    var lastDecision: Decision? { state.decisions.last }

    /// Mission, one proposal and /go: the effects of the approval are returned.
    @discardableResult
    mutating func approve(
        _ tasks: [PlanTask], parallelism: Int? = nil, limits: [String: Int] = [:], policy: [(String, String)] = []
    ) -> [Effect] {
        apply(.missionSet(text: "Build it"))
        apply(.planProposed(planner: "offline", tasks: tasks, costUSD: nil, note: nil))
        if let parallelism { apply(.parallelismSet(limit: parallelism)) }
        if !limits.isEmpty { apply(.agentLimitsSet(limits: limits)) }
        for (name, value) in policy { apply(.policySet(name: name, value: value)) }
        return apply(.planApproved(integrationBranch: "baton/s-test/main", baseCommit: "base0"))
    }

    /// The workspace of a preparing task is ready: returns the effects (its first turn).
    @discardableResult
    mutating func workspace(_ task: String) -> [Effect] {
        apply(.workspaceCreated(task: task, worktree: "/wt/\(task)", branch: "baton/s-test/\(task)", baseCommit: "base0"))
    }

    /// Turn `turn` of `task` began (the effect of the previous step was carried out).
    mutating func started(_ task: String, turn: Int? = nil, agent: String? = nil) {
        let t = turn ?? progress(task).turn + 1
        apply(
            .turnStarted(
                task: task, turn: t, agent: agent ?? progress(task).agent ?? "claude",
                pid: 4242, pidStartTime: 99, streamFile: "runs/\(task)-\(t).jsonl"))
    }

    /// The turn ended successfully with `finalText`; returns the effects.
    @discardableResult
    mutating func finished(_ task: String, _ finalText: String = "", cost: Double? = nil, session: String? = "sess-1") -> [Effect] {
        apply(
            .turnFinished(
                task: task, turn: progress(task).turn,
                result: TurnResult(exitCode: 0, finalText: finalText, agentSessionID: session, tokens: 10, costUSD: cost)))
    }

    /// Records the next checkpoint of `task` with `kind`, touching `files`; returns the effects.
    @discardableResult
    mutating func checkpoint(
        _ task: String, _ kind: CheckpointKind, files: [String] = ["a.swift"], number: Int? = nil,
        question: String? = nil, options: [String] = []
    ) -> [Effect] {
        let n = number ?? progress(task).checkpoints.count + 1
        let report = CheckpointReport(kind: kind, summary: "did \(kind.rawValue)", next: "more", question: question, options: options)
        return apply(
            .checkpointRecorded(
                task: task,
                checkpoint: Checkpoint(
                    number: n, turn: progress(task).turn, report: report, commit: "c\(n)",
                    stat: DiffStat(added: 3, removed: 1, files: files))))
    }

    /// Prepared, started and at its first turn: the usual state of a running task.
    mutating func run(_ task: String) {
        workspace(task)
        started(task)
    }
}

func task(_ id: String, deps: [String] = [], route: String = "claude", scope: [String] = []) -> PlanTask {
    PlanTask(id: id, title: "Task \(id)", scope: scope, deps: deps, route: route)
}

/// T1 and T2 independent, T3 after both.
let diamond = [task("T1"), task("T2", route: "codex"), task("T3", deps: ["T1", "T2"])]

/// Conversation and plan events: mission, versions, undo/redo, approval, settings.
@Suite struct ReduceTests {
    @Test func missionStartsPlanningAndUserSaidAsksThePlannerAgain() {
        var h = Harness()
        #expect(h.state.phase == .empty)
        #expect(h.apply(.missionSet(text: "Add CSV export")) == [.proposePlan(mission: "Add CSV export", feedback: nil)])
        #expect(h.state.phase == .planning)
        #expect(h.state.mission == "Add CSV export")
        #expect(h.state.createdAt == 1_001)
        let before = h.state
        #expect(h.apply(.userSaid(text: "hello")) == [.proposePlan(mission: "Add CSV export", feedback: "hello")])
        #expect(h.state.progress == before.progress && h.state.planHistory == before.planHistory)
        #expect(h.apply(.replanRequested(feedback: "smaller")) == [.proposePlan(mission: "Add CSV export", feedback: "smaller")])
        #expect(h.apply(.plannerFailed(planner: "offline", reason: "cannot revise")) == [])
        #expect(h.state.planHistory == before.planHistory)
        #expect(h.state.lastEventAt == 1_004)
    }

    @Test func planVersionsUndoRedoAndRedoDroppedOnNewEdit() {
        var h = Harness()
        h.apply(.missionSet(text: "m"))
        #expect(h.apply(.planProposed(planner: "claude", tasks: [task("T1")], costUSD: 0.25, note: "n")) == [])
        #expect(h.state.plan.version == 1 && h.state.planner == "claude" && h.state.plannerCostUSD == 0.25)
        h.apply(.planEdited(command: "/add x", tasks: [task("T1"), task("T2")]))
        h.apply(.planEdited(command: "/add y", tasks: [task("T1"), task("T2"), task("T3")]))
        #expect(h.state.plan.version == 3 && h.state.plan.ids == ["T1", "T2", "T3"])
        #expect(h.state.canUndo && !h.state.canRedo)

        h.apply(.planUndone)
        h.apply(.planUndone)
        #expect(h.state.plan.version == 1 && h.state.plan.ids == ["T1"])
        #expect(!h.state.canUndo && h.state.canRedo)
        h.apply(.planUndone)  // nothing older: stays at version 1
        #expect(h.state.plan.version == 1)
        h.apply(.planRedone)
        #expect(h.state.plan.version == 2 && h.state.plan.ids == ["T1", "T2"])

        // A new edit drops the redo history (version 3) and becomes the newest version.
        h.apply(.planEdited(command: "/drop T2", tasks: [task("T1"), task("T9")]))
        #expect(!h.state.canRedo)
        #expect(h.state.planHistory.map(\.version) == [1, 2, 3])
        #expect(h.state.plan.ids == ["T1", "T9"])
        h.apply(.planRedone)  // nothing to redo
        #expect(h.state.plan.ids == ["T1", "T9"])

        // A second planner proposal adds its cost.
        h.apply(.planProposed(planner: "codex", tasks: [task("T1")], costUSD: 0.5, note: nil))
        #expect(h.state.plannerCostUSD == 0.75 && h.state.planner == "codex" && h.state.plan.version == 4)
    }

    @Test func approvalSchedulesCriticalPathFirstWithinParallelism() {
        var h = Harness()
        // T1 → T3 → T4 is the longest chain; T2 stands alone.
        let tasks = [task("T2"), task("T1"), task("T3", deps: ["T1"]), task("T4", deps: ["T3"])]
        let effects = h.approve(tasks, parallelism: 1)
        #expect(effects == [.prepareWorkspace(task: "T1")])
        #expect(h.state.phase == .running)
        #expect(h.state.integrationBranch == "baton/s-test/main" && h.state.baseCommit == "base0")
        #expect(h.status("T1") == .preparing && h.status("T2") == .ready && h.status("T3") == .planned)
        #expect(h.progress("T1").startedAt == h.now && h.progress("T2").startedAt == nil)
        #expect(h.progress("T2").agent == "claude", "progress takes the route of the plan")
        // More room: the next ready task starts.
        #expect(h.apply(.parallelismSet(limit: 4)) == [.prepareWorkspace(task: "T2")])
        #expect(h.apply(.parallelismSet(limit: 0)) == [])
        #expect(h.state.parallelism == 1, "parallelism is at least 1")
    }

    @Test func approvalRespectsAgentLimits() {
        var h = Harness()
        let tasks = [task("T1"), task("T2"), task("T3", route: "codex")]
        let effects = h.approve(tasks, parallelism: 4, limits: ["claude": 1])
        #expect(effects == [.prepareWorkspace(task: "T1"), .prepareWorkspace(task: "T3")])
        #expect(h.status("T2") == .ready)
        // Lifting the limit starts T2.
        #expect(h.apply(.agentLimitsSet(limits: [:])) == [.prepareWorkspace(task: "T2")])
    }

    @Test func settingsBeforeApprovalScheduleNothing() {
        var h = Harness()
        h.apply(.missionSet(text: "m"))
        h.apply(.planProposed(planner: "offline", tasks: diamond, costUSD: nil, note: nil))
        #expect(h.apply(.parallelismSet(limit: 2)) == [])
        #expect(h.apply(.agentLimitsSet(limits: ["claude": 2])) == [])
        #expect(h.apply(.budgetSet(usd: 5)) == [])
        #expect(h.state.progress.isEmpty)
        #expect(h.state.budgetUSD == 5 && h.state.agentLimits == ["claude": 2] && h.state.parallelism == 2)
    }

    @Test func planEditedWhileRunningAddsTaskThatIsScheduled() {
        var h = Harness()
        h.approve([task("T1")], parallelism: 1)
        var tasks = [task("T1"), task("T2", route: "codex")]
        #expect(h.apply(.planEdited(command: "/add", tasks: tasks)) == [])
        #expect(h.progress("T2").agent == "codex")
        // A route change follows the plan until the task's first turn.
        tasks[1].route = "gemini"
        h.apply(.planEdited(command: "/route T2 gemini", tasks: tasks))
        #expect(h.progress("T2").agent == "gemini")
        h.run("T1")
        h.finished("T1")
        #expect(h.progress("T2").status == .ready, "the slot is T1's while it runs")
        h.checkpoint("T1", .done)
        // T1 in review no longer holds a run slot: the added task starts at once.
        #expect(h.progress("T2").status == .preparing)
        #expect(h.apply(.taskMerged(task: "T1", commit: "m1")) == [])
    }

    @Test func policySetChangesPolicyAndMergeAutoMergesTasksInReview() {
        var h = Harness()
        h.approve(diamond, parallelism: 2)
        h.run("T1")
        h.run("T2")
        h.finished("T1")
        #expect(h.checkpoint("T1", .done) == [], "merge manual: done waits in review")
        #expect(h.status("T1") == .review)
        #expect(h.apply(.policySet(name: "checkpoints", value: "ask")) == [])
        #expect(!h.state.policy.autoContinue)
        #expect(h.apply(.policySet(name: "merge", value: "auto")) == [.merge(task: "T1")])
        #expect(h.state.policy.autoMerge)
        // Setting it again (already auto) merges nothing twice.
        #expect(h.apply(.policySet(name: "merge", value: "auto")) == [])
        h.apply(.policySet(name: "max-turns", value: "5"))
        h.apply(.policySet(name: "unstructured", value: "1"))
        h.apply(.policySet(name: "notify", value: "off"))
        #expect(h.state.policy.maxTurns == 5 && h.state.policy.unstructuredTurnLimit == 1 && !h.state.policy.notify)
        // A wrong value changes nothing.
        h.apply(.policySet(name: "max-turns", value: "zero"))
        #expect(h.state.policy.maxTurns == 5)
    }

    @Test func permissionBypassAndSessionFinished() {
        var h = Harness()
        h.approve([task("T1")])
        #expect(h.apply(.permissionBypassSet(enabled: true)) == [])
        #expect(h.state.permissionBypass)
        #expect(h.apply(.sessionFinished(summaryFile: "PR.md")) == [])
        #expect(h.state.phase == .finished && h.state.summaryFile == "PR.md")
        #expect(!h.state.isUnfinished && h.state.summaryState == "finished")
        // Nothing is scheduled once finished.
        #expect(h.apply(.parallelismSet(limit: 8)) == [])
    }
}
