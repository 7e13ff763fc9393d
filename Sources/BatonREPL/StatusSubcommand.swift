import ArgumentParser
import BatonCore
import BatonRuntime
import BatonWorkspace
import Foundation

/// `baton status [ID] [--json]`: a session's status table, read without opening the session
/// (no lock taken: a session another Baton has open can be read).
struct StatusSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print a session's status table without opening it (the latest when no id is given).")
    @OptionGroup var options: CommonOptions
    @Argument(help: "Session id or unique prefix.", completion: .custom(SessionIDCompletion.ids)) var session: String?
    @Flag(help: "Print the status as one JSON object.") var json = false

    func run() async throws {
        let store = try await Self.store(options)
        let summary: SessionSummary
        if let session {
            summary = try Launcher.check { try store.read(session) }
        } else {
            guard let latest = store.latest() else { throw Launcher.fail(SessionStoreError.noSessions) }
            summary = latest
        }
        let table = StatusTable(state: summary.state, now: Date().timeIntervalSince1970)
        if json {
            print(table.json())
            return
        }
        let state = summary.state
        let mission = TerminalText.oneLine(state.mission ?? "no mission yet", limit: 80)
        var lines = ["session \(summary.id) · \(state.summaryState)\(summary.damaged ? " (damaged log)" : "") · \(mission)"]
        if state.plan.isEmpty {
            lines.append("  no plan yet")
        } else {
            lines += table.lines(width: Terminal.columns())
        }
        if !state.openDecisions.isEmpty {
            lines.append("open decisions (baton resume \(summary.id), then /decide):")
            lines += state.openDecisions.map(RunOutcome.line)
        }
        print(lines.joined(separator: "\n"))
    }
}

extension StatusSubcommand {
    /// The repository's session store, found without loading agents or touching the repository.
    static func store(_ options: CommonOptions) async throws -> SessionStore {
        let root: String
        do {
            root = try await Workspace.open(at: FileManager.default.currentDirectoryPath, git: CommandLineGit()).root
        } catch { throw Launcher.fail(error) }
        let environment = ProcessInfo.processInfo.environment
        return SessionStore(
            directory: SessionStore.directory(repositoryRoot: root, override: options.sessionsDir, environment: environment))
    }
}

/// Shell completion of session ids (`baton status <TAB>`, `baton resume <TAB>`). Synchronous
/// (the parser runs completions only so): the repository is the nearest folder up with `.git`.
enum SessionIDCompletion {
    @Sendable static func ids(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) {
            guard dir.path != "/" else { return [] }
            dir.deleteLastPathComponent()
        }
        let store = SessionStore(
            directory: SessionStore.directory(repositoryRoot: dir.path, override: nil, environment: ProcessInfo.processInfo.environment))
        return store.ids().filter { $0.hasPrefix(prefix) }
    }
}
