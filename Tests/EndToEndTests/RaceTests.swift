import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Races (best of N) driven through the real binary with stand-in agents: contestants in
/// their own worktrees and branches, checks per contestant, the comparison, the judge, the
/// pick, cancel, and kill -9 mid-race then resume.
@Suite struct RaceTests {
    /// T1 "Set the value" (checked by check.sh) and T2 after it.
    static func environment(
        agents: [String], turns: [String: [[String: Any]]], judge: [Any]? = nil
    ) throws -> (TestRepository, BatonEnvironment) {
        let repo = try Verify.repository(check: Verify.valueCheck)
        var env = try Review.environment(
            repo, agents: agents,
            plan: [
                Review.task("T1", "Set the value", scope: ["value.txt", "by"]),
                Review.task("T2", "Describe the value", scope: ["NOTES.md"], deps: ["T1"]),
            ],
            turns: turns.merging(["T2": [Verify.done(["NOTES.md": "the value is good\n"], "Value described")]]) { a, _ in a })
        if let judge {
            let file = repo.scratch + "/judge.json"
            try String(decoding: try JSONSerialization.data(withJSONObject: judge), as: UTF8.self).write(
                toFile: file, atomically: true, encoding: .utf8)
            env.values["BATON_STANDIN_JUDGE"] = file
        }
        return (repo, env)
    }

    /// A done turn writing `value` into value.txt and `by/AGENT.txt`.
    static func contestant(_ agent: String, value: String, wait: String? = nil) -> [[String: Any]] {
        var turn = Verify.done(["value.txt": value + "\n", "by/\(agent).txt": agent + "\n"], "\(agent) set the value to \(value)")
        if let wait { turn["wait_for"] = wait }
        return [turn]
    }

    /// Runs baton with `input` piped to it and returns what it printed, waiting without
    /// holding a thread of the test pool.
    static func run(
        _ arguments: [String] = [], _ input: String, in repo: TestRepository, environment env: BatonEnvironment
    ) async throws
        -> String
    {
        let baton = try LiveBaton(arguments, in: repo, environment: env)
        defer { if baton.process.isRunning { baton.kill9() } }
        for line in input.split(separator: "\n") { baton.send(String(line)) }
        baton.close()
        let status = await baton.waitForExit(seconds: 300)
        try #require(status != nil, "baton did not exit: \(baton.text)")
        return baton.text
    }

    static func lines(_ out: String, containing needle: String) -> [String] {
        out.split(separator: "\n").map(String.init).filter { $0.contains(needle) }
    }

    static func branchExists(_ repo: TestRepository, _ branch: String) -> Bool {
        (try? repo.git("rev-parse", "--verify", "--quiet", "refs/heads/" + branch)) != nil
    }

    @Test func oneContestantIsRedTheComparisonShowsItAndTheGreenOneIsPickedThenMerged() async throws {
        let (repo, env) = try Self.environment(
            agents: ["claude", "codex"],
            turns: ["T1@claude": Self.contestant("claude", value: "good"), "T1@codex": Self.contestant("codex", value: "bad")])
        let out = try await Self.run(
            [],
            "Set the value\n/race T1 claude codex\n/plan\n/policy rework 0\n/policy race auto\n/go\n/wait\n/status\n/diff T1.codex\n/merge T1\n/wait\n/status\n/clean\n",
            in: repo, environment: env)
        let s = try Review.session(repo)
        #expect(out.contains("T1 races ×2 (claude, codex)"), "\(out)")
        #expect(
            Self.lines(out, containing: "Set the value").contains { $0.contains("×2 (claude, codex)") }, "the plan shows the race: \(out)")
        #expect(out.contains("T1 race started · 2 contestants from the same base · baton/\(s)/T1.claude baton/\(s)/T1.codex"), "\(out)")
        #expect(out.contains("[T1.codex] checks ✗ unit: 1 failed"), "checks ran per contestant: \(out)")
        #expect(out.contains("[T1.claude] checks ✓ unit 3 passed"), "\(out)")
        // The comparison: one row per contestant, with its evidence; 80 columns at most.
        #expect(out.contains("T1 race · 2 finished"), "\(out)")
        let claude = Self.lines(out, containing: "  claude  ").first { $0.contains("passed") } ?? ""
        let codex = Self.lines(out, containing: "  codex  ").first { $0.contains("failed") } ?? ""
        #expect(claude.contains("✓ 3 passed") && claude.contains("approve") && claude.contains("+2 −0 in 2"), "\(out)")
        #expect(codex.contains("✗ 1 failed") && codex.contains("—"), "\(out)")
        let table = out.components(separatedBy: "T1 race · 2 finished").last?.split(separator: "\n").prefix(5) ?? []
        #expect(table.allSatisfy { $0.count <= 80 }, "\(table)")
        #expect(out.contains("T1 ← claude (picked by /policy race auto: the only green contestant) · archived: T1.codex"), "\(out)")
        // /status: the race as one row with a row per contestant.
        #expect(Self.lines(out, containing: "└").contains { $0.contains("codex") && $0.contains("archived") }, "\(out)")
        #expect(Self.lines(out, containing: "└").contains { $0.contains("claude") && $0.contains("picked") }, "\(out)")
        #expect(out.contains("+bad"), "/diff T1.codex shows the archived contestant's work: \(out)")
        // Merged from claude's branch; T2 waited for it, then ran.
        #expect(Review.show(repo, "baton/\(s)/main", "value.txt") == "good\n")
        #expect(Review.show(repo, "baton/\(s)/main", "by/claude.txt") == "claude\n")
        #expect(Review.show(repo, "baton/\(s)/main", "by/codex.txt") == nil)
        let merged = out.range(of: "merged T1 into")
        let t2 = out.range(of: "started T2 on")
        #expect(merged != nil && t2 != nil && merged!.lowerBound < t2!.lowerBound, "T2 waits for the pick and merge: \(out)")
        // /clean keeps the unpicked contestant until forced; its branch stays.
        #expect(Self.lines(out, containing: "kept ").contains { $0.contains("T1.codex") }, "\(out)")
        #expect(Self.branchExists(repo, "baton/\(s)/T1.codex"))
    }

    @Test func addWithRacePlansARaceAndBadRacesAreRefusedWithWhatToDo() async throws {
        let (repo, env) = try Self.environment(agents: ["claude", "codex"], turns: [:])
        let out = try await Self.run(
            [],
            "Set the value\n/add Tidy the value --race claude,codex\n/plan\n/race T1 claude\n/race T1 claude gemini\n/race T1 3\n/pick T1 claude\n",
            in: repo, environment: env)
        #expect(out.contains("T3 races ×2 (claude, codex)"), "\(out)")
        #expect(Self.lines(out, containing: "Tidy the value").contains { $0.contains("×2 (claude, codex)") }, "\(out)")
        #expect(out.contains("error: a race needs two agents or more — /race T1 claude codex, or /race T1 2"), "\(out)")
        #expect(out.contains("error: gemini is not installed"), "\(out)")
        #expect(out.contains("error: only 2 agents are installed (claude codex) — /race T1 2"), "\(out)")
        #expect(out.contains("error: T1 is not raced — /race T1 claude codex races it"), "\(out)")
    }

    @Test func threeContestantsAreJudgedPairwiseAMalformedAnswerIsAskedAgainThenPickAndMerge() async throws {
        let judge: [Any] = [
            "they all look fine",
            ["pick": "codex", "reason": "codex also writes its name", "ranking": ["codex", "claude"]],
            ["pick": "T1.codex", "reason": "codex is the smallest change", "ranking": ["codex", "antigravity"]],
        ]
        let (repo, env) = try Self.environment(
            agents: ["claude", "codex", "gemini", "agy"],
            turns: [
                "T1@claude": Self.contestant("claude", value: "good"), "T1@codex": Self.contestant("codex", value: "good"),
                "T1@agy": Self.contestant("agy", value: "good"),
            ], judge: judge)
        let out = try await Self.run(
            [], "Set the value\n/race T1 claude codex antigravity\n/policy review off\n/go\n/wait\n/pick T1 codex\n/merge T1\n/wait\n",
            in: repo, environment: env)
        let s = try Review.session(repo)
        #expect(out.contains("T1 race · 3 finished"), "\(out)")
        #expect(out.contains("judge (gemini): codex — codex is the smallest change"), "\(out)")
        #expect(out.contains("ranking: codex > antigravity > claude"), "\(out)")
        #expect(out.contains("/pick T1 codex"), "\(out)")
        #expect(out.contains("T1 ← codex (picked by you) · archived: T1.claude T1.antigravity"), "\(out)")
        #expect(Review.show(repo, "baton/\(s)/main", "by/codex.txt") == "codex\n", "\(out)")
        // The judge ran read-only: two comparisons, the first asked twice.
        let asks = env.calls().filter { $0.agent == "gemini" && $0.argv.contains { $0.contains("(a Baton judge)") } }
        #expect(asks.count == 3, "\(env.calls().map(\.agent))")
        #expect(asks.first?.argv.contains { $0.contains("+codex") && $0.contains("Set the value works") } == true)
    }

    /// A race of claude and codex where codex never finishes: returned once claude's checks
    /// are green and codex runs.
    static func raceWithAStraggler() async throws -> (TestRepository, LiveBaton) {
        let (repo, env) = try Self.environment(
            agents: ["claude", "codex"],
            turns: [
                "T1@claude": Self.contestant("claude", value: "good"),
                "T1@codex": Self.contestant("codex", value: "good", wait: "/nonexistent/never"),
            ])
        let baton = try LiveBaton(in: repo, environment: env)
        for line in ["Set the value", "/race T1 claude codex", "/policy review off", "/go"] { baton.send(line) }
        #expect(await baton.waitFor("[T1.claude] checks ✓", seconds: 120), "\(baton.text)")
        #expect(await baton.waitFor("started T1.codex on codex", seconds: 60), "\(baton.text)")
        return (repo, baton)
    }

    @Test func aCancelledContestantIsComparedAsStoppedAndTheOtherIsPicked() async throws {
        let (repo, baton) = try await Self.raceWithAStraggler()
        defer { withExtendedLifetime(repo) { if baton.process.isRunning { baton.kill9() } } }
        baton.send("/cancel T1.codex")
        #expect(await baton.waitFor("T1 race · 1 finished", seconds: 60), "\(baton.text)")
        baton.send("/pick T1 codex")
        baton.send("/pick T1 claude")
        baton.close()
        #expect(await baton.waitForExit(seconds: 120) != nil, "\(baton.text)")
        let out = baton.text
        #expect(out.contains("T1.codex cancelled"), "\(out)")
        #expect(Self.lines(out, containing: "  codex  ").contains { $0.contains("cancelled") }, "\(out)")
        #expect(out.contains("error: T1.codex has no finished work (cancelled) — pick one of: claude"), "\(out)")
        #expect(out.contains("T1 ← claude (picked by you)"), "\(out)")
    }

    @Test func aDeadlineStopsTheStragglerWhichIsKeptAndComparedAsStopped() async throws {
        let (repo, baton) = try await Self.raceWithAStraggler()
        defer { if baton.process.isRunning { baton.kill9() } }
        // A deadline already behind the race's start: it passes at once.
        baton.send("/race T1 --deadline 1s")
        #expect(await baton.waitFor("T1 race · 1 finished", seconds: 60), "\(baton.text)")
        baton.send("/status")
        baton.close()
        #expect(await baton.waitForExit(seconds: 120) != nil, "\(baton.text)")
        let out = baton.text
        let s = try Review.session(repo)
        #expect(out.contains("T1 race deadline passed · stopped T1.codex"), "\(out)")
        #expect(Self.lines(out, containing: "  codex  ").contains { $0.contains("stopped") }, "\(out)")
        #expect(Self.lines(out, containing: "└").contains { $0.contains("codex") && $0.contains("stopped") }, "\(out)")
        #expect(Self.branchExists(repo, "baton/\(s)/T1.codex"), "the straggler's branch is kept")
    }

    @Test func killedMidRaceResumeFollowsEveryContestant() async throws {
        let gate = NSTemporaryDirectory() + "/baton-race-gate-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: gate) }
        let (repo, env) = try Self.environment(
            agents: ["claude", "codex"],
            turns: [
                "T1@claude": Self.contestant("claude", value: "good", wait: gate),
                "T1@codex": Self.contestant("codex", value: "good", wait: gate),
            ])
        let first = try LiveBaton(in: repo, environment: env)
        defer { if first.process.isRunning { first.kill9() } }
        for line in ["Set the value", "/race T1 claude codex", "/policy review off", "/go"] { first.send(line) }
        #expect(await first.waitFor("started T1.claude on claude", seconds: 120), "\(first.text)")
        #expect(await first.waitFor("started T1.codex on codex", seconds: 120), "\(first.text)")
        first.kill9()
        // Both contestants finish while Baton is down; resume reads the rest of their runs.
        FileManager.default.createFile(atPath: gate, contents: Data())
        let out = try await Self.run(["resume"], "/wait\n/status\n", in: repo, environment: env)
        for id in ["T1.claude", "T1.codex"] {
            let followed = out.contains("\(id) finished its turn while Baton was away") || out.contains("\(id) is still running")
            #expect(followed, "resume follows \(id): \(out)")
        }
        #expect(out.contains("T1 race · 2 finished"), "\(out)")
        #expect(Self.lines(out, containing: "└").count >= 2, "\(out)")
        #expect(out.contains("/pick T1 claude"), "\(out)")
    }
}
