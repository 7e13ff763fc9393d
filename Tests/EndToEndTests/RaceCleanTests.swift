import BatonTestSupport
import Foundation
import Testing

/// `/clean` after a race, in a real terminal (the forced clean asks for a confirmation): the
/// unpicked contestant keeps its worktree and branch until `/clean --force`, which removes
/// both; the picked contestant's branch is the task's and stays.
@Suite(.enabled(if: TerminalSession.isAvailable, "tmux is not installed"))
struct RaceCleanTests {
    @Test func forcedCleanRemovesTheUnpickedContestantAndItsBranch() async throws {
        let (repo, env) = try RaceTests.environment(
            agents: ["claude", "codex"],
            turns: [
                "T1@claude": RaceTests.contestant("claude", value: "good"),
                "T1@codex": RaceTests.contestant("codex", value: "bad"),
            ])
        var values = env.values
        values["TERM"] = "xterm-256color"
        // tmux gives the program the client's PATH whatever `-e PATH=` says: set it with env.
        let argv = ["/usr/bin/env", "PATH=\(values["PATH"] ?? "")", Products.baton]
        let t = try TerminalSession(argv, in: repo.path, environment: values, width: 160, height: 50)
        defer { t.kill() }
        func shown(_ text: String, seconds: Double = 120) async -> Bool {
            await poll(seconds: seconds) { (try? t.scrollback().contains { $0.contains(text) }) == true }
        }
        func transcript() -> String { ((try? t.scrollback()) ?? []).joined(separator: "\n") }

        #expect(await poll(seconds: 60) { (try? t.screen().contains { $0.hasPrefix("baton ▸") }) == true }, "\(transcript())")
        // One command at a time, each after the answer to the one before.
        for (line, answer) in [
            ("Set the value", "/go to start"), ("/race T1 claude codex", "T1 races ×2 (claude, codex)"),
            ("/policy rework 0", "policy rework 0"), ("/policy race auto", "policy race auto"), ("/go", "plan approved"),
        ] {
            try t.type(line)
            try t.keys("Enter")
            #expect(await shown(answer), "\(line): \(transcript())")
        }
        #expect(await shown("T1 ← claude (picked by /policy race auto", seconds: 300), "\(transcript())")
        try t.type("/merge T1")
        try t.keys("Enter")
        #expect(await shown("merged T1 into", seconds: 300), "\(transcript())")

        let session = try Review.session(repo)
        let worktrees = repo.path + "/.baton/worktrees/\(session)"
        #expect(FileManager.default.fileExists(atPath: worktrees + "/T1.codex"), "\(transcript())")
        try t.type("/clean")
        try t.keys("Enter")
        // T2 is kept too once it has finished: "kept T2 T1.codex: not merged — …".
        #expect(await shown("T1.codex: not merged"), "\(transcript())")
        #expect(RaceTests.branchExists(repo, "baton/\(session)/T1.codex"))

        try t.type("/clean --force")
        try t.keys("Enter")
        #expect(await shown("except the unpicked contestants' (T1.codex) · type yes:"), "\(transcript())")
        try t.type("yes")
        try t.keys("Enter")
        #expect(await shown("removed the unpicked contestants T1.codex with their branches"), "\(transcript())")
        #expect(!FileManager.default.fileExists(atPath: worktrees + "/T1.codex"))
        #expect(!RaceTests.branchExists(repo, "baton/\(session)/T1.codex"))
        // The picked contestant's work is T1's: its branch stays.
        #expect(RaceTests.branchExists(repo, "baton/\(session)/T1.claude"))
        #expect(Review.show(repo, "baton/\(session)/T1.claude", "value.txt") == "good\n")

        // T2 may still be running: stop it on the way out.
        try t.type("/quit")
        try t.keys("Enter")
        if await poll(seconds: 60, { (try? t.paneDead()) == true || (try? t.screen().contains { $0.contains("[s]top them") }) == true }),
            (try? t.paneDead()) != true
        {
            try t.type("s")
            try t.keys("Enter")
        }
        #expect(await poll(seconds: 120) { (try? t.paneDead()) == true }, "\(transcript())")
    }
}
