import BatonTestSupport
import Foundation
import Testing

/// The user-level agents.json ($XDG_CONFIG_HOME/baton/) holds what a person uses everywhere;
/// the repository's .baton/agents.json overrides it field by field; /agents says which came
/// from where.
@Suite struct AgentSettingsTests {
    @Test func userFileThenRepositoryFileFieldByField() throws {
        let repo = try TestRepository()
        let env = try Review.environment(repo, plan: [Review.task("T1", "Add export", scope: ["src/"])])
        let config = try #require(env.values["XDG_CONFIG_HOME"])
        try FileManager.default.createDirectory(atPath: config + "/baton", withIntermediateDirectories: true)
        try #"{"agents": {"claude": {"model": "opus-user", "max_parallel": 1}}, "prices": {"gpt-5-codex": {"input": 2, "output": 8}}}"#
            .write(toFile: config + "/baton/agents.json", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: repo.path + "/.baton", withIntermediateDirectories: true)
        try #"{"agents": {"claude": {"max_parallel": 2}}}"#.write(toFile: repo.path + "/.baton/agents.json", atomically: true, encoding: .utf8)
        let result = try Baton.run(input: "/agents\nAdd export\n/go\n/wait\n", in: repo, environment: env)
        let out = result.stdout
        #expect(out.range(of: #"(?m)^\s*claude\s.*\s0/2\s*$"#, options: .regularExpression) != nil, "the repository's max_parallel: \(out)")
        #expect(out.contains("  claude: max_parallel from .baton/agents.json; model from ~/.config/baton/agents.json"), "\(out)")
        #expect(out.contains("  prices: gpt-5-codex from ~/.config/baton/agents.json"), "\(out)")
        // The user's model reached the turn.
        let argv = try #require(Review.workerCalls(env).first?.argv, "\(out)")
        let i = try #require(argv.firstIndex(of: "--model"), "\(argv)")
        #expect(argv[i + 1] == "opus-user")
    }

    @Test func anInvalidUserFileIsOneLineNamingIt() throws {
        let repo = try TestRepository()
        let env = try Review.environment(repo)
        let config = try #require(env.values["XDG_CONFIG_HOME"])
        try FileManager.default.createDirectory(atPath: config + "/baton", withIntermediateDirectories: true)
        try #"{"agents": {"claude": {"max_parallel": 0}}}"#.write(toFile: config + "/baton/agents.json", atomically: true, encoding: .utf8)
        let result = try Baton.run(input: "/agents\n", in: repo, environment: env)
        #expect((result.stdout + result.stderr).contains("~/.config/baton/agents.json"), "\(result.stdout)\(result.stderr)")
    }
}
