import BatonTestSupport
import Foundation
import Testing

/// Checkpoints as the user sees them: one line per checkpoint, one commit per checkpoint on
/// the task branch, the brief never committed, and turns without a block asking in the end.
@Suite struct ReviewCheckpointTests {
    @Test func checkpointLinesAndCommitsOnTheTaskBranch() throws {
        let repo = try TestRepository()
        let env = try Review.environment(
            repo, plan: [Review.task("T1", "Add CSV export", scope: ["src/"])],
            turns: [
                "T1": [
                    [
                        "write": ["src/export.txt": "header\nrow\n"],
                        "checkpoint": [
                            "checkpoint": "first-change", "summary": "Added the exporter skeleton",
                            "next": "streaming rows for large reports",
                        ],
                    ],
                    [
                        "append": ["src/export.txt": "stream\n"], "write": ["src/rows.txt": "rows\n"],
                        "checkpoint": ["checkpoint": "core-drafted", "summary": "Streaming drafted", "next": "edge cases"],
                    ],
                    ["write": ["src/empty.txt": "empty\n"], "checkpoint": ["checkpoint": "done", "summary": "Export complete"]],
                ]
            ])
        let result = try Baton.run(input: "Add CSV export\n/go\n/wait\n", in: repo, environment: env)
        let out = result.stdout
        #expect(
            out.contains(
                "[T1 claude] checkpoint 1 · first change · Added the exporter skeleton · +2 −0 in 1 file · next: streaming rows for large reports"
            ), "\(out)")
        #expect(out.contains("[T1 claude] checkpoint 2 · core drafted · Streaming drafted · +4 −0 in 2 files · next: edge cases"), "\(out)")
        #expect(out.contains("[T1 claude] done · Export complete · +5 −0 in 3 files · 3 turns"), "\(out)")
        #expect(out.contains("nothing is running · in review: T1"), "\(out)")

        let session = try Review.session(repo)
        let branch = "baton/\(session)/T1"
        #expect(
            try Review.subjects(repo, branch) == [
                "baton: T1 checkpoint 1 (first-change): Added the exporter skeleton",
                "baton: T1 checkpoint 2 (core-drafted): Streaming drafted",
                "baton: T1 checkpoint 3 (done): Export complete",
            ])
        // The brief sits in the worktree while the agent works, and is never committed.
        let worktree = repo.path + "/.baton/worktrees/\(session)/T1"
        #expect(FileManager.default.fileExists(atPath: worktree + "/CONTEXT.md"))
        let committed = try Review.committedFiles(repo, branch)
        #expect(committed == ["src/export.txt", "src/rows.txt", "src/empty.txt"], "\(committed)")
        #expect(!committed.contains { $0.hasSuffix("CONTEXT.md") })
    }

    /// A turn without a (valid) checkpoint block continues by itself up to the policy's limit,
    /// then Baton asks; "review it as done" puts the task in review.
    @Test func unstructuredTurnsContinueUpToTheLimitThenAsk() throws {
        let repo = try TestRepository()
        let noBlock: [String: Any] = ["checkpoint": ["checkpoint": "working-on-it"]]
        var turns: [[String: Any]] = []
        for i in 1...6 {
            var turn = noBlock
            turn["append"] = ["src/log.txt": "turn \(i)\n"]
            turns.append(turn)
        }
        let env = try Review.environment(repo, plan: [Review.task("T1", "Add logging", scope: ["src/"])], turns: ["T1": turns])
        let input = "Add logging\n/policy unstructured 2\n/go\n/wait\n/decide D1 2\n/status\n"
        let result = try Baton.run(input: input, in: repo, environment: env)
        let out = result.stdout
        #expect(out.contains("policy unstructured 2"))
        // Three turns ran (two continued by themselves), each an unstructured checkpoint.
        #expect(Review.workerCalls(env).count == 3, "\(Review.workerCalls(env).map(\.argv))")
        #expect(Review.lines(out, containing: "[T1 claude] checkpoint ").count == 3, "\(out)")
        #expect(
            Review.lines(out, containing: "[T1 claude] checkpoint 1 · unstructured · ").first?.contains(" · +1 −0 in 1 file") == true,
            "\(out)")
        #expect(out.contains("? D1  [T1 claude] T1 ended 3 turns without a checkpoint — go on, or review what it did?"), "\(out)")
        #expect(out.contains("1) continue   2) review it as done   3) stop it"), "\(out)")
        #expect(out.contains("D1 answered: review it as done"), "\(out)")
        let status = Review.lines(out, containing: "T1    claude").last ?? ""
        #expect(status.contains("review"), "\(out)")
        let session = try Review.session(repo)
        #expect(try Review.subjects(repo, "baton/\(session)/T1").count == 3)
        #expect(repo.read(".baton/worktrees/\(session)/T1/src/log.txt") == "turn 1\nturn 2\nturn 3\n")
    }
}
