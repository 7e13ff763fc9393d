import BatonTestSupport
import Foundation
import Testing

/// `scripts/install` puts a working `baton` on the PATH. The test installs the binary under
/// test (`--binary`, so no release build runs here) and runs it from a repository outside
/// the source tree: it needs nothing from the tree (the prompts are built in).
@Suite struct InstallTests {
    @Test func installedBatonRunsFromAnyRepository() throws {
        let repo = try TestRepository()
        let prefix = repo.scratch + "/prefix"
        let install = try Command.run(
            "/bin/bash", [Products.packageRoot.path + "/scripts/install", "--binary", Products.baton, "--prefix", prefix],
            in: repo.scratch)
        #expect(install.status == 0, "\(install.stdout)\n\(install.stderr)")
        #expect(install.stdout.contains("installed \(prefix)/bin/baton (0.1.0)"), "\(install.stdout)")
        #expect(install.stdout.contains("note: \(prefix)/bin is not on your PATH"), "\(install.stdout)")
        // baton-mcp, the MCP server agents start, sits next to baton.
        #expect(FileManager.default.isExecutableFile(atPath: prefix + "/bin/baton-mcp"), "\(install.stdout)")

        var env = try HeadlessRunTests.twoTasks(repo)
        env.values["PATH"] = prefix + "/bin:" + (env.values["PATH"] ?? "")
        let version = try Command.run("/usr/bin/env", ["baton", "--version"], in: repo.path, environment: env.values)
        #expect(version.status == 0 && version.stdout == "0.1.0\n", "\(version.stdout)\(version.stderr)")
        // Planning with a model planner uses the planner prompt: the built-in one.
        let plan = try Command.run(
            "/usr/bin/env", ["baton", "run", "Add CSV export, then document it"], in: repo.path, environment: env.values)
        #expect(plan.status == 0, "\(plan.stdout)\n\(plan.stderr)")
        #expect(plan.stdout.contains("planner (claude"), "\(plan.stdout)")
        #expect(plan.stdout.contains("T2  Document CSV export"), "\(plan.stdout)")

        let bad = try Command.run("/bin/bash", [Products.packageRoot.path + "/scripts/install", "--prefix"], in: repo.scratch)
        #expect(bad.status == 2 && bad.stderr.hasPrefix("error: --prefix needs a directory"), "\(bad.stderr)")
    }
}
