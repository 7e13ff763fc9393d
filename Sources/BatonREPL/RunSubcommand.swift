import ArgumentParser
import BatonCore
import Foundation

/// `baton run "MISSION"`: plan, and with --approve run to the end without a terminal.
struct RunSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Plan a mission and, with --approve, run it to the end without a terminal (for scripts and CI).",
        discussion: """
            Exit status: 0 when the plan is printed (no --approve) or the --until goal is reached; \
            3 when decisions wait that --answers does not answer (they are listed with their ids; \
            baton resume ID goes on interactively); 1 when something failed.
            """)
    @OptionGroup var options: CommonOptions
    @Argument(help: "The mission.") var mission: String
    @Flag(help: "Start the tasks after planning (without it, baton run prints the plan and exits).") var approve = false
    @Option(help: "Policy settings as NAME=VALUE pairs, e.g. merge=auto,checkpoints=ask (see /policy).") var policy: String?
    @Option(help: "Stop when tasks are done (in review), merged, or finished (merged and PR.md written).") var until: RunGoal = .done
    @Option(
        help: "A JSON file of answers to decisions: {\"D1\": \"2\", \"D*\": \"1\", \"words of a question\": \"answer\"}.",
        completion: .file(extensions: ["json"])) var answers: String?
    @Flag(help: "Print the session's events as JSON lines on stdout (as in events.jsonl); other output goes to stderr.") var json = false

    func run() async throws {
        let text = mission.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Launcher.fail("the mission is empty — say what you want done: baton run \"Add CSV export\"") }
        let policy = try Launcher.check { try self.policy.map(PolicyOption.parse) ?? PolicyOption(settings: []) }
        let answers = try Launcher.check { try self.answers.map { try AnswerBook.load(path: $0) } }
        let repo = try await Launcher.repository(options.launch())
        let output = HeadlessOutput(json: json)
        let run = HeadlessRun(
            mission: text, approve: approve, goal: until, policy: policy, answers: answers,
            budgetUSD: options.budgetUsd, context: repo.context, output: output)
        let outcome = await run.run()
        if case .failed = outcome {
            FileHandle.standardError.write(Data((outcome.lines.joined(separator: "\n") + "\n").utf8))
        } else {
            output.say(outcome.lines)
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
