import BatonTestSupport
import Foundation
import Testing

/// Two tasks touching the same file: warned at plan time, asked about when it happens, and
/// caught by the dry run before a merge could conflict.
@Suite struct ReviewConflictTests {
    @Test func overlappingScopesAreWarnedAtPlanAndGoWithTheDepThatFixesIt() throws {
        let repo = try TestRepository()
        let env = try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Add CSV export", scope: ["src/"]),
                Review.task("T2", "Add export button", scope: ["src/export/"]),
            ])
        let warning = "warning: T1 and T2 may run at once and both touch src/export/ — /dep T2 T1 would run them one after the other"
        let first = try Baton.run(input: "Add CSV export\n/plan\n/go\n/wait\n", in: repo, environment: env)
        // The proposal, /plan and /go each say it.
        #expect(first.stdout.components(separatedBy: warning).count - 1 == 3, "\(first.stdout)")

        let repo2 = try TestRepository()
        let env2 = try Review.environment(
            repo2,
            plan: [
                Review.task("T1", "Add CSV export", scope: ["src/"]),
                Review.task("T2", "Add export button", scope: ["src/export/"]),
            ])
        let second = try Baton.run(input: "Add CSV export\n/dep T2 T1\n/plan\n/go\n/wait\n", in: repo2, environment: env2)
        #expect(second.stdout.components(separatedBy: warning).count - 1 == 1, "only in the proposal: \(second.stdout)")
        #expect(second.stdout.contains("in review: T1"), "\(second.stdout)")
    }

    /// Both tasks change shared/config.txt: the second checkpoint opens a conflict decision;
    /// after both are let go on, the merge dry run finds the conflict before merging T2, and
    /// "let the agent resolve it" starts a turn that names the file.
    @Test func runTimeOverlapThenMergeConflictResolvedByTheAgent() throws {
        let repo = try TestRepository(files: ["README.md": "# Demo\n", "shared/config.txt": "mode = a\n"])
        let env = try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Switch to mode b", scope: ["shared/"]),
                Review.task("T2", "Switch to mode c", scope: ["lib/"]),
            ],
            turns: [
                "T1": [["write": ["shared/config.txt": "mode = b\n"]]],
                "T2": [
                    ["write": ["shared/config.txt": "mode = c\n", "lib/c.txt": "c\n"]],
                    [
                        "expect_in_prompt": "shared/config.txt", "write": ["lib/resolved.txt": "resolved\n"],
                        "checkpoint": ["checkpoint": "done", "summary": "Fitted to mode b"],
                    ],
                ],
            ])
        // reuse-answers off: the merge conflict is asked, not answered from "let both go on".
        let input = """
            Switch modes
            /policy reuse-answers off
            /go
            /wait
            /decide D1 2
            /merge T1
            /merge T2
            /wait
            /decide D2 1
            /wait
            /status

            """
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        // Run time: whichever finished second is asked about the other.
        let conflict = Review.lines(out, containing: "? D1  [").first ?? ""
        #expect(conflict.contains("both changed shared/config.txt — how should they go on?"), "\(out)")
        #expect(conflict.contains("T1 and T2") || conflict.contains("T2 and T1"), "\(out)")
        #expect(out.contains("1) pause T"), "\(out)")
        #expect(out.contains("2) let both go on   3) tell T"), "\(out)")
        #expect(out.contains("D1 answered: let both go on"), "\(out)")

        // Merge time: T1 merges cleanly, T2's dry run conflicts — nothing half-merged.
        let session = try Review.session(repo)
        #expect(out.contains("merged T1 into baton/\(session)/main"), "\(out)")
        #expect(out.contains("? D2  [T2 claude] T2 conflicts with the integration branch in shared/config.txt"), "\(out)")
        #expect(
            out.contains("1) let the agent resolve it   2) I'll resolve it in the worktree, then /done T2   3) leave it in review"),
            "\(out)")
        #expect(Review.show(repo, "baton/\(session)/main", "shared/config.txt") == "mode = b\n")
        #expect(try repo.git("status", "--porcelain", "--untracked-files=no").isEmpty)
        let main = repo.path + "/.baton/worktrees/\(session)/main"
        let integrationStatus = try repo.gitArgs(["status", "--porcelain"], in: main)
        #expect(!integrationStatus.contains("UU"), "no conflict left in the integration worktree: \(integrationStatus)")
        #expect(try Review.subjects(repo, "baton/\(session)/main").filter { $0.hasPrefix("baton: merge T2") }.isEmpty)

        // The agent was asked to resolve it, with the conflicted file named in its prompt.
        #expect(out.contains("D2 answered: let the agent resolve it"), "\(out)")
        let prompts = Review.prompts(env, task: "T2")
        try #require(prompts.count == 2, "\(out)")
        #expect(prompts[1].contains("shared/config.txt"))
        #expect(!out.contains("MISSING:"), "\(out)")
        #expect(Review.lines(out, containing: "T2    claude").last?.contains("review") == true, "\(out)")
    }

    /// "Leave it in review" keeps the task there, and /merge tries the dry run again.
    @Test func mergeConflictLeftInReview() throws {
        let repo = try TestRepository(files: ["README.md": "# Demo\n", "shared/config.txt": "mode = a\n"])
        let env = try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Switch to mode b", scope: ["shared/"]),
                Review.task("T2", "Switch to mode c", scope: ["lib/"]),
            ],
            turns: [
                "T1": [["write": ["shared/config.txt": "mode = b\n"]]],
                "T2": [["write": ["shared/config.txt": "mode = c\n"]]],
            ])
        let input =
            "Switch modes\n/policy reuse-answers off\n/go\n/wait\n/decide D1 2\n/merge T1\n/merge T2\n/decide D2 3\n/status\n/merge T2\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("D2 answered: leave it in review"), "\(out)")
        #expect(Review.lines(out, containing: "T2    claude").last?.contains("review") == true, "\(out)")
        #expect(out.contains("? D3  [T2 claude] T2 conflicts with the integration branch in shared/config.txt"), "\(out)")
        #expect(Review.prompts(env, task: "T2").count == 1, "no new turn for T2")
    }

    /// One task at a time, so the order is known: T1 finishes (review), then T2 changes the
    /// same file at its first checkpoint and is asked about it.
    static func sequentialOverlap(_ repo: TestRepository, t2Next: [String: Any]) throws -> BatonEnvironment {
        try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Switch to mode b", scope: ["shared/"]),
                Review.task("T2", "Switch to mode c", scope: ["lib/"]),
            ],
            turns: [
                "T1": [["write": ["shared/config.txt": "mode = b\n"]]],
                "T2": [
                    [
                        "write": ["shared/config.txt": "mode = c\n"],
                        "checkpoint": ["checkpoint": "first-change", "summary": "Mode c started", "next": "the rest of mode c"],
                    ],
                    t2Next,
                ],
            ])
    }

    @Test func pauseUntilTheOtherMergesThenGoOn() throws {
        let repo = try TestRepository(files: ["README.md": "# Demo\n", "shared/config.txt": "mode = a\n"])
        let env = try Self.sequentialOverlap(repo, t2Next: ["expect_in_prompt": "T1 has merged", "write": ["lib/c.txt": "c\n"]])
        let input = "Switch modes\n/parallel 1\n/go\n/wait\n/decide D1 1\n/status\n/merge T1\n/wait\n/status\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("? D1  [T2 claude] T2 and T1 both changed shared/config.txt — how should they go on?"), "\(out)")
        #expect(out.contains("1) pause T2 until T1 merges   2) let both go on   3) tell T2 to stay out of those files"), "\(out)")
        #expect(out.contains("D1 answered: pause T2 until T1 merges"), "\(out)")
        #expect(Review.lines(out, containing: "T2    claude").first?.contains("paused") == true, "\(out)")
        // T1 merged: T2 goes on by itself, told so in its prompt.
        #expect(out.contains("merged T1 into baton/\(try Review.session(repo))/main · T2 continues"), "\(out)")
        let prompts = Review.prompts(env, task: "T2")
        try #require(prompts.count == 2, "T2 did not go on after T1 merged: \(out)")
        #expect(!out.contains("MISSING:"), "\(out)")
        #expect(Review.lines(out, containing: "T2    claude").last?.contains("review") == true, "\(out)")
    }

    @Test func tellTheTaskToStayOutOfTheFiles() throws {
        let repo = try TestRepository(files: ["README.md": "# Demo\n", "shared/config.txt": "mode = a\n"])
        let env = try Self.sequentialOverlap(
            repo,
            t2Next: [
                "expect_in_prompt": "Stay out of shared/config.txt: T1 is changing them.", "write": ["shared/config.txt": "mode = a\n"],
            ])
        let input = "Switch modes\n/parallel 1\n/go\n/wait\n/decide D1 3\n/wait\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("D1 answered: tell T2 to stay out of those files"), "\(out)")
        #expect(Review.prompts(env, task: "T2").count == 2, "\(out)")
        #expect(!out.contains("MISSING:"), "\(out)")
        #expect(out.contains("in review: T1 T2"), "\(out)")
    }
}
