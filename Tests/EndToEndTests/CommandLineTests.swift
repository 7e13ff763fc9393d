import BatonTestSupport
import Foundation
import Testing

/// The command line itself: a mission that starts with "-" is a mission wherever it is
/// typed, and a bad argument to any subcommand is one `error:` line with a non-zero status.
@Suite struct CommandLineTests {
    static func fixture() throws -> (TestRepository, BatonEnvironment) {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo, agents: [])
        env.values["BATON_PLANNER"] = "offline"
        return (repo, env)
    }

    @Test func aMissionStartingWithADashIsPlanned() throws {
        let (repo, env) = try Self.fixture()
        for arguments in [
            ["plan", "- Add a login page\n- Add a signup page", "--json"], ["plan", "--json", "- Add a login page\n- Add a signup page"],
        ] {
            let r = try Baton.run(arguments, input: "", in: repo, environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let tasks = try #require(json["tasks"] as? [[String: Any]])
            #expect(tasks.compactMap { $0["title"] as? String } == ["Add a login page", "Add a signup page"])
            #expect(tasks.compactMap { $0["deps"] as? [String] } == [[], []])
        }
    }

    @Test(arguments: [
        (["plan", "--bogus", "x"], "error: unknown option '--bogus' — see baton plan --help"),
        (["plan"], "error: missing expected argument '<mission>' — see baton plan --help"),
        (["sessions", "extra"], "error: unexpected argument 'extra' — see baton sessions --help"),
        (["resume", "--nope"], "error: unknown option '--nope' — see baton resume --help"),
        (["frobnicate"], "error: unexpected argument 'frobnicate' — see baton --help"),
        (["plan", "--stall-after", "soon", "x"], "error: --stall-after takes seconds or minutes, e.g. 90s or 5m — see baton plan --help"),
    ])
    func aBadArgumentIsOneLineAndFails(arguments: [String], expected: String) throws {
        let (repo, env) = try Self.fixture()
        let r = try Baton.run(arguments, input: "", in: repo, environment: env)
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").map(String.init) == [expected])
        #expect(!r.stderr.contains("USAGE") && !r.stderr.contains("Usage"))
    }

    @Test func helpStillWorks() throws {
        let (repo, env) = try Self.fixture()
        let r = try Baton.run(["plan", "--help"], input: "", in: repo, environment: env)
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: baton plan"))
    }
}
