import BatonTestSupport
import Foundation
import Testing

/// Review and integration: merge order, automatic merges, rejecting with feedback.
@Suite struct ReviewMergeTests {
    @Test func mergeFollowsDependencies() throws {
        let repo = try TestRepository()
        let env = try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Add CSV export", scope: ["src/"]),
                Review.task("T2", "Add PDF export", scope: ["pdf/"]),
                Review.task("T3", "Tests for CSV export", scope: ["tests/"], deps: ["T1"], kind: "tests"),
            ])
        let input = "Add exports\n/go\n/wait\n/merge T3\n/merge T1\n/wait\n/merge T3\n/merge T3\n/status\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("error: T3 depends on T1, not merged yet — /merge T1 first"), "\(out)")
        let session = try Review.session(repo)
        let branch = "baton/\(session)/main"
        #expect(out.contains("merged T1 into \(branch)"), "\(out)")
        #expect(out.contains("merged T3 into \(branch)"), "\(out)")
        #expect(out.contains("error: T3 is already merged"), "\(out)")
        let subjects = try Review.subjects(repo, branch).filter { $0.hasPrefix("baton: merge") }
        #expect(subjects.count == 2, "\(subjects)")
        #expect(subjects.first?.hasPrefix("baton: merge T1") == true && subjects.last?.hasPrefix("baton: merge T3") == true, "\(subjects)")
        #expect(Review.show(repo, branch, "t1.txt") != nil && Review.show(repo, branch, "t3.txt") != nil)
        #expect(Review.show(repo, branch, "t2.txt") == nil, "T2 was not merged")
        #expect(Review.lines(out, containing: "T2    claude").last?.contains("review") == true, "\(out)")
        // The user's own branch is untouched.
        #expect(try repo.git("log", "--format=%s", "main") == "initial\n")
    }

    @Test func mergeBeforeTheDoneCheckpointIsRefused() throws {
        let repo = try TestRepository()
        let env = try Review.environment(
            repo, plan: [Review.task("T1", "Add CSV export", scope: ["src/"])],
            turns: [
                "T1": [
                    ["checkpoint": ["checkpoint": "needs-decision", "question": "Which delimiter?", "options": ["comma", "semicolon"]]]
                ]
            ])
        let result = try Baton.run(input: "Add CSV export\n/go\n/wait\n/merge T1\n", in: repo, environment: env)
        #expect(
            result.stdout.contains("error: T1 is waiting for you — it can be merged after its done checkpoint (/status)"),
            "\(result.stdout)")
        #expect(result.status != 0)
    }

    @Test func automaticMergePolicyMergesCleanDoneTasks() throws {
        let repo = try TestRepository()
        let env = try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Add CSV export", scope: ["src/"]),
                Review.task("T2", "Tests for CSV export", scope: ["tests/"], deps: ["T1"], kind: "tests"),
            ])
        let result = try Baton.run(input: "Add CSV export\n/policy merge auto\n/go\n/wait\n/status\n", in: repo, environment: env)
        let out = result.stdout
        let session = try Review.session(repo)
        let branch = "baton/\(session)/main"
        #expect(out.contains("policy merge auto"), "\(out)")
        #expect(out.contains("merged T1 into \(branch)") && out.contains("merged T2 into \(branch)"), "\(out)")
        #expect(out.contains("mission: 2/2 merged"), "\(out)")
        let subjects = try Review.subjects(repo, branch).filter { $0.hasPrefix("baton: merge") }
        #expect(subjects.map { String($0.prefix(16)) } == ["baton: merge T1 ", "baton: merge T2 "], "\(subjects)")
    }

    /// Turning auto-merge on later merges what already waits in review.
    @Test func switchingToAutomaticMergesWhatIsInReview() throws {
        let repo = try TestRepository()
        let env = try Review.environment(repo, plan: [Review.task("T1", "Add CSV export", scope: ["src/"])])
        let result = try Baton.run(input: "Add CSV export\n/go\n/wait\n/policy merge auto\n/wait\n/status\n", in: repo, environment: env)
        #expect(result.stdout.contains("in review: T1"), "\(result.stdout)")
        #expect(result.stdout.contains("mission: 1/1 merged"), "\(result.stdout)")
    }

    @Test func rejectSendsTheFeedbackAsTheNextTurnAndReturnsToReview() throws {
        let repo = try TestRepository()
        let why = "the export must stream rows, not build the file in memory"
        let env = try Review.environment(
            repo, plan: [Review.task("T1", "Add CSV export", scope: ["src/"])],
            turns: [
                "T1": [
                    [
                        "write": ["src/export.txt": "buffered\n"],
                        "checkpoint": ["checkpoint": "done", "summary": "Export builds the file"],
                    ],
                    [
                        "write": ["src/export.txt": "streamed\n"], "expect_in_prompt": why,
                        "checkpoint": ["checkpoint": "done", "summary": "Export streams rows"],
                    ],
                ]
            ])
        let input = "Add CSV export\n/reject T1 too early\n/go\n/wait\n/reject T1 \(why)\n/wait\n/status\n/merge T1\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("error: T1 is"), "rejecting before review is refused: \(out)")
        #expect(out.contains("T1 goes back to claude with your feedback"), "\(out)")
        #expect(!out.contains("MISSING:"), "\(out)")
        #expect(Review.lines(out, containing: "[T1 claude] done · ").count == 2, "\(out)")
        #expect(out.contains("[T1 claude] done · Export streams rows · +1 −0 in 1 file · 2 turns"), "\(out)")
        #expect(Review.lines(out, containing: "T1    claude").last?.contains("review") == true, "\(out)")
        let prompts = Review.prompts(env, task: "T1")
        try #require(prompts.count == 2)
        #expect(prompts[1].contains("Review feedback from the user — address it: \(why)"))
        let session = try Review.session(repo)
        #expect(Review.show(repo, "baton/\(session)/main", "src/export.txt") == "streamed\n")
        #expect(try Review.subjects(repo, "baton/\(session)/T1").last == "baton: T1 checkpoint 2 (done): Export streams rows")
    }

    /// With one task at a time, a task reaching review lets the next one start.
    @Test func aTaskInReviewFreesItsSlot() throws {
        let repo = try TestRepository()
        let env = try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Add CSV export", scope: ["src/"]),
                Review.task("T2", "Add PDF export", scope: ["pdf/"]),
            ])
        let result = try Baton.run(input: "Add exports\n/parallel 1\n/go\n/wait\n", in: repo, environment: env)
        #expect(result.stdout.contains("up to 1 task at once"), "\(result.stdout)")
        #expect(result.stdout.contains("nothing is running · in review: T1 T2"), "\(result.stdout)")
    }
}
