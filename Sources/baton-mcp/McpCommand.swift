import ArgumentParser
import BatonCore
import BatonMCP
import Foundation

/// `mcp --session S --task T [--sessions-dir D] [--answer-timeout N]`: the MCP server (stdio)
/// Baton gives each agent run; agents start it themselves from the configuration Baton passes them.
struct McpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: "Serve an agent run Baton's MCP tools over stdio (Baton starts it for its agents).")
    @Option(help: "The session id.") var session: String
    @Option(help: "The task the agent works on (T1...).") var task: String
    @Option(help: "Where sessions are stored (default .baton/Sessions in the repository; or $BATON_SESSIONS).")
    var sessionsDir: String?
    @Option(help: "Seconds ask_human waits for the user before the call fails.") var answerTimeout: Int = 86_400

    func run() async throws {
        guard let directory = sessionsDir ?? ProcessInfo.processInfo.environment["BATON_SESSIONS"] else {
            throw Self.fail(CommandError(.invalidValue, "baton mcp needs --sessions-dir DIR (Baton passes it to its agents)"))
        }
        let server = AgentCallServer(
            sessionsDirectory: directory, session: session, task: task, answerTimeout: .seconds(max(1, answerTimeout)))
        do { try await server.run() } catch { throw Self.fail(error) }
    }

    /// Prints one `error:` line to stderr and returns the exit code to throw.
    static func fail(_ error: any Error) -> ExitCode {
        FileHandle.standardError.write(Data((ErrorLine.render(error) + "\n").utf8))
        return ExitCode(1)
    }
}
