import BatonTestSupport
import Foundation
import Testing

/// `baton run` without a terminal (stdin is /dev/null): plan, run to the goal, answer
/// decisions from a file or exit 3 listing them; `--json` prints the session's own records.
@Suite struct HeadlessRunTests {
    static let question = "Large reports: stream rows as they are produced, or build the file first?"

    /// T1 then T2 (after T1); each stand-in turn writes its file and reports done.
    static func twoTasks(_ repo: TestRepository, turns: [String: [[String: Any]]]? = nil) throws -> BatonEnvironment {
        try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Add CSV export", scope: ["src/"]),
                Review.task("T2", "Document CSV export", scope: ["docs/"], deps: ["T1"], kind: "docs"),
            ], turns: turns)
    }

    /// T1 asks the question, then finishes with the answer it found in its prompt.
    static var askingTurns: [String: [[String: Any]]] {
        [
            "T1": [
                [
                    "write": ["src/export.txt": "export\n"],
                    "checkpoint": [
                        "checkpoint": "needs-decision", "summary": "Exporter drafted", "next": "large reports",
                        "question": question, "options": ["stream rows", "build the file first"],
                    ],
                ],
                [
                    "append": ["src/export.txt": "chosen\n"], "expect_in_prompt": "Answer: build the file first",
                    "checkpoint": ["checkpoint": "done", "summary": "Export complete"],
                ],
            ]
        ]
    }

    static func baton(_ arguments: [String], _ repo: TestRepository, _ env: BatonEnvironment) throws -> Command.Result {
        try Command.run(Products.baton, arguments, in: repo.path, environment: env.values)
    }

    @Test func approveRunsToMergedWithoutATerminal() throws {
        let repo = try TestRepository()
        let env = try Self.twoTasks(repo)
        let result = try Self.baton(["run", "Add CSV export, then document it", "--approve", "--until", "merged"], repo, env)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let session = try Review.session(repo)
        // The plan is printed, the run is narrated as in the conversation, then how it ended.
        #expect(result.stdout.contains("T1  Add CSV export"), "\(result.stdout)")
        #expect(result.stdout.contains("merged T1 into baton/\(session)/main"), "\(result.stdout)")
        #expect(result.stdout.contains("merged · session \(session) · 2/2 merged"), "\(result.stdout)")
        // Both tasks' work is on the integration branch; T2 started after T1 was merged.
        #expect(Review.show(repo, "baton/\(session)/main", "t1.txt") != nil)
        #expect(Review.show(repo, "baton/\(session)/main", "t2.txt") != nil)
        let merges = try Review.subjects(repo, "baton/\(session)/main").filter { $0.hasPrefix("baton: merge") }
        #expect(merges.count == 2 && merges[0].hasPrefix("baton: merge T1"), "\(merges)")
    }

    @Test func policyMergeAutoLetsTheSessionMerge() throws {
        let repo = try TestRepository()
        let env = try Self.twoTasks(repo)
        let result = try Self.baton(
            [
                "run", "Add CSV export, then document it", "--approve", "--until", "merged",
                "--policy", "merge=auto,max-turns=5", "--budget-usd", "3",
            ], repo, env)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let session = try Review.session(repo)
        #expect(result.stdout.contains("merged · session \(session) · 2/2 merged"), "\(result.stdout)")
        // The settings are the session's first records, before the mission.
        let log = try String(contentsOfFile: try Review.sessionDirectory(repo) + "/events.jsonl", encoding: .utf8)
        let events = log.split(separator: "\n").dropFirst().prefix(4).map { String($0) }
        #expect(events[0].contains(#""budgetSet":{"usd":3}"#), "\(events)")
        #expect(events[1].contains(#""policySet":{"name":"merge","value":"auto"}"#), "\(events)")
        #expect(events[2].contains(#""policySet":{"name":"max-turns","value":"5"}"#), "\(events)")
        #expect(events[3].contains(#""missionSet""#), "\(events)")
    }

    @Test func untilDoneStopsAtReviewWithoutMerging() throws {
        let repo = try TestRepository()
        let env = try Self.twoTasks(repo)
        let result = try Self.baton(["run", "Add CSV export, then document it", "--approve"], repo, env)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let session = try Review.session(repo)
        // T2 waits for T1 to be merged: that is as far as `done` goes.
        #expect(result.stdout.contains("done · session \(session) · 0/2 merged · in review: T1 · "), "\(result.stdout)")
        #expect(!result.stdout.contains("merged T1"), "\(result.stdout)")
        #expect(Review.prompts(env, task: "T2").isEmpty)
    }

    @Test func aFailedTaskExitsOneSayingHowToGoOn() throws {
        let repo = try TestRepository()
        let env = try Self.twoTasks(repo, turns: ["T1": [["stderr": "model overloaded", "exit": 1]]])
        let result = try Self.baton(["run", "Add CSV export, then document it", "--approve", "--until", "merged"], repo, env)
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        let session = try Review.session(repo)
        let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("error: the run cannot reach merged: T1 failed ("), "\(result.stderr)")
        #expect(last.hasSuffix("T2 planned — baton resume \(session) to /retry, /merge or /done them"), "\(result.stderr)")
    }

    @Test func withoutApproveOnlyPlans() throws {
        let repo = try TestRepository()
        let env = try Self.twoTasks(repo)
        let result = try Self.baton(["run", "Add CSV export, then document it"], repo, env)
        #expect(result.status == 0, "\(result.stderr)")
        let session = try Review.session(repo)
        #expect(result.stdout.contains("T2  Document CSV export"), "\(result.stdout)")
        #expect(result.stdout.contains("planned only · session \(session) · run it with --approve"), "\(result.stdout)")
        // Nothing started: no worker turn, no integration branch.
        #expect(Review.workerCalls(env).isEmpty)
        #expect((try? repo.git("rev-parse", "--verify", "-q", "baton/\(session)/main")) == nil)
    }

    @Test func anOpenDecisionExitsThreeThenAnswersFinishTheRun() throws {
        let repo = try TestRepository()
        let env = try Self.twoTasks(repo, turns: Self.askingTurns)
        let waiting = try Self.baton(["run", "Add CSV export, then document it", "--approve"], repo, env)
        #expect(waiting.status == 3, "\(waiting.stdout)\n\(waiting.stderr)")
        let session = try Review.session(repo)
        #expect(
            waiting.stdout.contains(
                "1 decision waits · session \(session) · answer in baton resume \(session) (/decide), or with --answers FILE:"),
            "\(waiting.stdout)")
        #expect(waiting.stdout.contains("  D1  [T1] \(Self.question)  1) stream rows  2) build the file first"), "\(waiting.stdout)")

        // The same run with an answers file: the question is picked by its words.
        let second = try TestRepository()
        let env2 = try Self.twoTasks(second, turns: Self.askingTurns)
        let answers = second.scratch + "/answers.json"
        try #"{"large REPORTS: stream rows": "2", "D*": "1"}"#.write(toFile: answers, atomically: true, encoding: .utf8)
        let done = try Self.baton(
            ["run", "Add CSV export, then document it", "--approve", "--until", "merged", "--answers", answers], second, env2)
        #expect(done.status == 0, "\(done.stdout)\n\(done.stderr)")
        let id = try Review.session(second)
        #expect(done.stdout.contains("answering D1 from the answers file (\"large REPORTS: stream rows\"): 2"), "\(done.stdout)")
        #expect(done.stdout.contains("D1 answered: build the file first"), "\(done.stdout)")
        // The stand-in's next turn found the answer in its prompt (else its summary says MISSING).
        #expect(!done.stdout.contains("MISSING:"), "\(done.stdout)")
        #expect(done.stdout.contains("merged · session \(id) · 2/2 merged"), "\(done.stdout)")
        let decisions = try #require(Review.show(second, "baton/\(id)/main", "DECISIONS.md"))
        #expect(decisions.contains("**Answer:** build the file first"), "\(decisions)")
    }

    @Test func jsonLinesAreTheSessionLog() throws {
        let repo = try TestRepository()
        let env = try Self.twoTasks(repo)
        let result = try Self.baton(["run", "Add CSV export, then document it", "--approve", "--until", "finished", "--json"], repo, env)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "not a JSON object: \(line)")
        }
        // Exactly the lines of events.jsonl: the header, then every record in order.
        let log = try String(contentsOfFile: try Review.sessionDirectory(repo) + "/events.jsonl", encoding: .utf8)
        #expect(lines == log.split(separator: "\n").map(String.init))
        #expect(lines.first?.contains("\"baton\":\"session\"") == true)
        #expect(lines.last?.contains("\"sessionFinished\"") == true, "\(lines.last ?? "")")
        // People's lines went to stderr, the PR description was written.
        #expect(result.stderr.contains("finished · session"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: try Review.sessionDirectory(repo) + "/PR.md"))
    }

    @Test func badOptionsAreOneLineErrorsBeforeAnySession() throws {
        let repo = try TestRepository()
        let env = try Self.twoTasks(repo)
        let policy = try Self.baton(["run", "Add CSV export", "--policy", "merge=sometimes"], repo, env)
        #expect(policy.status == 1)
        #expect(policy.stderr == "error: --policy: merge takes auto|manual, e.g. merge=auto\n", "\(policy.stderr)")
        let answers = try Self.baton(["run", "Add CSV export", "--answers", repo.scratch + "/none.json"], repo, env)
        #expect(answers.status == 1)
        #expect(answers.stderr.hasPrefix("error: cannot read the answers file "), "\(answers.stderr)")
        let until = try Self.baton(["run", "Add CSV export", "--until", "merge"], repo, env)
        #expect(until.status != 0 && until.stderr.contains("done"), "\(until.stderr)")
        #expect(repo.sessionIDs.isEmpty)
    }
}
