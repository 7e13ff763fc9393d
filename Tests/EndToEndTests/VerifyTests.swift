import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Verified work: a repository whose check is a real script; stand-in agents do the tasks.
enum Verify {
    /// Passes when value.txt says `good`; prints pytest's summary lines either way.
    static let valueCheck = """
        #!/bin/sh
        echo "task $BATON_TASK port $BATON_PORT"
        echo "collected 3 items"
        if [ "$(cat value.txt 2>/dev/null)" = "good" ]; then
          echo "============ 3 passed in 0.01s ============"
          exit 0
        fi
        echo "FAILED tests/test_value.py::test_value - assert 'bad' == 'good'"
        echo "============ 1 failed, 2 passed in 0.01s ============"
        exit 1
        """

    /// Passes unless a.txt and b.txt are both there (two tasks green alone, red together).
    static let pairCheck = """
        #!/bin/sh
        if [ -f a.txt ] && [ -f b.txt ]; then
          echo "FAILED tests/test_pair.py::test_pair - a.txt and b.txt clash"
          echo "============ 1 failed, 1 passed in 0.01s ============"
          exit 1
        fi
        echo "============ 2 passed in 0.01s ============"
        """

    /// Passes unless a.txt and b.txt are both there and disagree (a fix makes them agree).
    static let agreeCheck = """
        #!/bin/sh
        if [ -f a.txt ] && [ -f b.txt ] && [ "$(cat a.txt)" != "$(cat b.txt)" ]; then
          echo "FAILED tests/test_pair.py::test_pair - a.txt and b.txt disagree"
          echo "============ 1 failed, 1 passed in 0.01s ============"
          exit 1
        fi
        echo "============ 2 passed in 0.01s ============"
        """

    /// A repository holding `check.sh`, with `.baton/agents.json` naming it as the check.
    static func repository(check: String) throws -> TestRepository {
        let repo = try TestRepository(files: ["README.md": "# Demo\n", "check.sh": check])
        try repo.write(".baton/agents.json", #"{"checks": [{"name": "unit", "run": ["sh", "check.sh"], "timeout": "5m"}]}"#)
        return repo
    }

    static func done(_ files: [String: String], _ summary: String, expect: String? = nil) -> [String: Any] {
        var turn: [String: Any] = ["write": files, "checkpoint": ["checkpoint": "done", "summary": summary]]
        if let expect { turn["expect_in_prompt"] = expect }
        return turn
    }
}

/// The reviewer: a read-only agent of another vendor, after green checks.
@Suite struct VerifyReviewTests {
    /// claude does the task (routed by the plan), codex reviews it.
    static func environment(_ repo: TestRepository, turns: [[String: Any]], reviews: [Any]) throws -> BatonEnvironment {
        var task = Review.task("T1", "Set the value", scope: ["value.txt"])
        task["route"] = "claude"
        var env = try Review.environment(repo, agents: ["claude", "codex"], plan: [task], turns: ["T1": turns])
        let file = repo.scratch + "/reviews.json"
        try String(decoding: try JSONSerialization.data(withJSONObject: reviews), as: UTF8.self).write(
            toFile: file, atomically: true, encoding: .utf8)
        env.values["BATON_STANDIN_REVIEW"] = file
        return env
    }

    @Test func aReviewerAsksForChangesTheAgentReworksThenItApproves() throws {
        let repo = try Verify.repository(check: Verify.valueCheck)
        let major: [String: Any] = ["file": "value.txt", "line": 1, "severity": "major", "note": "the value needs a trailing comment"]
        let minor: [String: Any] = ["file": "value.txt", "line": 1, "severity": "minor", "note": "name the magic value"]
        let env = try Self.environment(
            repo,
            turns: [
                Verify.done(["value.txt": "good\n"], "Value set"),
                Verify.done(
                    ["value.txt": "good\n", "NOTES.md": "why good\n"], "Comment added", expect: "the value needs a trailing comment"),
            ],
            reviews: [
                ["verdict": "changes", "findings": [major], "acceptance": [["criterion": "Set the value works", "met": true]]],
                ["verdict": "approve", "findings": [minor], "acceptance": [["criterion": "Set the value works", "met": true]]],
            ])
        let result = try Baton.run(input: "Set the value\n/policy merge auto\n/go\n/wait\n/status\n", in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("[T1 claude] checks ✓ unit 3 passed · "), "\(out)")
        #expect(out.contains("review by codex"), "\(out)")
        #expect(out.contains("  T1 review (codex): changes · T1 reworks it"), "\(out)")
        #expect(out.contains("  T1 review (codex): major value.txt:1 — the value needs a trailing comment"), "\(out)")
        #expect(!out.contains("MISSING:"), "the rework turn carried the findings: \(out)")
        #expect(out.contains("[T1 claude] done · Comment added · +2 −0 in 2 files · 1 turn + 1 rework"), "\(out)")
        #expect(out.contains("  T1 review (codex): approve"), "\(out)")
        #expect(out.contains("  T1 review (codex): minor value.txt:1 — name the magic value"), "\(out)")
        #expect(out.contains("mission: 1/1 merged"), "approved and green: merged by policy: \(out)")
        // The reviewer ran read-only, in the task's worktree, with the diff and the criteria.
        let reviews = env.calls().filter { $0.agent == "codex" && $0.argv.contains("read-only") }
        #expect(reviews.count == 2, "\(env.calls().map(\.argv))")
        #expect(reviews.first?.argv.contains { $0.contains("+good") && $0.contains("Set the value works") } == true)
    }

    @Test func aMalformedReviewIsAskedOnceMoreThenUnavailableNeverApproved() throws {
        let repo = try Verify.repository(check: Verify.valueCheck)
        let env = try Self.environment(
            repo, turns: [Verify.done(["value.txt": "good\n"], "Value set")], reviews: ["looks fine to me!", "I said it looks fine"])
        let result = try Baton.run(input: "Set the value\n/policy merge auto\n/go\n/wait\n/status\n", in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("  T1 review (codex): review unavailable — "), "\(out)")
        #expect(out.contains("mission: 0/1 merged"), "not merged without a verdict: \(out)")
        #expect(Review.lines(out, containing: "T1    claude").last?.contains("review") == true, "\(out)")
        #expect(env.calls().filter { $0.agent == "codex" && $0.argv.contains("read-only") }.count == 2)
    }
}

@Suite struct VerifyTests {
    @Test func aRedDoneIsReworkedToGreenAutomatically() throws {
        let repo = try Verify.repository(check: Verify.valueCheck)
        let env = try Review.environment(
            repo, plan: [Review.task("T1", "Set the value", scope: ["value.txt"])],
            turns: [
                "T1": [
                    Verify.done(["value.txt": "bad\n"], "Value set"),
                    Verify.done(["value.txt": "good\n"], "Value fixed", expect: "tests/test_value.py::test_value"),
                ]
            ])
        let result = try Baton.run(
            input: "Set the value\n/checks\n/go\n/wait\n/status\n/diff T1\n/merge T1\n/wait\n", in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("unit   sh check.sh  from .baton/agents.json"), "\(out)")
        #expect(out.contains("checks for every task: unit (from .baton/agents.json)"), "\(out)")
        #expect(
            out.contains("[T1 claude] checks ✗ unit: 1 failed — tests/test_value.py::test_value: assert 'bad' == 'good' · rework 1/2"),
            "\(out)")
        #expect(out.contains("[T1 claude] done · Value fixed · +1 −0 in 1 file · 1 turn + 1 rework"), "\(out)")
        #expect(out.contains("[T1 claude] checks ✓ unit 3 passed · "), "\(out)")
        #expect(!out.contains("MISSING:"), "the rework turn carried the failing test: \(out)")
        #expect(Review.lines(out, containing: "T1    claude").last?.contains("✓ 3") == true, "/status has the checks column: \(out)")
        #expect(out.contains("T1 · checks ✓ unit 3 passed"), "/diff starts with the verdict: \(out)")
        let session = try Review.session(repo)
        #expect(out.contains("merged T1 into baton/\(session)/main"), "\(out)")
        #expect(out.contains("integration checks ✓ on baton/\(session)/main after merging T1"), "\(out)")
        let prompts = Review.prompts(env, task: "T1")
        #expect(prompts.count == 2 && prompts[1].contains("assert 'bad' == 'good'"), "\(prompts)")
        let logs = try FileManager.default.contentsOfDirectory(atPath: try Review.sessionDirectory(repo) + "/runs")
        #expect(logs.contains("T1-1.check.log") && logs.contains("T1-2.check.log"), "\(logs)")
        // The check ran with the task's environment; the log names each check.
        let log = try String(contentsOfFile: try Review.sessionDirectory(repo) + "/runs/T1-1.check.log", encoding: .utf8)
        #expect(log.hasPrefix("== unit: sh check.sh\ntask T1 port "), "\(log)")
        // The check command is pre-approved for the agent.
        #expect(Review.workerCalls(env).first?.argv.contains { $0.contains("Bash(sh check.sh:*)") } == true)
    }

    @Test func stillRedAfterTheReworkRoundsAsksAndARedMergeIsRefused() throws {
        let repo = try Verify.repository(check: Verify.valueCheck)
        let env = try Review.environment(
            repo, plan: [Review.task("T1", "Set the value", scope: ["value.txt"])],
            turns: [
                "T1": [
                    Verify.done(["value.txt": "bad\n"], "Value set"),
                    Verify.done(["value.txt": "worse\n"], "Value changed", expect: "test_value"),
                ]
            ])
        let input = "Set the value\n/policy rework 1\n/go\n/wait\n/merge T1\n/decide D1 reject\n/status\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("checks ✗ unit: 1 failed — tests/test_value.py::test_value: assert 'bad' == 'good' · rework 1/1"), "\(out)")
        #expect(
            out.contains(
                "? D1  [T1 claude] T1's checks are still red after 1 rework round — unit: 1 failed — tests/test_value.py::test_value"),
            "\(out)")
        #expect(out.contains("1) another round   2) take it as is   3) reject"), "\(out)")
        #expect(out.contains("error: T1's checks are red (unit: 1 failed) — answer D1, or /merge T1 --force"), "\(out)")
        #expect(Review.lines(out, containing: "T1    claude").last?.contains("failed") == true, "\(out)")
        let session = try Review.session(repo)
        #expect(Review.show(repo, "baton/\(session)/main", "value.txt") == nil, "nothing red was merged")
    }

    @Test func greenAloneRedTogetherNamesTheMergeAndRevertsIt() throws {
        let repo = try Verify.repository(check: Verify.pairCheck)
        let env = try Review.environment(
            repo,
            plan: [Review.task("T1", "Add a", scope: ["a.txt"]), Review.task("T2", "Add b", scope: ["b.txt"])],
            turns: ["T1": [Verify.done(["a.txt": "a\n"], "Added a")], "T2": [Verify.done(["b.txt": "b\n"], "Added b")]])
        let input = "Add a and b\n/go\n/wait\n/merge T1\n/wait\n/merge T2\n/wait\n/decide D1 1\n/wait\n/status\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        let session = try Review.session(repo)
        let branch = "baton/\(session)/main"
        #expect(Review.lines(out, containing: "checks ✓ unit 2 passed").count == 2, "each task is green alone: \(out)")
        #expect(out.contains("integration checks ✓ on \(branch) after merging T1"), "\(out)")
        #expect(
            out.contains("integration checks ✗ on \(branch) after merging T2 · unit: 1 failed — tests/test_pair.py::test_pair"), "\(out)")
        #expect(out.contains("? D1  checks are red on \(branch) after merging T2 (T2 was green alone)"), "\(out)")
        #expect(out.contains("1) revert the merge of T2"), "\(out)")
        #expect(out.contains("reverted the merge of T2 on \(branch) · T2 is back in review"), "\(out)")
        #expect(Review.show(repo, branch, "a.txt") == "a\n")
        #expect(Review.show(repo, branch, "b.txt") == nil, "the merge of T2 was reverted")
        #expect(try Review.subjects(repo, branch).last?.hasPrefix("baton: revert merge T2") == true)
    }

    /// The second answer: an agent fixes the clash on the integration branch itself (its
    /// commit lands there), the integration checks run again and are green; nothing reverted.
    @Test func greenAloneRedTogetherAnAgentFixesItOnTheIntegrationBranch() throws {
        let repo = try Verify.repository(check: Verify.agreeCheck)
        let fix: [String: Any] = [
            "write": ["a.txt": "b\n"],
            "checkpoint": ["checkpoint": "done", "summary": "a now agrees with b"],
        ]
        let env = try Review.environment(
            repo,
            plan: [Review.task("T1", "Add a", scope: ["a.txt"]), Review.task("T2", "Add b", scope: ["b.txt"])],
            turns: [
                "T1": [Verify.done(["a.txt": "a\n"], "Added a")], "T2": [Verify.done(["b.txt": "b\n"], "Added b")], "integration": [fix],
            ])
        let input = "Add a and b\n/go\n/wait\n/merge T1\n/wait\n/merge T2\n/wait\n/decide D1 2\n/wait\n/status\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        let session = try Review.session(repo)
        let branch = "baton/\(session)/main"
        #expect(out.contains("? D1  checks are red on \(branch) after merging T2 (T2 was green alone)"), "\(out)")
        #expect(out.contains("2) an agent fixes it on the integration branch"), "\(out)")
        #expect(out.contains("claude fixes \(branch) after the merge of T2 · its checks run again after"), "\(out)")
        #expect(out.contains("fixed \(branch) after the merge of T2 · "), "\(out)")
        #expect(out.contains("integration checks ✓ on \(branch) after merging T2"), "checked again, green: \(out)")
        #expect(!out.contains("reverted the merge"), "\(out)")
        // The fix is a commit on the integration branch, after both merges; the task branches are untouched.
        #expect(Review.show(repo, branch, "a.txt") == "b\n" && Review.show(repo, branch, "b.txt") == "b\n")
        let subjects = try Review.subjects(repo, branch)
        #expect(subjects.last?.hasPrefix("baton: fix \(branch) after merging T2 (D1)") == true, "\(subjects)")
        #expect(!subjects.contains { $0.hasPrefix("baton: revert") })
        #expect(Review.show(repo, "baton/\(session)/T2", "b.txt") == "b\n")
        // Its brief named the merge and carried the failing tail; it ran in the integration worktree.
        let briefs = Review.workerCalls(env).map(\.prompt).filter { $0.contains("(a Baton integration fix)") }
        #expect(briefs.count == 1, "\(briefs)")
        #expect(briefs.first?.contains("after the merge of T2") == true && briefs.first?.contains("tests/test_pair.py::test_pair") == true)
        let state = try #require(SessionFile.state(repo))
        #expect(state.integrationFix == nil && state.integrationBrokenBy == nil && state.integrationVerdict?.green == true)
        #expect(state.status(of: "T1") == .merged && state.status(of: "T2") == .merged)
    }

    @Test func killedDuringACheckResumeRunsItAgain() async throws {
        let gate = "check-gate"
        let marks = "check-marks"
        let repo = try Verify.repository(
            check: """
                #!/bin/sh
                echo "$$" >> "$CHECK_MARKS"
                while [ ! -f "$CHECK_GATE" ]; do sleep 0.1; done
                echo "============ 1 passed in 0.01s ============"
                """)
        var env = try Review.environment(
            repo, plan: [Review.task("T1", "Set the value", scope: ["value.txt"])],
            turns: ["T1": [Verify.done(["value.txt": "good\n"], "Value set")]])
        env.values["CHECK_GATE"] = repo.scratch + "/" + gate
        env.values["CHECK_MARKS"] = repo.scratch + "/" + marks
        func checkPids() -> [Int32] {
            ((try? String(contentsOfFile: repo.scratch + "/" + marks, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                Int32($0)
            }
        }
        let first = try LiveBaton(in: repo, environment: env)
        var second: LiveBaton?
        defer {
            FileManager.default.createFile(atPath: repo.scratch + "/" + gate, contents: Data())
            first.kill9()
            second?.kill9()
            for pid in checkPids() { kill(-pid, SIGKILL) }
        }
        first.send("Set the value")
        #expect(await first.waitFor("proposes"))
        first.send("/go")
        #expect(await poll(seconds: 120) { checkPids().count == 1 }, "\(first.text)")
        first.kill9()
        let old = try #require(checkPids().first)
        #expect(kill(old, 0) == 0, "the check outlived baton in its own process group")

        let resumed = try LiveBaton(["resume"], in: repo, environment: env)
        second = resumed
        #expect(await resumed.waitFor("T1's checks were interrupted — running them again", seconds: 90), "\(resumed.text)")
        #expect(await poll(seconds: 120) { checkPids().count == 2 }, "\(resumed.text)")
        #expect(await poll(seconds: 30) { kill(old, 0) != 0 }, "resume stopped the old check")
        FileManager.default.createFile(atPath: repo.scratch + "/" + gate, contents: Data())
        #expect(await resumed.waitFor("[T1 claude] checks ✓ unit 1 passed", seconds: 120), "\(resumed.text)")
        resumed.send("/quit")
        resumed.close()
        _ = await resumed.waitForExit(seconds: 60)
        let state = try #require(SessionFile.state(repo))
        #expect(state.status(of: "T1") == .review && state.progress["T1"]?.checkRuns == 2)
    }
}
