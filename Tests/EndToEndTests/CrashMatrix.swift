import BatonCore
import BatonTestSupport
import Foundation

/// What one crash point found: where it killed, and every broken guarantee.
struct CrashPoint: Sendable, CustomStringConvertible {
    var index: Int
    var marker: String
    var occurrence: Int
    var offsetMilliseconds: Int
    /// The agents were killed too (a power cut rather than a Baton crash): every third point.
    var killedAgents: Bool
    var failures: [String] = []

    var description: String {
        "point \(index): after \(occurrence)× \"\(marker)\" +\(offsetMilliseconds)ms\(killedAgents ? " (agents killed too)" : "")"
            + (failures.isEmpty ? " — ok" : " — " + failures.joined(separator: "; "))
    }
}

/// The outcome of a crash matrix run.
struct CrashReport: Sendable, CustomStringConvertible {
    var seed: UInt64
    var points: [CrashPoint]
    var failures: [String] { points.filter { !$0.failures.isEmpty }.map(\.description) }
    var description: String { "crash matrix seed \(seed):\n" + points.map { "  \($0)" }.joined(separator: "\n") }
}

/// Moments at which the matrix kills `baton`: the k-th line containing a marker, plus a
/// small seeded offset. Together they cover worktree creation, streaming, checkpoint
/// commits, merges and DECISIONS.md writes.
let crashMarkers: [(marker: String, maxOccurrence: Int)] = [
    ("plan approved", 1),  // creating worktrees
    ("started T", 3),  // spawning agents
    ("editing ", 2),  // agents streaming (activity lines are throttled)
    ("checkpoint ", 4),  // committing the next checkpoint
    ("? D", 1),  // a question queued
    ("answered:", 1),  // writing DECISIONS.md
    ("] done · ", 3),  // merging (auto-merge on)
    ("merged T", 2),  // the next merge / worktree, the integration checks after it
    ("checking · ", 3),  // a task's checks running
    ("integration checks ", 2),  // the next merge after the integration checks
]

/// The repository's check in the crash scenario: short, but long enough to be killed in.
let crashCheck = """
    #!/bin/sh
    sleep 0.4
    echo "============ 1 passed in 0.40s ============"
    """

/// The stand-in scenario: three tasks, several checkpoints each, one question (T2).
let crashScenario = """
    {
     "T1": [
      {"lines": 3, "write": {"part1.txt": "1\\n"}, "sleep": 0.4, "checkpoint": {"checkpoint": "first-change", "summary": "first", "next": "core"}},
      {"lines": 3, "append": {"part1.txt": "2\\n"}, "sleep": 0.4, "checkpoint": {"checkpoint": "core-drafted", "summary": "core", "next": "finish"}},
      {"lines": 3, "append": {"part1.txt": "3\\n"}, "sleep": 0.3, "checkpoint": {"checkpoint": "done", "summary": "T1 done"}}
     ],
     "T2": [
      {"lines": 3, "write": {"part2.txt": "1\\n"}, "sleep": 0.3, "checkpoint": {"checkpoint": "first-change", "summary": "first", "next": "ask"}},
      {"lines": 2, "append": {"part2.txt": "2\\n"}, "sleep": 0.3, "checkpoint": {"checkpoint": "needs-decision", "summary": "which format?", "question": "CSV or TSV?", "options": ["CSV", "TSV"]}},
      {"lines": 3, "append": {"part2.txt": "3\\n"}, "sleep": 0.4, "checkpoint": {"checkpoint": "done", "summary": "T2 done"}}
     ],
     "T3": [
      {"lines": 3, "write": {"part3.txt": "1\\n"}, "sleep": 0.3, "checkpoint": {"checkpoint": "first-change", "summary": "first", "next": "finish"}},
      {"lines": 3, "append": {"part3.txt": "2\\n"}, "sleep": 0.3, "checkpoint": {"checkpoint": "done", "summary": "T3 done"}}
     ]
    }
    """

/// Kills `baton` at `points` seeded moments of a multi-task run, resumes each with
/// `baton resume`, drives it to the end, and checks that the session agrees with git.
func runCrashMatrix(seed: UInt64, points: Int) async throws -> CrashReport {
    var rng = SeededRandom(seed: seed)
    var report = CrashReport(seed: seed, points: [])
    for index in 0..<points {
        let pick = crashMarkers[Int(rng.next() % UInt64(crashMarkers.count))]
        var point = CrashPoint(
            index: index, marker: pick.marker,
            occurrence: 1 + Int(rng.next() % UInt64(pick.maxOccurrence)),
            offsetMilliseconds: Int(rng.next() % 250),
            killedAgents: index % 3 == 2)
        point.failures = try await crashOnce(point)
        report.points.append(point)
    }
    return report
}

/// One crash point; returns the broken guarantees (empty when all hold).
private func crashOnce(_ point: CrashPoint) async throws -> [String] {
    let repo = try TestRepository(files: ["README.md": "# Demo\n", "check.sh": crashCheck])
    try repo.write(".baton/agents.json", #"{"checks": [{"name": "unit", "run": ["sh", "check.sh"], "timeout": "5m"}]}"#)
    var env = try BatonEnvironment(repository: repo)
    try env.scenario(crashScenario)
    // A snapshot every 3 events: kills land in snapshot writes too, and resume starts from one.
    env.values["BATON_SNAPSHOT_EVERY"] = "3"
    var failures: [String] = []

    // 1. The run that will be killed.
    let first = try LiveBaton(in: repo, environment: env)
    first.send("Add CSV export, then write tests for it; update the README")
    guard await first.waitFor("proposes", seconds: 90) else {
        first.kill9()
        return ["the planner never answered"]
    }
    first.send("/policy merge auto")
    first.send("/go")
    let driver = SessionDriver(first, repo: repo)
    let finished = Flag()
    let driving = Task {
        _ = await driver.driveToEnd(seconds: 120)
        finished.set()
    }
    let seen = { first.text.components(separatedBy: point.marker).count - 1 >= point.occurrence }
    _ = await poll(seconds: 90) { seen() || !first.process.isRunning || finished.isSet }
    let reached = seen()
    // The random part of the moment.
    if point.offsetMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(point.offsetMilliseconds)) }
    first.kill9()
    if point.killedAgents {
        for agent in AgentProcesses.alive(repo) where agent.group == agent.pid { kill(-agent.group, SIGKILL) }
        _ = await poll(seconds: 30) { AgentProcesses.alive(repo).isEmpty }
    }
    _ = await driving.value
    if !reached { failures.append("marker not reached (the run ended first)") }
    guard let sessionID = repo.sessionIDs.first else { return failures + ["no session was saved"] }
    let work = uncommittedWork(repo, session: sessionID)

    // 2. Resume and finish.
    let second = try LiveBaton(["resume"], in: repo, environment: env)
    guard await second.waitFor("— now —", seconds: 90) else {
        second.kill9()
        return failures + ["resume showed no transcript: \(second.text.suffix(300))"]
    }
    let resumer = SessionDriver(second, repo: repo)
    let end = await resumer.driveToEnd(seconds: 180)
    await resumer.quit()
    guard let state = end else {
        return failures + ["the resumed session did not finish: \(second.text.suffix(600))"]
    }
    for (task, sid) in resumer.retried where !second.text.contains("/retry \(task)") {
        failures.append("\(task) was interrupted but resume did not offer /retry \(task) (agent session \(sid ?? "none"))")
    }
    failures += agreesWithGit(repo, state: state, session: sessionID)
    failures += retriesContinued(resumer.retried, env: env)
    for (path, content) in work where !(integrationFile(repo, session: sessionID, path).hasPrefix(content)) {
        failures.append("uncommitted work in \(path) was lost (had \(content.debugDescription))")
    }
    for line in second.text.split(separator: "\n") where line.hasPrefix("error:") {
        failures.append("resume printed \(line)")
    }
    return failures
}

/// Files with changes not committed yet in each task worktree (the agents' work in progress).
private func uncommittedWork(_ repo: TestRepository, session: String) -> [(path: String, content: String)] {
    let root = repo.path + "/.baton/worktrees/\(session)"
    let tasks = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix("T") }
    var work: [(String, String)] = []
    for task in tasks {
        let status = (try? repo.gitArgs(["status", "--porcelain", "--untracked-files=all"], in: root + "/" + task)) ?? ""
        for line in status.split(separator: "\n") {
            let path = String(line.dropFirst(3))
            guard path.hasPrefix("part"), path.hasSuffix(".txt"), let text = repo.read(".baton/worktrees/\(session)/\(task)/\(path)") else {
                continue
            }
            work.append((path, text))
        }
    }
    return work
}

private func integrationFile(_ repo: TestRepository, session: String, _ path: String) -> String {
    (try? repo.gitArgs(["show", "baton/\(session)/main:\(path)"])) ?? ""
}

/// Every merge on the integration branch, every checkpoint commit on its task branch, no
/// checkpoint recorded or committed twice, DECISIONS.md holding each answer once.
func agreesWithGit(_ repo: TestRepository, state: SessionState, session: String) -> [String] {
    var failures: [String] = []
    let integration = "baton/\(session)/main"
    func isAncestor(_ commit: String, _ branch: String) -> Bool {
        (try? repo.gitArgs(["merge-base", "--is-ancestor", commit, branch])) != nil
    }
    for task in state.plan.tasks {
        guard let p = state.progress[task.id] else {
            failures.append("\(task.id) never ran")
            continue
        }
        if let merged = p.mergedCommit, !isAncestor(merged, integration) {
            failures.append("\(task.id) merge \(merged) is not on \(integration)")
        }
        for c in p.checkpoints {
            guard let commit = c.commit, let branch = p.branch else { continue }
            if !isAncestor(commit, branch) { failures.append("\(task.id) checkpoint \(c.number) commit \(commit) is not on \(branch)") }
        }
        if let branch = p.branch {
            let subjects = ((try? repo.gitArgs(["log", "--format=%s", branch])) ?? "").split(separator: "\n")
            for n in 1...max(1, p.checkpoints.count) {
                let prefix = "baton: \(task.id) checkpoint \(n) ("
                let times = subjects.filter { $0.hasPrefix(prefix) }.count
                if times > 1 { failures.append("\(task.id) checkpoint \(n) committed \(times) times") }
            }
        }
    }
    if let path = SessionFile.path(repo) {
        let records = SessionFile.records(path)
        var seen: [String: [Int]] = [:]
        for r in records {
            if case .checkpointRecorded(let task, let c) = r.event { seen["\(task)#\(c.number)", default: []].append(r.seq) }
        }
        for (key, seqs) in seen where seqs.count > 1 {
            // The records from the first to the last copy, to see which paths recorded it.
            let between = records.filter { $0.seq >= seqs[0] - 3 && $0.seq <= seqs[seqs.count - 1] }
                .map { "\($0.seq) \(String(describing: $0.event).prefix(90))" }
            failures.append(
                "checkpoint \(key) recorded \(seqs.count) times in events.jsonl (seq \(seqs.map(String.init).joined(separator: ", "))):\n    "
                    + between.joined(separator: "\n    "))
        }
    }
    failures += verdictsOnce(SessionFile.path(repo).map(SessionFile.records) ?? [])
    let decisions = (try? repo.gitArgs(["show", "\(integration):DECISIONS.md"])) ?? ""
    for d in state.decisions where d.answer != nil {
        let n = decisions.components(separatedBy: "## \(d.id) ·").count - 1
        if n != 1 { failures.append("\(d.id) is in DECISIONS.md \(n) times") }
    }
    return failures
}

/// Each run of a task's checks finished once; the integration branch checked at most once
/// per merge.
private func verdictsOnce(_ records: [SessionRecord]) -> [String] {
    var finished: [String: Int] = [:]
    var merged: [String: Int] = [:]
    var checked: [String: Int] = [:]
    for r in records {
        switch r.event {
        case .checksFinished(let task, let run, _, _): finished["\(task)#\(run)", default: 0] += 1
        case .taskMerged(let task, _): merged[task, default: 0] += 1
        case .mergeChecked(let task, _): checked[task, default: 0] += 1
        default: break
        }
    }
    return finished.filter { $0.value > 1 }.map { "checks run \($0.key) finished \($0.value) times" }
        + checked.filter { $0.value > merged[$0.key, default: 0] }.map {
            "the integration checks after \($0.key) recorded \($0.value) times"
        }
}

/// A retried task whose agent had a session must continue that session.
private func retriesContinued(_ retried: [(task: String, agentSession: String?)], env: BatonEnvironment) -> [String] {
    let calls = env.calls()
    return retried.compactMap { r in
        guard let sid = r.agentSession else { return nil }
        let resumed = calls.contains { $0.argv.contains(sid) && ($0.argv.contains("resume") || $0.argv.contains("--resume")) }
        return resumed ? nil : "/retry \(r.task) did not continue agent session \(sid)"
    }
}

/// A flag set once from another task.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
