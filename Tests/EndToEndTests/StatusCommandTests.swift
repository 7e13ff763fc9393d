import BatonTestSupport
import Foundation
import Testing

/// `baton status [ID] [--json]`: the status table of a session without opening it.
@Suite struct StatusCommandTests {
    @Test func statusReadsASessionAnotherBatonHasOpen() async throws {
        let repo = try TestRepository()
        let env = try HeadlessRunTests.twoTasks(repo)
        // A REPL holds the session (and its lock) while baton status reads it.
        let live = try LiveBaton(in: repo, environment: env)
        live.send("Add CSV export, then document it")
        #expect(await live.waitFor("T2  Document CSV export"), "\(live.text)")
        let session = try Review.session(repo)
        let status = try HeadlessRunTests.baton(["status"], repo, env)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.hasPrefix("session \(session) · planning · Add CSV export, then document it\n"), "\(status.stdout)")
        #expect(Review.lines(status.stdout, containing: "T2").first?.contains("planned") == true, "\(status.stdout)")
        #expect(status.stdout.contains("mission: 0/2 merged"), "\(status.stdout)")
        live.send("/quit")
        #expect(await live.waitForExit() == 0)
    }

    @Test func statusOfAFinishedRunAsTableAndJSON() throws {
        let repo = try TestRepository()
        let env = try HeadlessRunTests.twoTasks(repo, turns: HeadlessRunTests.askingTurns)
        let run = try HeadlessRunTests.baton(["run", "Add CSV export, then document it", "--approve"], repo, env)
        #expect(run.status == 3, "\(run.stdout)\n\(run.stderr)")
        let session = try Review.session(repo)
        // By a unique prefix; the open decision is listed with what to do.
        let table = try HeadlessRunTests.baton(["status", String(session.dropFirst(2).prefix(3))], repo, env)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("session \(session) · waiting · "), "\(table.stdout)")
        #expect(Review.lines(table.stdout, containing: "T1").first?.contains("waiting for you") == true, "\(table.stdout)")
        #expect(
            table.stdout.contains("open decisions (baton resume \(session), then /decide):\n  D1  [T1] \(HeadlessRunTests.question)"),
            "\(table.stdout)")

        let json = try HeadlessRunTests.baton(["status", session, "--json"], repo, env)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        #expect(object["session"] as? String == session)
        #expect(object["state"] as? String == "waiting")
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["id"] as? String } == ["T1", "T2"])
        #expect(tasks.map { $0["status"] as? String } == ["waiting", "planned"])
        #expect(tasks[1]["deps"] as? [String] == ["T1"])
        let open = try #require(object["open_decisions"] as? [[String: Any]])
        #expect(open.first?["id"] as? String == "D1" && open.first?["question"] as? String == HeadlessRunTests.question)

        // Shell completion offers the session ids (as bash asks for them, from a subfolder).
        try repo.write("src/keep.txt", "x\n")
        let completion = try Command.run(
            Products.baton, ["---completion", "status", "--", "positional@0", "2", "0", "baton", "status", ""],
            in: repo.path + "/src", environment: env.values)
        #expect(
            completion.status == 0 && completion.stdout.split(separator: "\n").map(String.init) == [session],
            "\(completion.stdout)\(completion.stderr)")

        let unknown = try HeadlessRunTests.baton(["status", "s-zzzz"], repo, env)
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("error: "), "\(unknown.stderr)")
    }
}
