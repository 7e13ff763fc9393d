import Testing

@testable import BatonREPL

/// `baton` and `baton resume ID` start without the argument parser, with the defaults of
/// every option; every other command line goes through it as before.
@Suite struct QuickParseTests {
    @Test func theQuickStartsAreTheBareReplAndResumeOfOneSession() throws {
        #expect(BatonCommand.quickStart([]) == .repl)
        #expect(BatonCommand.quickStart(["resume", "s-7f3a"]) == .resume("s-7f3a"))
        for other in [["resume"], ["resume", "--help"], ["resume", "s-1", "--planner", "offline"], ["plan", "x"], ["--version"]] {
            #expect(BatonCommand.quickStart(other) == nil, "\(other)")
        }
    }

    @Test func aQuickStartHasTheDefaultsOfTheParsedOptions() throws {
        let parsed = try CommonOptions.parse([]).launch()
        let quick = LaunchOptions()
        #expect(parsed.stallAfter == quick.stallAfter)
        #expect(parsed.sessionsDir == quick.sessionsDir && parsed.planner == quick.planner && parsed.budgetUSD == quick.budgetUSD)
    }
}
