import BatonTestSupport
import Foundation
import Testing

extension RealCLI {
    /// Baton's main loop through the real Claude Code and Codex CLIs against a scripted model:
    /// the real CLI plans, the task is routed to it and runs, it asks a question, Baton quits,
    /// resumes, the answer reaches the agent's own resumed session, its work is merged and the
    /// session finished — the file the agent wrote is on the integration branch.
    @Suite struct RealCLIMainLoopTests {
        static let question = "Greet in English or in French?"

        @Test(arguments: RealCLI.agents)
        func planRouteGoDecideResumeMergeFinish(agent: String) async throws {
            var script = ModelScript()
            script.task(
                "T1",
                [
                    ModelStep.write("greeting.txt", "hello from \(agent)\n"),
                    ModelStep.checkpoint(
                        "needs-decision", "Wrote greeting.txt", next: "pick the language",
                        question: Self.question, options: ["English", "French"]),
                    // After the answer, in the same agent session (resumed by its own id).
                    ModelStep.read("README.md"),
                    ModelStep.edit("README.md", "# Demo", "# Demo\n\nGreets in French."),
                    ModelStep.checkpoint("done", "Greeting in French"),
                ])
            script.planner([ModelStep.plan([RealCLI.task("T1", "Add a greeting", scope: ["greeting.txt", "README.md"])])])
            let rig = try RealCLI.Rig(script, agents: [agent])

            // 1. Plan (the real CLI as planner), route, go; the agent asks; quit.
            let first = try await rig.run(input: "Add a greeting file\n/go\n/wait\n/quit\n")
            var out = first.out
            #expect(out.contains("planner: \(agent)"), "\(out)")
            #expect(out.contains("planner (\(agent)") && out.contains("proposes 1 task"), "\(out)")
            #expect(out.contains("T1  Add a greeting"), "\(out)")
            #expect(out.contains("? D1  [T1 \(agent)] \(Self.question)"), "\(out)")
            #expect(out.contains("1) English   2) French"), "\(out)")
            let session = try rig.session()
            let worktree = rig.repo.path + "/.baton/worktrees/\(session)/T1"
            #expect((try? String(contentsOfFile: worktree + "/greeting.txt", encoding: .utf8)) == "hello from \(agent)\n")

            // 2. Resume; the answer goes to the agent's own session; merge; finish.
            let second = try await rig.run(["resume"], input: "/decide D1 2\n/wait\n/merge T1\n/wait\n/finish\n/quit\n")
            out = second.out
            #expect(second.status == 0, "\(out)")
            #expect(out.contains("D1 answered: French"), "\(out)")
            #expect(RealCLI.lines(out, task: "T1", agent: agent).contains { $0.contains("] done · ") && $0.contains(" 2 turns") }, "\(out)")
            let branch = "baton/\(session)/main"
            #expect(out.contains("merged T1 into \(branch)"), "\(out)")
            #expect(out.contains("wrote .baton/Sessions/\(session)/PR.md"), "\(out)")
            #expect(!out.contains("error:"), "\(out)")
            #expect(rig.show(branch, "greeting.txt") == "hello from \(agent)\n")
            #expect(rig.show(branch, "README.md") == "# Demo\n\nGreets in French.\n")

            // The model saw the answer, in a request whose history holds the earlier turn: the
            // CLI resumed its own session rather than starting over.
            let worker = rig.server.requests(conversation: 0)
            let answered = try #require(
                worker.first { ($0["step"] as? Int) == 2 }, "no reply after the answer was asked for: \(worker.count) requests")
            #expect(RealCLI.text(of: answered).contains("French"))
            #expect(RealCLI.text(of: answered).contains(Self.question))
        }
    }
}
