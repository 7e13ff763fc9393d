import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// What one bad input produced: all output lines, the line expected once, and whether
/// everything that should stay the same did.
struct BadInputOutcome {
    var output: String
    var expected: String
    var unchanged: Bool
}

/// One row of the table: a name and how to provoke it.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    var name: String
    var provoke: @Sendable () async throws -> BadInputOutcome
    var testDescription: String { name }
}

/// Every bad input gets exactly one clear `error:` or `warning:` line and changes nothing
/// it should not.
@Suite struct BadInputTests {
    static let cases: [BadInputCase] = [
        BadInputCase(name: "misspelled command") {
            let (repo, env) = try fixture()
            let r = try Baton.run(input: "/rout T1\n", in: repo, environment: env)
            return BadInputOutcome(
                output: r.stdout + r.stderr, expected: "error: unknown command /rout — did you mean /route?",
                unchanged: repo.sessionIDs.isEmpty)
        },
        BadInputCase(name: "unknown command") {
            let (repo, env) = try fixture()
            let r = try Baton.run(input: "/frobnicate\n", in: repo, environment: env)
            return BadInputOutcome(
                output: r.stdout + r.stderr, expected: "error: unknown command /frobnicate", unchanged: repo.sessionIDs.isEmpty)
        },
        BadInputCase(name: "/parallel x") { try onPlannedSession("/parallel x", expect: "error: the value 'x' is invalid") },
        BadInputCase(name: "/decide without arguments") { try onPlannedSession("/decide", expect: "error: missing expected argument") },
        BadInputCase(name: "/route to an unknown task") {
            try onPlannedSession("/route T9 claude", expect: "error: unknown task T9 — tasks are T1 T2 T3")
        },
        BadInputCase(name: "a cycle made with /dep") { try onPlannedSession("/dep T1 T3", expect: "error: cycle: T1 → T3 → T1") },
        BadInputCase(name: "empty mission") {
            let (repo, env) = try fixture()
            let r = try Baton.run(["plan", ""], input: "", in: repo, environment: env)
            return BadInputOutcome(
                output: r.stdout + r.stderr, expected: "error: the mission is empty", unchanged: r.status != 0 && env.calls().isEmpty)
        },
        BadInputCase(name: "malformed plan from the planner") { try plannerGives("Sure! Here is my plan: {tasks: [oops") },
        BadInputCase(name: "cyclic plan from the planner") {
            try plannerGives(#"{"tasks": [{"id": "T1", "title": "A", "deps": ["T2"]}, {"id": "T2", "title": "B", "deps": ["T1"]}]}"#)
        },
        BadInputCase(name: "missing agent CLI") {
            let (repo, env) = try fixture(agents: ["claude"])
            let r = try Baton.run(input: "Build things\n/route T1 codex\n", in: repo, environment: env)
            return BadInputOutcome(output: r.stdout + r.stderr, expected: "warning: codex is not installed", unchanged: true)
        },
        BadInputCase(name: "not a git repository") {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baton-nogit-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let r = try Command.run(Products.baton, [], in: dir, input: "Build things\n")
            return BadInputOutcome(
                output: r.stdout + r.stderr, expected: "is not inside a git repository",
                unchanged: r.status != 0 && !FileManager.default.fileExists(atPath: dir + "/.baton"))
        },
        BadInputCase(name: "detached HEAD") {
            let (repo, env) = try fixture()
            try repo.git("checkout", "-q", "--detach")
            let r = try Baton.run(input: "Build things\n/go\n/wait\n", in: repo, environment: env)
            return BadInputOutcome(
                output: r.stdout + r.stderr, expected: "warning: HEAD is detached",
                unchanged: r.stdout.contains("plan approved") && r.stdout.contains("done ·"))
        },
        BadInputCase(name: "dirty tree") {
            let (repo, env) = try fixture()
            try repo.write("README.md", "# Changed by hand\n")
            let r = try Baton.run(input: "Build things\n/go\n/wait\n", in: repo, environment: env)
            return BadInputOutcome(
                output: r.stdout + r.stderr, expected: "warning: uncommitted changes are not part of the run",
                unchanged: repo.read("README.md") == "# Changed by hand\n" && r.stdout.contains("done ·"))
        },
        BadInputCase(name: "locked session") {
            let (repo, env) = try fixture()
            let holder = try LiveBaton(in: repo, environment: env)
            defer { holder.kill9() }
            holder.send("Build things")
            guard await holder.waitFor("proposes"), let id = repo.sessionIDs.first else {
                return BadInputOutcome(output: holder.text, expected: "(the holder never planned)", unchanged: false)
            }
            let before = events(repo)
            let r = try Baton.run(["resume", id], input: "/parallel 2\n", in: repo, environment: env)
            return BadInputOutcome(
                output: r.stdout + r.stderr, expected: "error: session \(id) is open in baton (pid \(holder.process.processIdentifier))",
                unchanged: r.status != 0 && events(repo) == before)
        },
        BadInputCase(name: "corrupt session") {
            let (repo, env) = try fixture()
            _ = try Baton.run(input: "Build things\n/parallel 3\n", in: repo, environment: env)
            let path = try #require(SessionFile.path(repo))
            var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            lines[2] = "{\"seq\": 2, \"event\": {\"missionSet\": " + lines[2].prefix(10)
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let before = events(repo)
            let r = try Baton.run(["resume"], input: "/status\n", in: repo, environment: env)
            return BadInputOutcome(
                output: r.stdout + r.stderr, expected: "damaged at line 3 (not a session event) — opened read-only up to it",
                unchanged: events(repo) == before)
        },
        BadInputCase(name: "disk full on append") {
            let (repo, env) = try fixture()
            _ = try Baton.run(input: "Build things\n", in: repo, environment: env)
            let before = events(repo)
            // The file-size limit stands in for a full disk: the next append cannot be written.
            let limit = "\(before.count + 10)"
            let script =
                "import os,resource,signal,sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); n=int(sys.argv[1]); "
                + "resource.setrlimit(resource.RLIMIT_FSIZE, (n, n)); os.execv(sys.argv[2], sys.argv[2:])"
            let r = try Command.run(
                "/usr/bin/env", ["python3", "-c", script, limit, Products.baton, "resume"], in: repo.path,
                input: "/policy merge auto\n/policy\n", environment: env.values)
            return BadInputOutcome(
                output: r.stdout + r.stderr, expected: "error: could not write the session:",
                unchanged: events(repo) == before && r.stdout.contains("merge         manual"))
        },
    ]

    @Test(arguments: cases)
    func badInputGetsOneClearLineAndChangesNothing(_ row: BadInputCase) async throws {
        let outcome = try await row.provoke()
        let lines = outcome.output.split(separator: "\n").map(String.init)
        let matching = lines.filter { $0.contains(outcome.expected) }
        #expect(matching.count == 1, "\(row.name): expected one line with \"\(outcome.expected)\" in:\n\(outcome.output)")
        #expect(matching.allSatisfy { $0.hasPrefix("error: ") || $0.hasPrefix("warning: ") }, "\(row.name): \(matching)")
        #expect(outcome.unchanged, "\(row.name) changed something:\n\(outcome.output)")
    }

    // MARK: helpers

    static func fixture(agents: [String]? = nil) throws -> (TestRepository, BatonEnvironment) {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo, agents: agents)
        return (repo, env)
    }

    static func events(_ repo: TestRepository) -> Data {
        SessionFile.path(repo).flatMap { FileManager.default.contents(atPath: $0) } ?? Data()
    }

    /// A session with the stand-in planner's plan (T1, T2, T3 after both), then `command`
    /// in `baton resume`: the session log must not change.
    static func onPlannedSession(_ command: String, expect: String) throws -> BadInputOutcome {
        let (repo, env) = try fixture()
        _ = try Baton.run(input: "Build things\n", in: repo, environment: env)
        let before = events(repo)
        let r = try Baton.run(["resume"], input: command + "\n/plan\n", in: repo, environment: env)
        return BadInputOutcome(output: r.stdout + r.stderr, expected: expect, unchanged: !before.isEmpty && events(repo) == before)
    }

    /// The planner answers `reply` twice: one retry, then the offline planner with one line.
    static func plannerGives(_ reply: String) throws -> BadInputOutcome {
        let (repo, env0) = try fixture()
        var env = env0
        try env.plan(reply)
        let r = try Baton.run(input: "Add CSV export\n", in: repo, environment: env)
        let plannerCalls = env.calls().filter { $0.argv.contains("--json-schema") }.count
        return BadInputOutcome(
            output: r.stdout + r.stderr, expected: "gave no usable plan",
            unchanged: plannerCalls == 2 && r.stdout.contains("offline"))
    }
}
