import BatonTestSupport
import Foundation
import Testing

/// Drift through the real `baton` with the stand-in claude replaying streams of a newer
/// CLI (an unknown event type, a `rate_limit_event` without its `rate_limit_info`): one
/// warning line per CLI version and kind for the whole session — later turns, and the
/// session resumed by another Baton, do not say it again.
@Suite struct AgentDriftTests {
    static let unknown = "[T1 claude] warning: claude 2.1.327 sent an unknown event type prompt_suggestion"
    static let missing = "[T1 claude] warning: claude 2.1.327 sent a rate_limit_event without rate_limit_info — Baton reads what it can"

    /// A repository whose T1 replays the asking fixture, then (after /decide) the finishing one.
    static func environment() throws -> (TestRepository, BatonEnvironment) {
        let repo = try TestRepository()
        let env = try Review.environment(
            repo, plan: [Review.task("T1", "Add CSV export", scope: ["src/"])],
            turns: [
                "T1": [
                    ["replay": AgentShapeClaudeTests.fixture("claude-missing-field-ask.jsonl")],
                    ["replay": AgentShapeClaudeTests.fixture("claude-missing-field-done.jsonl")],
                ]
            ])
        return (repo, env)
    }

    /// Runs baton with `arguments`, sending each step's line and then waiting for its text (if any).
    static func session(
        _ arguments: [String], _ steps: [(send: String, then: String?)], repo: TestRepository, env: BatonEnvironment
    ) async throws -> String {
        let baton = try LiveBaton(arguments, in: repo, environment: env)
        defer { if baton.process.isRunning { baton.kill9() } }
        for step in steps {
            baton.send(step.send)
            if let needle = step.then {
                #expect(await baton.waitFor(needle, seconds: 120), "\(baton.text)")
            }
        }
        baton.close()
        let status = await baton.waitForExit(seconds: 120)
        try #require(status != nil, "baton did not exit: \(baton.text)")
        return baton.text
    }

    @Test func aMissingFieldIsOneWarningForTheSessionAcrossTurns() async throws {
        let (repo, env) = try Self.environment()
        let out = try await Self.session(
            [],
            [
                ("Add CSV export", nil), ("/go", "? D1"), ("/decide D1 1", "[T1 claude] done"), ("/quit", nil),
            ], repo: repo, env: env)
        #expect(Review.lines(out, containing: Self.missing).count == 1, "\(out)")
        #expect(Review.lines(out, containing: Self.unknown).count == 1, "\(out)")
        #expect(Review.workerCalls(env).count == 2, "both turns replayed the drifting stream")
    }

    @Test func aResumedSessionDoesNotWarnAgain() async throws {
        let (repo, env) = try Self.environment()
        let first = try await Self.session([], [("Add CSV export", nil), ("/go", "? D1"), ("/quit", nil)], repo: repo, env: env)
        #expect(Review.lines(first, containing: Self.missing).count == 1, "\(first)")
        #expect(Review.lines(first, containing: Self.unknown).count == 1, "\(first)")
        let resumed = try await Self.session(
            ["resume"], [("/decide D1 1", "[T1 claude] done"), ("/quit", nil)], repo: repo, env: env)
        #expect(Review.workerCalls(env).count == 2, "the resumed turn replayed the drifting stream")
        #expect(!resumed.contains("sent a rate_limit_event without"), "\(resumed)")
        #expect(!resumed.contains("sent an unknown event type"), "\(resumed)")
    }
}
