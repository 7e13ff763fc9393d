import Testing

@testable import BatonREPL

/// `baton` and `baton resume ID` skip building the whole command tree; every other command
/// line goes through it as before.
@Suite struct QuickParseTests {
    @Test func theQuickStartsParseTheirOwnCommandOnly() throws {
        #expect(try BatonCommand.quickParse([]) is ReplCommand)
        let resume = try #require(try BatonCommand.quickParse(["resume", "s-7f3a"]) as? ResumeSubcommand)
        #expect(resume.session == "s-7f3a")
        for other in [["resume"], ["resume", "--help"], ["resume", "s-1", "--planner", "offline"], ["plan", "x"], ["--version"]] {
            #expect(try BatonCommand.quickParse(other) == nil, "\(other)")
        }
    }
}
