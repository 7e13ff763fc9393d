import BatonCore
import Testing

/// The writer's reply for PR.md: the baton block removed; a question or a reply that is no
/// description refused with the line that says the template was used.
@Suite struct PullRequestTextTests {
    @Test func aDescriptionLosesItsBatonBlock() throws {
        let reply = "# Add CSV export\n\n## Why\n\nUsers asked.\n\n```baton\n{\"checkpoint\":\"done\",\"summary\":\"x\"}\n```\n"
        let text = try PullRequestText.validate(reply).get()
        #expect(text == "# Add CSV export\n\n## Why\n\nUsers asked.\n")
    }

    @Test func aQuestionOrAnythingElseFallsBack() {
        #expect(PullRequestText.validate("I need more context. Which branch should the PR target?") == .failure(.question))
        #expect(PullRequestText.validate("# Title\n\nShould I also mention the tests?") == .failure(.question))
        #expect(PullRequestText.validate("Sure, here it is: it adds CSV export.") == .failure(.notADescription))
        #expect(PullRequestText.validate("```baton\n{}\n```") == .failure(.empty))
        #expect(
            PullRequestText.Rejection.question.line.hasSuffix(
                "PR.md is Baton's template: mission, each task's summary, decisions, checks, reviews"))
    }
}
