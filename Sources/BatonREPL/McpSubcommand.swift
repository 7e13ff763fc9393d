import ArgumentParser
import BatonCore
import Foundation

/// `baton mcp --session S --task T [--sessions-dir D]`: runs the `baton-mcp` next to `baton`
/// with the same arguments (the MCP server is its own executable; agents start it directly).
struct McpSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve an agent run Baton's MCP tools over stdio (runs baton-mcp, next to baton; Baton starts it for its agents).")
    @Argument(
        parsing: .captureForPassthrough,
        help: "What baton-mcp mcp takes: --session S --task T [--sessions-dir D] [--answer-timeout N].")
    var arguments: [String] = []

    func run() async throws { throw Self.exec(["mcp"] + arguments) }

    /// Replaces this process with `baton-mcp ARGUMENTS` (argv, no shell); returns only when
    /// that failed, after printing one `error:` line.
    static func exec(_ arguments: [String]) -> ExitCode {
        guard let path = MCPExecutable.path() else { return Launcher.fail(MCPExecutable.missing()) }
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, &argv)
        return Launcher.fail("could not run \(path): \(String(cString: strerror(errno)))")
    }
}
