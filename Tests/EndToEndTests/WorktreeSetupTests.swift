import BatonTestSupport
import Foundation
import Testing

/// `.baton/setup` runs in every new worktree before the agent; its failure fails the task
/// with the tail of its output.
@Suite struct WorktreeSetupTests {
    private func repository(setup: String) throws -> (TestRepository, BatonEnvironment) {
        let repo = try TestRepository()
        try repo.write(".baton/setup", "#!/bin/sh\n" + setup + "\n")
        chmod(repo.path + "/.baton/setup", 0o755)
        let env = try Review.environment(repo, plan: [Review.task("T1", "Add the parser", scope: ["src/"])])
        return (repo, env)
    }

    @Test func setupRunsInTheWorktreeBeforeTheAgent() throws {
        let (repo, env) = try repository(setup: "echo from-setup > .env.local")
        let result = try Baton.run(input: "Add the parser\n/go\n/wait\n/status\n/quit\n", in: repo, environment: env)
        #expect(result.stdout.contains("[T1 claude] done"), "\(result.stdout)")
        let session = try Review.session(repo)
        let worktree = repo.path + "/.baton/worktrees/\(session)/T1"
        #expect(try String(contentsOfFile: worktree + "/.env.local", encoding: .utf8) == "from-setup\n")
    }

    @Test func failingSetupFailsTheTaskWithTheTailOfItsOutput() throws {
        let (repo, env) = try repository(setup: "echo installing dependencies\necho 'npm ERR! missing package.json' >&2\nexit 3")
        let result = try Baton.run(input: "Add the parser\n/go\n/wait\n/status\n/quit\n", in: repo, environment: env)
        let failure = result.stdout.split(separator: "\n").first { $0.contains("[T1") && $0.contains("failed") }
        let line = try #require(failure, "\(result.stdout)")
        #expect(line.contains("setup (.baton/setup) failed with status 3"))
        #expect(line.contains("npm ERR! missing package.json"))
        #expect(
            !env.calls().contains { $0.agent == "claude" && !$0.argv.contains("--version") && !$0.argv.contains("--json-schema") },
            "the agent never started")
    }

    @Test func setupFromAgentsConfigRunsWhenThereIsNoSetupFile() throws {
        let repo = try TestRepository()
        try repo.write(".baton/agents.json", #"{"setup": ["/bin/sh", "-c", "echo configured > .env.local"]}"#)
        let env = try Review.environment(repo, plan: [Review.task("T1", "Add the parser", scope: ["src/"])])
        let result = try Baton.run(input: "Add the parser\n/go\n/wait\n/quit\n", in: repo, environment: env)
        #expect(result.stdout.contains("[T1 claude] done"), "\(result.stdout)")
        let worktree = repo.path + "/.baton/worktrees/\(try Review.session(repo))/T1"
        #expect(try String(contentsOfFile: worktree + "/.env.local", encoding: .utf8) == "configured\n")
    }
}
