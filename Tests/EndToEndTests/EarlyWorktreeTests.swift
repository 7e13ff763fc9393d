import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// A task whose dependencies have all started gets its worktree checked out while they run;
/// when they are merged it starts from the integration branch as ever.
@Suite struct EarlyWorktreeTests {
    static let chain = #"""
        {"tasks": [
          {"id": "T1", "title": "First part", "kind": "code", "scope": ["a/"], "route": "claude"},
          {"id": "T2", "title": "Second part", "kind": "code", "scope": ["b/"], "deps": ["T1"], "route": "claude"}
        ]}
        """#

    /// T1 runs until the test lets it end (with `exit`: a failed turn); T2 writes b.txt.
    static func scenario(goOn: String, exit: Int = 0) -> String {
        """
        {"T1": [{"write": {"a/one.txt": "1\\n"}, "wait_for": "\(goOn)", "exit": \(exit),
                 "checkpoint": {"checkpoint": "done", "summary": "first part"}}],
         "T2": [{"write": {"b/two.txt": "2\\n"}, "checkpoint": {"checkpoint": "done", "summary": "second part"}}]}
        """
    }

    @Test func theDependentsWorktreeIsReadyBeforeItsDependencyIsMergedAndStartsFromTheMerge() async throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        let goOn = repo.scratch + "/go-on"
        try env.scenario(Self.scenario(goOn: goOn))
        try env.plan(Self.chain)
        let baton = try LiveBaton(in: repo, environment: env)
        baton.send("Build both parts")
        #expect(await baton.waitFor("proposes"))
        baton.send("/policy merge auto")
        baton.send("/go")
        let id = try #require(await firstSession(repo))
        let early = repo.path + "/.baton/worktrees/\(id)/T2"
        // While T1's agent still runs, T2's worktree is checked out already.
        #expect(await poll(seconds: 90) { FileManager.default.fileExists(atPath: early + "/README.md") })
        #expect(SessionFile.state(repo)?.status(of: "T1") == .running)
        #expect(SessionFile.state(repo)?.progress["T2"]?.worktree == nil)

        _ = FileManager.default.createFile(atPath: goOn, contents: Data())
        let driver = SessionDriver(baton, repo: repo)
        let state = try #require(await driver.driveToEnd())
        await driver.quit()
        #expect(state.progress["T2"]?.worktree == early)
        // T2 started from the integration branch with T1 merged: its base holds T1's file, and
        // its branch holds both.
        let base = try #require(state.progress["T2"]?.baseCommit)
        #expect(try repo.git("show", "\(base):a/one.txt") == "1\n")
        #expect(try repo.git("show", "baton/\(id)/T2:b/two.txt") == "2\n")
        #expect(try repo.git("merge-base", "--is-ancestor", "baton/\(id)/T1", base).isEmpty)
    }

    @Test func cleanRemovesTheWorktreeOfADependentThatNeverStarted() async throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        let goOn = repo.scratch + "/go-on"
        try env.scenario(Self.scenario(goOn: goOn, exit: 1))
        try env.plan(Self.chain)
        let baton = try LiveBaton(in: repo, environment: env)
        baton.send("Build both parts")
        #expect(await baton.waitFor("proposes"))
        baton.send("/go")
        let id = try #require(await firstSession(repo))
        let early = repo.path + "/.baton/worktrees/\(id)/T2"
        #expect(await poll(seconds: 90) { FileManager.default.fileExists(atPath: early + "/README.md") })
        _ = FileManager.default.createFile(atPath: goOn, contents: Data())
        // T1's turn fails: T2 never starts.
        let driver = SessionDriver(baton, repo: repo)
        #expect(await driver.waitQuiet())
        #expect(SessionFile.state(repo)?.status(of: "T2") == .planned)
        baton.send("/clean")
        #expect(await baton.waitFor("removed the worktrees checked out ahead for T2 (not started) with their branches"))
        #expect(!FileManager.default.fileExists(atPath: early))
        #expect(try repo.git("branch", "--list", "baton/\(id)/T2").isEmpty)
        #expect(try !repo.git("worktree", "list").contains("/T2"))
        await driver.quit()
    }

    private func firstSession(_ repo: TestRepository) async -> String? {
        _ = await poll(seconds: 60) { !repo.sessionIDs.isEmpty }
        return repo.sessionIDs.first
    }
}
