import ArgumentParser
import BatonAgents
import BatonCore
import BatonRuntime
import BatonWorkspace
import Foundation
import LineEditor

/// Options every way of starting Baton shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "Where sessions are stored (default .baton/Sessions in the repository; or $BATON_SESSIONS).")
    var sessionsDir: String?

    @Option(
        help:
            "Planner: claude, codex, gemini, offline, or an OpenAI-compatible URL like http://127.0.0.1:11434#llama3.1 (or $BATON_PLANNER).",
        completion: .list(["claude", "codex", "gemini", "offline"]))
    var planner: String?

    @Option(help: "Spending limit for the mission in dollars: no new turn starts past it.")
    var budgetUsd: Double?

    @Option(help: "Report a run with no output for this long (e.g. 300, 90s, 5m).")
    var stallAfter: String = LaunchOptions.defaultStallAfter

    /// The options as plain values (`--stall-after` checked).
    func launch() throws -> LaunchOptions {
        LaunchOptions(
            sessionsDir: sessionsDir, planner: planner, budgetUSD: budgetUsd,
            stallAfter: try LaunchOptions.seconds(stallAfter))
    }
}

/// `baton`: the REPL, and the subcommands around it.
public struct BatonCommand: AsyncParsableCommand {
    public static let version = "0.1.0"
    public static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Coordinate the coding agents you already run: plan a mission, run it in parallel worktrees, decide, merge.",
        version: version,
        subcommands: [
            ReplCommand.self, SessionsSubcommand.self, ResumeSubcommand.self, PlanSubcommand.self, RunSubcommand.self,
            StatusSubcommand.self, McpSubcommand.self, DoctorSubcommand.self,
        ],
        defaultSubcommand: ReplCommand.self)

    public init() {}

    /// Parses the command line and runs the chosen command (async all the way).
    public static func start() async {
        // `baton mcp ...` is baton-mcp's: handed over untouched (its own help and errors).
        if CommandLine.arguments.dropFirst().first == "mcp" {
            exit(withError: McpSubcommand.exec(Array(CommandLine.arguments.dropFirst())))
        }
        let arguments = CommandLineArguments.missionSafe(Array(CommandLine.arguments.dropFirst()))
        do {
            if try await quickRun(arguments) { return }
            var command = try parseAsRoot(arguments)
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code != .success, !(error is ExitCode) else { exit(withError: error) }
            // One line, never the help text: what was wrong and where the help is.
            let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
            FileHandle.standardError.write(
                Data((CommandLineArguments.oneLine(message(for: error), arguments: arguments, subcommands: names) + "\n").utf8))
            exit(withError: ExitCode(code.rawValue))
        }
    }
}

extension BatonCommand {
    /// The starts that must be quick: `baton` and `baton resume ID`.
    enum QuickStart: Equatable {
        case repl
        case resume(String)
    }

    /// The quick start `arguments` ask for; nil for any other command line (parsed as usual).
    /// Quick starts run without the argument parser: its first parse looks up protocol
    /// conformances across the whole binary, a few ms of each start.
    static func quickStart(_ arguments: [String]) -> QuickStart? {
        if arguments.isEmpty { return .repl }
        if arguments.count == 2, arguments[0] == "resume", !arguments[1].hasPrefix("-") { return .resume(arguments[1]) }
        return nil
    }

    /// Runs the quick start `arguments` ask for; false when they ask for none.
    static func quickRun(_ arguments: [String]) async throws -> Bool {
        switch quickStart(arguments) {
        case .repl: try await ReplCommand.converse(LaunchOptions())
        case .resume(let session): try await ResumeSubcommand.resume(session, LaunchOptions())
        case nil: return false
        }
        return true
    }
}

struct ReplCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Start the conversation (the default).")
    @OptionGroup var options: CommonOptions

    func run() async throws { try await Self.converse(options.launch()) }

    static func converse(_ options: LaunchOptions) async throws {
        let repo = try await Launcher.repository(options, readHead: true)
        let code = await Launcher.converse(repo, resume: nil)
        if code != 0 { throw ExitCode(code) }
    }
}

struct ResumeSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume a session (the latest when no id is given; a unique prefix works).")
    @OptionGroup var options: CommonOptions
    @Argument(help: "Session id or unique prefix.", completion: .custom(SessionIDCompletion.ids)) var session: String?

    func run() async throws { try await Self.resume(session, options.launch()) }

    static func resume(_ session: String?, _ options: LaunchOptions) async throws {
        let repo = try await Launcher.repository(options)
        let id: String
        if let session {
            id = try Launcher.check { try repo.context.store.resolve(session) }
        } else {
            guard let latest = repo.context.store.latest() else { throw Launcher.fail(SessionStoreError.noSessions) }
            id = latest.id
        }
        let code = await Launcher.converse(repo, resume: id)
        if code != 0 { throw ExitCode(code) }
    }
}

struct SessionsSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sessions", abstract: "List the sessions of this repository.")
    @OptionGroup var options: CommonOptions

    func run() async throws {
        let repo = try await Launcher.repository(options.launch())
        let style = Style.detect(isTerminal: isatty(1) == 1)
        print(
            SessionTable.lines(repo.context.store.summaries(), current: nil, style: style, width: Terminal.columns()).joined(
                separator: "\n"))
    }
}

struct PlanSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Plan a mission without running it; prints the plan (or JSON).")
    @OptionGroup var options: CommonOptions
    @Argument(help: "The mission.") var mission: String
    @Flag(help: "Print the plan as JSON.") var json = false

    func run() async throws {
        let text = mission.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Launcher.fail("the mission is empty — say what you want done: baton plan \"Add CSV export\"") }
        let repo = try await Launcher.repository(options.launch())
        let service = PlanningService(context: repo.context, scratchDirectory: repo.context.repositoryRoot + "/.baton/planner-runs")
        let proposal = await service.propose(mission: text)
        if let note = proposal.note { FileHandle.standardError.write(Data("warning: \(note)\n".utf8)) }
        if json {
            print(PlanJSON.render(mission: text, planner: proposal.planner, tasks: proposal.tasks) { _ in TaskStatus.planned.rawValue })
        } else {
            let plan = Plan(version: 1, tasks: proposal.tasks)
            var state = SessionState(id: "")
            state.planHistory = [plan]
            state.planIndex = 0
            let view = PlanView(plan: plan, state: state, style: Style.detect(isTerminal: isatty(1) == 1), width: Terminal.columns())
            print(
                view.full(headline: view.headline(planner: proposal.planner, seconds: proposal.seconds, costUSD: proposal.costUSD)).joined(
                    separator: "\n"))
        }
    }
}
