import BatonAgents
import BatonCore
import BatonRuntime
import BatonTestSupport
import BatonWorkspace
import Foundation
import Testing

/// A ``SessionController`` over a real git repository (worktrees, checkpoint commits) with a
/// ``FakeExecutor`` instead of agent processes and a ``ManualClock`` instead of time.
final class ControllerHarness: @unchecked Sendable {
    let repo: TestRepository
    let sessions = TempSessions()
    let executor = FakeExecutor()
    let clock = ManualClock()
    let context: RuntimeContext
    private let lock = NSLock()
    private var noticeLog: [SessionNotice] = []

    /// The one task of every test plan.
    static let task = PlanTask(id: "T1", title: "Signup form", route: "claude")

    init(stallAfter: Double = 300) throws {
        repo = try TestRepository()
        context = RuntimeContext(
            repositoryRoot: repo.path, workspace: Workspace(root: repo.path, git: CommandLineGit()), store: sessions.store,
            registry: AgentRegistry(profiles: BuiltinProfiles.all), prompts: PromptLibrary(repositoryRoot: repo.path),
            executor: executor, clock: clock, options: RuntimeOptions(stallAfter: stallAfter))
    }

    /// Every event applied since the controller was opened, in order.
    var events: [SessionEvent] {
        lock.withLock { noticeLog.compactMap { if case .update(let u) = $0 { u.record.event } else { nil } } }
    }

    /// Every problem line reported.
    var problems: [String] {
        lock.withLock { noticeLog.compactMap { if case .problem(let line) = $0 { line } else { nil } } }
    }

    /// A controller over session `id`, observed by the harness.
    func open(_ id: String) async throws -> SessionController {
        try await observe(sessions.store.open(id))
    }

    /// A controller over an open session, observed by the harness.
    func observe(_ session: OpenSession) async -> SessionController {
        let controller = SessionController(context: context, session: session)
        await controller.setObserver { [self] notice in lock.withLock { noticeLog.append(notice) } }
        return controller
    }

    /// A new session whose plan (T1 on claude) is approved: T1's worktree is created, its
    /// brief written and its first turn spawned before this returns.
    func startRun(budget: Double? = nil, task: PlanTask = ControllerHarness.task) async throws -> SessionController {
        let session = try sessions.store.create(repository: repo.path, now: clock.now().timeIntervalSince1970)
        return try await approve(observe(session), budget: budget, task: task)
    }

    /// Approves T1's plan in a new session (see ``startRun(budget:task:)``).
    func approve(
        _ controller: SessionController, budget: Double? = nil, task: PlanTask = ControllerHarness.task
    ) async throws -> SessionController {
        if let budget { try await controller.record(.budgetSet(usd: budget)) }
        try await controller.record(.planProposed(planner: "offline", tasks: [task], costUSD: nil, note: nil))
        let (branch, base) = try await integrationBranch(controller.id)
        try await controller.record(.planApproved(integrationBranch: branch, baseCommit: base))
        return controller
    }

    /// A session as a Baton that stopped mid-run left it: T1's worktree exists, then
    /// `events` (e.g. its turn started with a pid). Returns the id and T1's turn-1 files.
    func crashedSession(_ events: (TaskWorkspace) -> [SessionEvent]) async throws -> (id: String, files: RunFiles.Turn) {
        let id = "s-0c0a"
        let (branch, base) = try await integrationBranch(id)
        let ws = try await context.workspace.createTaskWorktree(session: id, task: "T1", from: branch)
        try sessions.make(
            id,
            events: [
                .planProposed(planner: "offline", tasks: [Self.task], costUSD: nil, note: nil),
                .planApproved(integrationBranch: branch, baseCommit: base),
                .workspaceCreated(task: "T1", worktree: ws.path, branch: ws.branch, baseCommit: ws.baseCommit),
            ] + events(ws))
        let runs = RunFiles(sessionDirectory: sessions.store.sessionDirectory(id))
        try runs.create()
        return (id, runs.turn(1, of: "T1"))
    }

    private func integrationBranch(_ session: String) async throws -> (branch: String, base: String) {
        let base = try #require(try await context.workspace.headState().commit)
        return (try await context.workspace.createIntegrationBranch(session: session, from: base), base)
    }

    /// One step of the turn monitor: waits until it sleeps on the clock (it has seen all
    /// there was), makes `change` to the world, then moves time on by `seconds`.
    func step(_ seconds: Double = 1) async {
        await step(seconds) {}
    }

    /// See ``step(_:)``: with `change` made while the monitor waits.
    func step(_ seconds: Double = 1, _ change: () throws -> Void) async rethrows {
        #expect(await eventually { self.clock.sleeping > 0 }, "the turn monitor never waited on the clock")
        try change()
        clock.advance(by: seconds)
    }

    /// Writes `lines` as a file's whole content (what an agent wrote before Baton came back).
    func write(_ lines: [String], to path: String) throws {
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Appends `lines` to a file (an agent writing its stream).
    func append(_ lines: [String], to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
        try handle.close()
    }
}

/// Waits for a condition (polling), never for a fixed time.
func eventually(seconds: Double = 60, _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

/// Lines of `claude -p --output-format stream-json`.
enum ClaudeStream {
    static func activity(_ command: String) -> String {
        json([
            "type": "assistant", "session_id": "sid-1",
            "message": [
                "id": "msg-1", "content": [["type": "tool_use", "id": "tool-1", "name": "Bash", "input": ["command": command]]],
            ],
        ])
    }

    /// The result line of a turn ending at a `checkpoint` (kind), costing `cost`.
    static func result(cost: Double, checkpoint: String = "first-change") -> String {
        let block =
            "{\"checkpoint\":\"\(checkpoint)\",\"summary\":\"Added the signup form.\",\"next\":\"Validation.\",\"question\":null,\"options\":[]}"
        return json([
            "type": "result", "subtype": "success", "is_error": false, "session_id": "sid-1",
            "result": "Added the form.\n\n```baton\n\(block)\n```", "total_cost_usd": cost,
            "usage": ["input_tokens": 10, "output_tokens": 20], "permission_denials": [Any](),
        ])
    }

    private static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
