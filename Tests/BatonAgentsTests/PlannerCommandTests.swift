import Testing

@testable import BatonAgents

@Suite struct PlannerCommandTests {
    @Test func readOnlyArgv() {
        #expect(
            PlannerCommand.argv(agent: "claude", prompt: "P", model: nil) == [
                "claude", "-p", "P", "--output-format", "json", "--tools", "Read,Grep,Glob",
            ])
        #expect(
            PlannerCommand.argv(agent: "codex", prompt: "P", model: "o4") == [
                "codex", "exec", "--json", "-s", "read-only", "--skip-git-repo-check", "-m", "o4", "P",
            ])
        #expect(
            PlannerCommand.argv(agent: "gemini", prompt: "P", model: nil) == [
                "gemini", "-p", "P", "-o", "json", "--approval-mode", "default",
            ])
        #expect(PlannerCommand.argv(agent: "aider", prompt: "P", model: nil) == nil)
    }

    @Test func claudeResultFixture() {
        let reply = PlannerCommand.extract(agent: "claude", stdout: Support.fixture("planner-claude-json-result.json"), exitCode: 0)
        #expect(reply.error == nil)
        #expect(reply.costUSD == 0.0213)
        #expect(reply.text?.hasPrefix("```json\n{\"tasks\":[{\"id\":\"T1\"") == true)
    }

    @Test func claudeErrorResult() {
        let reply = PlannerCommand.extract(agent: "claude", stdout: Support.fixture("claude-api-error.jsonl"), exitCode: 1)
        #expect(reply.error == "API Error: 503")
        #expect(reply.text == nil)
    }

    @Test func codexAndGemini() {
        let codex = PlannerCommand.extract(agent: "codex", stdout: Support.fixture("codex-turn-checkpoint.jsonl"), exitCode: 0)
        #expect(codex.text?.hasPrefix("Added the endpoint.") == true)
        #expect(codex.error == nil)
        let failed = PlannerCommand.extract(agent: "codex", stdout: Support.fixture("codex-turn-failed.jsonl"), exitCode: 1)
        #expect(failed.error == "stream disconnected before completion")
        let gemini = PlannerCommand.extract(
            agent: "gemini", stdout: "Loaded cached credentials.\n{\n  \"response\": \"{\\\"tasks\\\":[]}\",\n  \"stats\": {}\n}\n",
            exitCode: 0)
        #expect(gemini.text == "{\"tasks\":[]}")
        #expect(gemini.error == nil)
        let garbage = PlannerCommand.extract(agent: "gemini", stdout: "oops", exitCode: 1)
        #expect(garbage.error != nil)
    }
}
