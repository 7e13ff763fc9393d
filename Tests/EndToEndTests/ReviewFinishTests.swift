import BatonTestSupport
import Foundation
import Testing

/// The end of a session: /finish merges what is in review and writes PR.md; /clean removes
/// only the worktrees of merged work.
@Suite struct ReviewFinishTests {
    /// No agent installed: an offline plan done by hand (human tasks), PR.md from the template.
    @Test func finishMergesInOrderAndWritesTheTemplatePullRequest() async throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo, agents: [])
        let baton = try LiveBaton(["--planner", "offline"], in: repo, environment: env)
        defer { baton.kill9() }
        baton.send("Add CSV export, then write tests for it; update the README")
        #expect(await baton.waitFor("T3  Update the README"), "\(baton.text)")
        // T2 no longer waits for T1: both can be done, then merged in one go.
        baton.send("/undep T2 T1")
        baton.send("/note exports use UTF-8 with a BOM")
        baton.send("/go")
        let session = try await sessionID(repo)
        let worktrees = repo.path + "/.baton/worktrees/\(session)"
        for (task, file) in [("T1", "src/export.txt"), ("T2", "tests/export_test.txt")] {
            try #require(
                await baton.waitFor("[\(task) human ] your turn: work in .baton/worktrees/\(session)/\(task), then /done \(task)"),
                "\(baton.text)")
            try write(worktrees + "/\(task)/" + file, "\(task) by hand\n")
            baton.send("/done \(task) wrote \(file)")
            #expect(await baton.waitFor("[\(task) human ] done · wrote \(file) · +1 −0 in 1 file"), "\(baton.text)")
        }
        baton.send("/finish")
        #expect(await baton.waitFor("open the PR: "), "\(baton.text)")
        let out = baton.text
        let branch = "baton/\(session)/main"
        #expect(out.contains("merged T1 into \(branch)") && out.contains("merged T2 into \(branch)"), "\(out)")
        #expect(out.contains("warning: not merged: T3 — they are left out of the PR"), "\(out)")
        #expect(out.contains("wrote .baton/Sessions/\(session)/PR.md"), "\(out)")
        #expect(out.contains("open the PR: push \(branch) and paste ") || out.contains("git push -u origin \(branch)"), "\(out)")
        let merges = try Review.subjects(repo, branch).filter { $0.hasPrefix("baton: merge") }.map { String($0.prefix(15)) }
        #expect(merges == ["baton: merge T1", "baton: merge T2"], "\(merges)")

        let pr = try #require(repo.read(".baton/Sessions/\(session)/PR.md"))
        #expect(pr.hasPrefix("# Add CSV export, then write tests for it; update the README\n"), "\(pr)")
        #expect(pr.contains("## What changed"), "\(pr)")
        #expect(pr.contains("**T1 Add CSV export** (human, merged, +1 −0 in 1 file): wrote src/export.txt"), "\(pr)")
        #expect(pr.contains("**T2 "), "\(pr)")
        #expect(pr.contains("**T3 Update the README**"), "\(pr)")
        #expect(pr.contains("## Decisions") && pr.contains("note: exports use UTF-8 with a BOM"), "\(pr)")
        #expect(pr.contains("## How it was checked"), "\(pr)")
        #expect(pr.contains("_Prepared by Baton from session \(session)._"), "\(pr)")
        baton.send("/quit")
        #expect(await baton.waitForExit() != nil)
    }

    /// A task done by hand waits for the user: /wait in a script returns instead of hanging.
    @Test func waitReturnsWhileATaskIsDoneByHand() async throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo, agents: [])
        let baton = try LiveBaton(["--planner", "offline"], in: repo, environment: env)
        defer { baton.kill9() }
        baton.send("Add CSV export")
        baton.send("/go")
        baton.send("/wait")
        baton.send("/status")
        #expect(await baton.waitFor("your turn: work in .baton/worktrees/"), "\(baton.text)")
        #expect(await baton.waitFor("mission: 0/"), "/wait never returned: \(baton.text)")
        baton.close()
        #expect(await baton.waitForExit() != nil)
    }

    @Test func cleanRemovesMergedWorktreesAndNeverUnmergedWork() async throws {
        let repo = try TestRepository()
        let env = try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Add CSV export", scope: ["src/"]),
                Review.task("T2", "Add PDF export", scope: ["pdf/"]),
            ])
        let baton = try LiveBaton(in: repo, environment: env)
        defer { baton.kill9() }
        baton.send("Add exports")
        baton.send("/go")
        baton.send("/wait")
        #expect(await baton.waitFor("nothing is running · in review: T1 T2"), "\(baton.text)")
        baton.send("/merge T1")
        #expect(await baton.waitFor("merged T1 into"), "\(baton.text)")
        let session = try Review.session(repo)
        let worktrees = repo.path + "/.baton/worktrees/\(session)"
        // Work in progress in T2's worktree, not committed anywhere.
        try write(worktrees + "/T2/pdf/draft.txt", "not committed\n")

        baton.send("/clean")
        #expect(await baton.waitFor("kept T2: not merged — /merge them, or /clean --force"), "\(baton.text)")
        #expect(baton.text.contains("removed the worktrees of T1 (their branches remain)"), "\(baton.text)")
        #expect(!FileManager.default.fileExists(atPath: worktrees + "/T1"))
        #expect(try repo.git("branch", "--list", "baton/\(session)/T1").contains("T1"))
        #expect(FileManager.default.fileExists(atPath: worktrees + "/T2/pdf/draft.txt"))

        baton.send("/clean --force")
        #expect(await baton.waitFor("error: /clean --force needs a confirmation at a terminal"), "\(baton.text)")
        #expect(try String(contentsOfFile: worktrees + "/T2/pdf/draft.txt", encoding: .utf8) == "not committed\n")
        #expect(try repo.git("log", "--format=%s", "baton/\(session)/T2").contains("saved by /clean") == false)

        // Merged now, but the draft is still not merged anywhere: kept until it is dealt with.
        baton.send("/merge T2")
        #expect(await baton.waitFor("merged T2 into"), "\(baton.text)")
        baton.send("/clean")
        #expect(
            await baton.waitFor("kept T2: merged, but with uncommitted changes in the worktree — commit or remove them, or /clean --force"),
            "\(baton.text)")
        #expect(FileManager.default.fileExists(atPath: worktrees + "/T2/pdf/draft.txt"))
        try FileManager.default.removeItem(atPath: worktrees + "/T2/pdf/draft.txt")
        baton.send("/clean")
        #expect(await baton.waitFor("removed the worktrees of T2"), "\(baton.text)")
        #expect(!FileManager.default.fileExists(atPath: worktrees + "/T2"))
        #expect(!baton.text.contains("error: error:"), "\(baton.text)")
        baton.send("/quit")
        #expect(await baton.waitForExit() != nil)
    }

    private func sessionID(_ repo: TestRepository) async throws -> String {
        _ = await poll(seconds: 60) { repo.sessionIDs.count == 1 }
        return try Review.session(repo)
    }

    private func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
