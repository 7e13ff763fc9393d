import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Landing: `/finish --local` and `/finish --pr`, with PR.md listing the checks.
@Suite struct VerifyFinishTests {
    static func environment(_ repo: TestRepository) throws -> BatonEnvironment {
        try Review.environment(
            repo, plan: [Review.task("T1", "Set the value", scope: ["value.txt"])],
            turns: ["T1": [Verify.done(["value.txt": "good\n"], "Value set")]])
    }

    @Test func finishLocalFastForwardsTheStartingBranch() throws {
        let repo = try Verify.repository(check: Verify.valueCheck)
        let env = try Self.environment(repo)
        let result = try Baton.run(input: "Set the value\n/go\n/wait\n/finish --local\n", in: repo, environment: env)
        let out = result.stdout
        let session = try Review.session(repo)
        #expect(out.contains("main fast-forwarded to baton/\(session)/main"), "\(out)")
        #expect(repo.read("value.txt") == "good\n", "the user's checkout has the work")
        #expect(try repo.git("rev-parse", "main") == (try repo.git("rev-parse", "baton/\(session)/main")))
        // PR.md is written from facts that list each task's checks and the integration branch's.
        #expect(repo.read(".baton/Sessions/\(session)/PR.md") != nil)
        let writer = try #require(env.calls().last { $0.argv.contains { $0.contains("pull request description") } })
        #expect(writer.argv.contains { $0.contains("- T1 checks ✓ unit 3 passed") }, "\(writer.argv)")
        #expect(writer.argv.contains { $0.contains("- integration branch checks ✓ unit 3 passed") }, "\(writer.argv)")
    }

    @Test func finishLocalRefusesUncommittedChangesAndPrPrintsTheCommands() throws {
        let repo = try Verify.repository(check: Verify.valueCheck)
        let env = try Self.environment(repo)
        try repo.write("notes.txt", "mine\n")
        let result = try Baton.run(input: "Set the value\n/go\n/wait\n/finish --local\n", in: repo, environment: env)
        #expect(
            result.stdout.contains("error: main has uncommitted changes (notes.txt) — commit or stash them, then /finish --local"),
            "\(result.stdout)")
        #expect(try repo.git("log", "--format=%s", "main") == "initial\n", "main is untouched")

        let other = try Verify.repository(check: Verify.valueCheck)
        let second = try Baton.run(input: "Set the value\n/go\n/wait\n/finish --pr\n", in: other, environment: try Self.environment(other))
        let session = try Review.session(other)
        #expect(second.stdout.contains("the repository has no remote named origin — open the pull request with:"), "\(second.stdout)")
        #expect(second.stdout.contains("  git push -u origin baton/\(session)/main"), "\(second.stdout)")
        #expect(
            second.stdout.contains("  gh pr create --head baton/\(session)/main --title 'Set the value' --body-file "), "\(second.stdout)")
    }
}
