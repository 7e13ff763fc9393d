import BatonTestSupport
import Foundation
import Testing

extension RealCLI {
    /// The real aider-chat 0.86.2 (through litellm, against the scripted model server's chat
    /// completions) driven by Baton through one task: its edit lands in the task's worktree
    /// and is checkpointed (aider's own files stay out of the commit), the decision it asks
    /// for is answered, and the second turn — aider's chat history restored, told what the
    /// last checkpoint achieved — edits again and finishes.
    @Suite struct RealCLIAiderTests {
        @Test(
            .enabled(
                if: RealAgents.hasAider,
                "aider-chat \(RealAgents.aiderVersion) is not laid out (scripts/real-agents could not install it) — skipped"))
        func aiderEditsCheckpointsAndContinuesFromItsLastCheckpoint() async throws {
            var script = ModelScript()
            script.task(
                "T1",
                [
                    ModelStep.both(
                        ModelStep.write("notes.txt", "Release notes\n- faster export\n"),
                        ModelStep.checkpoint(
                            "needs-decision", "Drafted the release notes", next: "Pick the tone",
                            question: "Formal or casual tone?", options: ["formal", "casual"])),
                    ModelStep.both(
                        ModelStep.edit("notes.txt", "- faster export\n", "- Faster CSV export.\n"),
                        ModelStep.checkpoint("done", "Made the release notes formal")),
                ])
            let rig = try RealCLI.Rig(script, agents: ["aider"])
            let out = try await rig.run(
                input: "Write the release notes\n/route T1 aider\n/go\n/wait\n/decide D1 1\n/wait\n/quit\n", seconds: 420
            ).out
            let session = try rig.session()
            let lines = RealCLI.lines(out, task: "T1", agent: "aider")
            // Turn 1: the edit is in the worktree and its checkpoint commit, the question asked.
            #expect(lines.contains { $0.contains("checkpoint 1 · needs decision · Drafted the release notes") }, "\(out)")
            #expect(out.contains("Formal or casual tone?"), "\(out)")
            let first = try #require(
                try rig.repo.git("log", "--format=%H %s", "baton/\(session)/T1").split(separator: "\n").last {
                    $0.contains("checkpoint 1")
                },
                "\(out)")
            let commit = String(first.prefix { $0 != " " })
            #expect(rig.show(commit, "notes.txt") == "Release notes\n- faster export\n", "\(out)")
            let files = try rig.repo.git("show", "--name-only", "--format=", commit)
            #expect(files.trimmingCharacters(in: .whitespacesAndNewlines) == "notes.txt", "no .aider* file is committed: \(files)")
            // Turn 2: the chat history restored and the last checkpoint said; the edit lands.
            let done = try #require(lines.first { $0.contains("] done · Made the release notes formal") }, "\(out)")
            #expect(done.contains("2 turns"), "\(done)")
            // Its usage lines count: tokens (rounded by aider: "~") and cost (the server's gpt-4o price).
            #expect(done.contains(" tok") && done.contains("$"), "\(done)")
            #expect(rig.show("baton/\(session)/T1", "notes.txt") == "Release notes\n- Faster CSV export.\n", "\(out)")
            let second = try #require(rig.server.requests(conversation: 0).first { ($0["step"] as? Int) == 1 }, "\(out)")
            let sent = RealCLI.text(of: second)
            #expect(sent.contains("Checkpoint 1 (needs decision): Drafted the release notes. Next: Pick the tone."), "\(sent)")
            #expect(sent.contains("Decision D1 — Formal or casual tone? Answer: formal"), "\(sent)")
            // Aider's restored history holds its first reply, and no made-up assistant message
            // (a multi-line --message in its logged command line would come back as one).
            let messages = (second["body"] as? [String: Any])?["messages"] as? [[String: Any]] ?? []
            let replies = messages.filter { ($0["role"] as? String) == "assistant" }.map { ($0["content"] as? String) ?? "" }
            #expect(replies.contains { $0.contains("Formal or casual tone?") }, "\(replies)")
            #expect(!replies.contains { $0.contains("--yes-always") || $0.contains("## Task T1") }, "\(replies)")
        }
    }
}
