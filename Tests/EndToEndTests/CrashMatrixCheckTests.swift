import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Crash matrix points for verification: Baton is killed while a task's checks run and
/// while the integration checks run; each resume runs the interrupted check again, records
/// each outcome once, and ends where an uninterrupted run would.
@Suite(.serialized) struct CrashMatrixCheckTests {
    /// Marks its pid (by task: T1, or main for the integration branch) and waits for that
    /// task's gate file, then passes.
    static let gatedCheck = """
        #!/bin/sh
        echo "$BATON_TASK $$" >> "$CHECK_MARKS"
        while [ ! -f "$CHECK_GATE-$BATON_TASK" ]; do sleep 0.1; done
        echo "============ 1 passed in 0.01s ============"
        """

    @Test func killedDuringATaskCheckAndDuringTheIntegrationCheck() async throws {
        let repo = try Verify.repository(check: Self.gatedCheck)
        var env = try Review.environment(
            repo, plan: [Review.task("T1", "Set the value", scope: ["value.txt"])],
            turns: ["T1": [Verify.done(["value.txt": "good\n"], "Value set")]])
        let gate = repo.scratch + "/gate"
        let marks = repo.scratch + "/marks"
        env.values["CHECK_GATE"] = gate
        env.values["CHECK_MARKS"] = marks
        func pids(_ task: String) -> [Int32] {
            ((try? String(contentsOfFile: marks, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ")
                return parts.count == 2 && parts[0] == task ? Int32(parts[1]) : nil
            }
        }
        func open(_ path: String) { _ = FileManager.default.createFile(atPath: path, contents: Data()) }
        var batons: [LiveBaton] = []
        defer {
            open(gate + "-T1")
            open(gate + "-main")
            for baton in batons { baton.kill9() }
            for pid in pids("T1") + pids("main") { kill(-pid, SIGKILL) }
        }

        // 1. Killed while T1's checks run.
        let first = try LiveBaton(in: repo, environment: env)
        batons.append(first)
        first.send("Set the value")
        #expect(await first.waitFor("proposes"))
        first.send("/policy merge auto")
        first.send("/go")
        #expect(await poll(seconds: 120) { pids("T1").count == 1 }, "\(first.text)")
        #expect(await poll(seconds: 60) { SessionFile.state(repo)?.progress["T1"]?.checkPid != nil }, "the check's process is recorded")
        first.kill9()

        // 2. Resumed: the check runs again (the old one is stopped); green merges by policy,
        //    and Baton is killed while the integration checks run.
        let second = try LiveBaton(["resume"], in: repo, environment: env)
        batons.append(second)
        #expect(await second.waitFor("T1's checks were interrupted — running them again", seconds: 90), "\(second.text)")
        #expect(await poll(seconds: 120) { pids("T1").count == 2 }, "\(second.text)")
        let oldCheck = try #require(pids("T1").first)
        #expect(await poll(seconds: 30) { kill(oldCheck, 0) != 0 }, "resume stopped the interrupted check")
        open(gate + "-T1")
        #expect(await poll(seconds: 120) { pids("main").count == 1 }, "\(second.text)")
        let pidFile = (SessionFile.directory(repo) ?? "") + "/runs/main.check.pid"
        #expect(await poll(seconds: 60) { FileManager.default.fileExists(atPath: pidFile) }, "the integration check's process is recorded")
        second.kill9()

        // 3. Resumed again: the integration checks run again and end green.
        let third = try LiveBaton(["resume"], in: repo, environment: env)
        batons.append(third)
        #expect(await third.waitFor("the integration checks after T1 were interrupted — running them again", seconds: 90), "\(third.text)")
        #expect(await poll(seconds: 120) { pids("main").count == 2 }, "\(third.text)")
        let oldIntegration = try #require(pids("main").first)
        #expect(await poll(seconds: 30) { kill(oldIntegration, 0) != 0 }, "resume stopped the interrupted integration check")
        open(gate + "-main")
        let session = try Review.session(repo)
        #expect(await third.waitFor("integration checks ✓ on baton/\(session)/main after merging T1", seconds: 120), "\(third.text)")
        third.send("/quit")
        third.close()
        _ = await third.waitForExit(seconds: 60)

        // Each outcome recorded once; the session agrees with git.
        let state = try #require(SessionFile.state(repo))
        #expect(state.status(of: "T1") == .merged && state.progress["T1"]?.checkRuns == 2)
        #expect(state.integrationChecking == nil && state.integrationVerdict?.green == true && state.integrationBrokenBy == nil)
        let records = SessionFile.records(try #require(SessionFile.path(repo))).map(\.event)
        var finished: [String] = []
        for case .checksFinished(let t, let run, _, _) in records { finished.append("\(t)#\(run)") }
        #expect(finished == ["T1#2"], "the interrupted run never finished; the rerun once: \(finished)")
        #expect(records.count { if case .checksInterrupted = $0 { true } else { false } } == 1)
        #expect(records.count { if case .taskMerged = $0 { true } else { false } } == 1)
        #expect(records.count { if case .mergeChecked = $0 { true } else { false } } == 1)
        #expect(agreesWithGit(repo, state: state, session: session).isEmpty)
        let merges = try repo.git("log", "--format=%s", "baton/\(session)/main").split(separator: "\n").filter {
            $0.hasPrefix("baton: merge T1")
        }
        #expect(merges.count == 1)
    }

    /// Killed while an agent fixes the integration branch (the second answer to red
    /// integration checks): resume follows the fix again, commits it once, checks again.
    @Test func killedDuringAnIntegrationFix() async throws {
        let repo = try Verify.repository(check: Verify.agreeCheck)
        let gate = repo.scratch + "/fix-gate"
        let fix: [String: Any] = [
            "write": ["a.txt": "b\n"], "wait_for": gate,
            "checkpoint": ["checkpoint": "done", "summary": "a now agrees with b"],
        ]
        let env = try Review.environment(
            repo,
            plan: [Review.task("T1", "Add a", scope: ["a.txt"]), Review.task("T2", "Add b", scope: ["b.txt"])],
            turns: [
                "T1": [Verify.done(["a.txt": "a\n"], "Added a")], "T2": [Verify.done(["b.txt": "b\n"], "Added b")], "integration": [fix],
            ])
        var batons: [LiveBaton] = []
        defer {
            _ = FileManager.default.createFile(atPath: gate, contents: Data())
            for baton in batons { baton.kill9() }
            for agent in AgentProcesses.alive(repo) { kill(-agent.group, SIGKILL) }
        }
        let first = try LiveBaton(in: repo, environment: env)
        batons.append(first)
        first.send("Add a and b")
        #expect(await first.waitFor("proposes"))
        for line in ["/go", "/wait", "/merge T1", "/wait", "/merge T2", "/wait", "/decide D1 2"] { first.send(line) }
        #expect(await poll(seconds: 180) { SessionFile.state(repo)?.integrationFix?.pid != nil }, "\(first.text)")
        first.kill9()
        let session = try Review.session(repo)
        let branch = "baton/\(session)/main"

        let second = try LiveBaton(["resume"], in: repo, environment: env)
        batons.append(second)
        #expect(await second.waitFor("the fix of \(branch) after T2 is still running — following it again", seconds: 90), "\(second.text)")
        _ = FileManager.default.createFile(atPath: gate, contents: Data())
        #expect(await second.waitFor("integration checks ✓ on \(branch) after merging T2", seconds: 120), "\(second.text)")
        second.send("/quit")
        second.close()
        _ = await second.waitForExit(seconds: 60)

        let state = try #require(SessionFile.state(repo))
        #expect(state.integrationFix == nil && state.integrationBrokenBy == nil && state.integrationVerdict?.green == true)
        let records = SessionFile.records(try #require(SessionFile.path(repo))).map(\.event)
        #expect(records.count { if case .integrationFixFinished = $0 { true } else { false } } == 1)
        let subjects = try Review.subjects(repo, branch)
        #expect(subjects.filter { $0.hasPrefix("baton: fix \(branch) after merging T2") }.count == 1, "\(subjects)")
        #expect(Review.show(repo, branch, "a.txt") == "b\n")
        #expect(Review.workerCalls(env).filter { $0.prompt.contains("(a Baton integration fix)") }.count == 1, "not started twice")
    }
}
