import BatonTestSupport
import Foundation
import Testing

extension RealCLI {
    /// What the real CLIs do inside a turn, as Baton shows it: a denied tool becomes a decision
    /// and runs once allowed (claude), commands run in codex's sandbox, /reject goes back to the
    /// same agent session, model API failures and dropped streams fail the turn in one line and
    /// /retry recovers.
    @Suite struct RealCLITurnTests {
        /// One task T1 (scope `src/`) whose worker turns answer `steps`; `input` after the mission.
        static func run(
            _ agent: String, _ steps: [[String: Any]], input: String
        )
            async throws -> (out: String, rig: RealCLI.Rig)
        {
            var script = ModelScript()
            script.task("T1", steps)
            script.planner([ModelStep.plan([RealCLI.task("T1", "Publish the release", scope: ["src/"])])])
            let rig = try RealCLI.Rig(script, agents: [agent])
            return (try await rig.run(input: "Publish the release\n" + input).out, rig)
        }

        /// Claude in acceptEdits mode is refused `git push`: Baton asks; allowed for the task,
        /// the next turn (`--allowedTools`, the same claude session) runs it without asking again.
        @Test func claudePermissionDenialBecomesADecisionAndTheAllowedToolRuns() async throws {
            let push = ModelStep.run("git push origin HEAD")
            let (out, rig) = try await Self.run(
                "claude",
                [
                    ModelStep.write("src/release.txt", "v1\n"), push, ModelStep.checkpoint("done", "Could not push"),
                    push, ModelStep.checkpoint("done", "Pushed"),
                ], input: "/go\n/wait\n/decide D1 2\n/wait\n/quit\n")
            #expect(out.contains("? D1  [T1 claude] T1 wants Bash(git push origin HEAD) — allow it?"), "\(out)")
            #expect(out.contains("D1 answered: allow for this task"), "\(out)")
            #expect(!out.contains("? D2"), "allowed, it was not asked again: \(out)")
            #expect(
                RealCLI.lines(out, task: "T1", agent: "claude").contains { $0.contains("] done · ") && $0.contains("2 turns") }, "\(out)")
            // What claude told the model: refused on the first turn, run on the second.
            let results = rig.server.requests(conversation: 0).map(RealCLI.text(of:))
            #expect(results.contains { $0.contains("This command requires approval") }, "\(results)")
            #expect(results.contains { $0.contains("'origin' does not appear to be a git repository") }, "\(results)")
        }

        /// Codex runs commands through its sandbox (bwrap, laid out with its execute bit): the
        /// file a command wrote is in the checkpoint.
        @Test func codexCommandsRunInItsSandboxAndTheirFilesAreCheckpointed() async throws {
            let (out, rig) = try await Self.run(
                "codex",
                [
                    ModelStep.run("mkdir -p src && echo ran > src/ran.txt"), ModelStep.checkpoint("done", "Ran it"),
                ], input: "/go\n/wait\n/merge T1\n/wait\n/quit\n")
            #expect(RealCLI.lines(out, task: "T1", agent: "codex").contains { $0.contains("running: mkdir -p src") }, "\(out)")
            #expect(RealCLI.lines(out, task: "T1", agent: "codex").contains { $0.contains("] done · Ran it · +1 −0 in 1 file") }, "\(out)")
            #expect(rig.show("baton/\(try rig.session())/main", "src/ran.txt") == "ran\n", "\(out)")
        }

        /// An HTTP 500 from the model fails the turn in one line naming the error and /retry;
        /// /retry runs the turn again and it completes. (claude retries once itself:
        /// `CLAUDE_CODE_MAX_RETRIES=1`; codex has no retries in its config.)
        @Test(arguments: RealCLI.agents)
        func modelErrorFailsTheTurnAndRetryRecovers(agent: String) async throws {
            let attempts = agent == "claude" ? 2 : 1
            let (out, rig) = try await Self.run(
                agent,
                [
                    ModelStep.error(500, times: attempts, then: ModelStep.write("src/release.txt", "v1\n")),
                    ModelStep.checkpoint("done", "Released"),
                ], input: "/go\n/wait\n/retry T1\n/wait\n/merge T1\n/wait\n/quit\n")
            let lines = RealCLI.lines(out, task: "T1", agent: agent)
            let failed = try #require(lines.first { $0.contains("] failed · ") }, "\(out)")
            #expect(failed.contains("/retry T1"), "\(failed)")
            #expect(lines.contains { $0.contains("] done · Released · +1 −0 in 1 file") }, "\(out)")
            #expect(rig.show("baton/\(try rig.session())/main", "src/release.txt") == "v1\n", "\(out)")
        }

        /// /reject sends the task back to the same agent session with the feedback; its new
        /// work replaces the old on merge.
        @Test(arguments: RealCLI.agents)
        func rejectSendsTheFeedbackToTheSameAgentSession(agent: String) async throws {
            let why = "the export must stream rows, not build the file in memory"
            let (out, rig) = try await Self.run(
                agent,
                [
                    ModelStep.write("src/export.txt", "buffered\n"), ModelStep.checkpoint("done", "Export builds the file"),
                    ModelStep.read("src/export.txt"), ModelStep.write("src/export.txt", "streamed\n"),
                    ModelStep.checkpoint("done", "Export streams rows"),
                ], input: "/go\n/wait\n/reject T1 \(why)\n/wait\n/merge T1\n/wait\n/quit\n")
            #expect(out.contains("T1 goes back to \(agent) with your feedback"), "\(out)")
            #expect(RealCLI.lines(out, task: "T1", agent: agent).filter { $0.contains("] done · ") }.count == 2, "\(out)")
            // The feedback reached the model in the session that holds the first turn.
            let again = try #require(rig.server.requests(conversation: 0).first { ($0["step"] as? Int) == 2 }, "\(out)")
            #expect(RealCLI.text(of: again).contains(why))
            #expect(RealCLI.text(of: again).contains("Export builds the file"))
            #expect(rig.show("baton/\(try rig.session())/main", "src/export.txt") == "streamed\n", "\(out)")
        }

        /// A stream that ends before the model's message is complete fails the turn (no
        /// checkpoint, nothing committed) instead of hanging.
        @Test(arguments: RealCLI.agents)
        func droppedStreamFailsTheTurn(agent: String) async throws {
            let (out, _) = try await Self.run(agent, [ModelStep.drop()], input: "/go\n/wait\n/status\n/quit\n")
            let lines = RealCLI.lines(out, task: "T1", agent: agent)
            #expect(lines.contains { $0.contains("] failed · ") && $0.contains("/retry T1") }, "\(out)")
            #expect(!lines.contains { $0.contains("checkpoint") || $0.contains("] done · ") }, "\(out)")
            #expect(out.range(of: #"(?m)^\s+T1\s+\#(agent)\s+failed"#, options: .regularExpression) != nil, "\(out)")
        }
    }
}
