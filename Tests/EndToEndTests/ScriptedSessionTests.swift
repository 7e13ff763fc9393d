import BatonTestSupport
import Foundation
import Testing

/// The binary driven with piped input, as scripts use it.
@Suite struct ScriptedSessionTests {
    @Test func helpAndUnknownCommandInAPipe() throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo)
        let result = try Baton.run(input: "/help\n/rout T1\n/quit\n", in: repo, environment: env)
        #expect(result.stdout.contains("/route   Show routes"))
        #expect(result.stdout.contains("unknown command /rout — did you mean /route?"))
        #expect(!result.stdout.contains("\u{1B}"), "no escape sequences when piped")
        #expect(!result.stdout.contains("baton ▸"), "no prompt when piped")
        // /quit succeeded after the failed /rout: the exit status follows the last command.
        #expect(result.status == 0)
    }

    @Test func failedLastCommandGivesNonZeroExit() throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo)
        let result = try Baton.run(input: "/drop T9\n", in: repo, environment: env)
        #expect(result.stdout.contains("error: no session yet") || result.stdout.contains("error:"))
        #expect(result.status != 0)
    }

    @Test func outsideAGitRepositoryIsOneClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-nogit-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try Command.run(Products.baton, [], in: dir, input: "/quit\n")
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not inside a git repository"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
