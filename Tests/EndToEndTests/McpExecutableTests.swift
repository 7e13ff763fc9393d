import BatonTestSupport
import Foundation
import Testing

/// Baton's MCP server is its own executable, `baton-mcp`, next to `baton` (so `baton` starts
/// without loading libcurl): `baton mcp` hands over to it; without it, agents run without the
/// server and the user is told once what is missing and how to get it.
@Suite struct McpExecutableTests {
    static let howToGetIt = "build it (swift build --product baton-mcp) or install both (scripts/install)"

    /// A copy of `baton` in a folder of its own: no baton-mcp beside it.
    static func lonelyBaton(_ repo: TestRepository) throws -> (baton: String, folder: String) {
        let folder = repo.scratch + "/lonely"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Products.baton, toPath: folder + "/baton")
        return (folder + "/baton", folder)
    }

    @Test func batonMcpRunsTheBatonMcpBesideIt() throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo)
        // baton-mcp's own check answers: it needs the sessions folder.
        let missing = try Command.run(Products.baton, ["mcp", "--session", "s-1", "--task", "T1"], in: repo.path, environment: env.values)
        #expect(missing.status == 1, "\(missing.stdout)\(missing.stderr)")
        #expect(missing.stderr == "error: baton mcp needs --sessions-dir DIR (Baton passes it to its agents)\n", "\(missing.stderr)")
        // A bad argument: one line naming baton-mcp's help.
        let bad = try Command.run(Products.baton, ["mcp", "--bogus"], in: repo.path, environment: env.values)
        #expect(bad.status != 0 && bad.stdout.isEmpty, "\(bad.stdout)\(bad.stderr)")
        #expect(bad.stderr.hasPrefix("error: ") && bad.stderr.hasSuffix(" — see baton-mcp mcp --help\n"), "\(bad.stderr)")
        #expect(bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    }

    @Test func withoutBatonMcpTheUserIsToldOnceHowToGetIt() throws {
        let repo = try TestRepository()
        let (baton, folder) = try Self.lonelyBaton(repo)
        let env = try HeadlessRunTests.twoTasks(repo)
        let mcp = try Command.run(baton, ["mcp", "--session", "s-1", "--task", "T1"], in: repo.path, environment: env.values)
        #expect(mcp.status == 1, "\(mcp.stdout)\(mcp.stderr)")
        #expect(mcp.stderr == "error: baton-mcp is missing next to baton (\(folder)) — \(Self.howToGetIt)\n", "\(mcp.stderr)")

        // Both tasks' turns run, without the server; the user reads why once.
        let run = try Command.run(
            baton, ["run", "Add CSV export, then document it", "--approve", "--until", "merged"], in: repo.path, environment: env.values)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let line =
            "baton-mcp is missing next to baton (\(folder)), so agents run without Baton's MCP tools (ask_human, decisions) — "
            + Self.howToGetIt
        let said = (run.stdout + run.stderr).components(separatedBy: line).count - 1
        #expect(said == 1, "said once:\n\(run.stdout)\n\(run.stderr)")
        let turns = Review.workerCalls(env)
        #expect(turns.count == 2 && turns.allSatisfy { !$0.argv.contains("--mcp-config") }, "\(turns.map(\.argv))")
    }

    @Test func doctorSaysWhetherBatonMcpIsBesideBaton() throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo, agents: ["claude"], extra: ["ANTHROPIC_API_KEY": "k"])
        let beside = try Command.run(Products.baton, ["doctor"], in: repo.path, environment: env.values)
        let mcp = (Products.baton as NSString).deletingLastPathComponent + "/baton-mcp"
        let found = try #require(DoctorTests.line(beside.stdout, "baton-mcp "), "\(beside.stdout)")
        #expect(found.hasSuffix(" ✓ \(mcp) · Baton's MCP server for its agents (ask_human, decisions)"), "\(found)")
        let (baton, folder) = try Self.lonelyBaton(repo)
        let lonely = try Command.run(baton, ["doctor"], in: repo.path, environment: env.values)
        #expect(lonely.status == 1, "\(lonely.stdout)\(lonely.stderr)")
        let missing = try #require(DoctorTests.line(lonely.stdout, "baton-mcp "), "\(lonely.stdout)")
        let why = "baton-mcp is missing next to baton (\(folder)), so agents run without Baton's MCP tools (ask_human, decisions) — "
        #expect(missing.hasSuffix(" ✗ " + why + Self.howToGetIt), "\(missing)")
    }
}
