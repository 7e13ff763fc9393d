import BatonCore
import BatonRuntime
import Foundation
import Testing

/// Aider has no session of its own to resume: its later turns restore its chat history
/// from the worktree and are told, in the continuation prompt, what the last checkpoint
/// achieved (summary, next step, files changed so far).
@Suite struct AiderContinuationTests {
    @Test func aLaterAiderTurnRestoresItsHistoryAndSaysWhatTheLastCheckpointAchieved() async throws {
        let h = try ControllerHarness()
        h.executor.install("aider")
        h.executor.allowSpawns(2)
        let controller = try await h.startRun(task: PlanTask(id: "T1", title: "Signup form", route: "aider"))
        let first = try #require(h.executor.spawns.first)
        #expect(first.argv.first == "aider")
        #expect(!first.argv.contains("--restore-chat-history"))

        let block =
            #"{"checkpoint":"first-change","summary":"Added the signup form","next":"Validate the fields","question":null,"options":[]}"#
        try await h.step {
            try "<form></form>\n".write(toFile: first.directory + "/form.html", atomically: true, encoding: .utf8)
            try h.append(["Applied edit to form.html", "```baton", block, "```"], to: first.stdout)
            h.executor.end(pid: first.process.pid, status: 0)
        }
        #expect(await eventually { h.executor.spawns.count == 2 })
        let second = try #require(h.executor.spawns.last)
        #expect(second.argv.contains("--restore-chat-history"))
        #expect(second.argv.contains(["--file", "form.html"]), "the file it changed is in its chat again: \(second.argv)")
        // The prompt goes in a file (a multi-line --message would come back from aider's history).
        let file = try #require(second.argv.firstIndex(of: "--message-file").map { second.argv[$0 + 1] })
        #expect(!second.argv.contains("--message"))
        let prompt = try String(contentsOfFile: file, encoding: .utf8)
        #expect(prompt.contains("Continue from your last checkpoint"), "\(prompt)")
        #expect(
            prompt.contains(
                "Checkpoint 1 (first change): Added the signup form. Next: Validate the fields. Files changed so far: form.html (+1 −0)."),
            "\(prompt)")

        await h.step { h.executor.end(pid: second.process.pid, status: 1) }
        #expect(await eventually { await controller.state.status(of: "T1") == .failed })
    }
}
