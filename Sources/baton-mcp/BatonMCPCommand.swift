import ArgumentParser
import Foundation

/// `baton-mcp`: its one command is `mcp` (the argv agents get is `[baton-mcp, mcp, ...]`, as
/// `baton mcp ...` took it before).
struct BatonMCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton-mcp", abstract: "Baton's MCP server for its agents (Baton starts it; `baton mcp` runs it too).",
        version: "0.1.0", subcommands: [McpCommand.self], defaultSubcommand: McpCommand.self)

    /// Parses the command line and serves; a bad argument is one `error:` line (as `baton` says it).
    static func start() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code != .success, !(error is ExitCode) else { exit(withError: error) }
            var first = message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            for prefix in ["Error: ", "error: "] where first.hasPrefix(prefix) { first = String(first.dropFirst(prefix.count)) }
            if let f = first.first { first = f.lowercased() + first.dropFirst() }
            FileHandle.standardError.write(Data("error: \(first) — see baton-mcp mcp --help\n".utf8))
            exit(withError: ExitCode(code.rawValue))
        }
    }
}
