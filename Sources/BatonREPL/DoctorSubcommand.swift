import ArgumentParser
import BatonAgents
import BatonCore
import BatonRuntime
import Foundation

/// `baton doctor [--live]`: every agent CLI Baton knows, on PATH or not, with its version,
/// the flags Baton passes that its help does not list, and a login hint; `--live` runs one
/// tiny read-only turn per installed agent and says whether its stream parsed. Last, whether
/// `baton-mcp` is beside `baton`.
struct DoctorSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check each agent CLI: on PATH, version, Baton's flags in its --help, login; --live runs one tiny turn each.")

    @Flag(help: "Run one tiny read-only turn per installed agent (it may cost a little).") var live = false

    func run() async throws {
        let profiles = try Self.profiles()
        let doctor = AgentDoctor()
        var unhealthy = 0
        let width = profiles.map(\.name.count).max() ?? 6
        for profile in profiles where !profile.isHuman {
            let name = profile.name.padding(toLength: width, withPad: " ", startingAt: 0)
            guard let adapter = AdapterFactory.adapter(for: profile) else {
                print("\(name)  ✗ no command configured — set \"command\" in .baton/agents.json")
                continue
            }
            let report = doctor.examine(profile, adapter: adapter, executable: AdapterFactory.executable(for: profile), live: live)
            print(Self.lines(report, name: name, indent: width + 2).joined(separator: "\n"))
            if report.executable != nil && !report.healthy { unhealthy += 1 }
        }
        let server = MCPExecutable.name.padding(toLength: max(width, MCPExecutable.name.count), withPad: " ", startingAt: 0)
        if let path = MCPExecutable.path() {
            print("\(server)  ✓ \(path) · Baton's MCP server for its agents (ask_human, decisions)")
        } else {
            print("\(server)  ✗ " + MCPExecutable.missing(then: "agents run without Baton's MCP tools (ask_human, decisions)"))
            unhealthy += 1
        }
        if unhealthy > 0 { throw ExitCode(1) }
    }

    /// The report as lines: the agent's line, then one indented line per problem.
    static func lines(_ r: AgentDoctor.Report, name: String, indent: Int) -> [String] {
        guard let path = r.executable else {
            return ["\(name)  ✗ not on PATH — \(r.install.isEmpty ? "install it" : r.install)"]
        }
        let pad = String(repeating: " ", count: indent)
        var head = "\(name)  ✓ \(path) · \(r.version ?? "version unknown")"
        if r.helpUnreadable {
            head += " · its --help could not be read"
        } else if r.missingFlags.isEmpty {
            head += " · Baton's flags are in its --help"
        }
        var out = [head]
        if !r.missingFlags.isEmpty {
            out.append(
                "\(pad)! not in its --help: \(r.missingFlags.joined(separator: " ")) — this version may refuse Baton's turns; update it, or set \"args\" in .baton/agents.json"
            )
        }
        if let hint = r.loginHint { out.append("\(pad)! \(hint)") }
        if let retired = AgentRetirement.note(for: r.name) { out.append("\(pad)! \(retired)") }
        if let live = r.live { out.append("\(pad)\(r.liveFailed ? "! " : "")\(live)") }
        return out
    }

    /// Built-ins merged with the repository's `.baton/agents.json` (found from the current
    /// folder upwards), when there is one.
    static func profiles() throws -> [AgentProfile] {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while true {
            let file = dir.appendingPathComponent(AgentRegistry.configPath).path
            if let data = FileManager.default.contents(atPath: file) {
                do {
                    let overrides = try AgentsConfig.parse(data: String(decoding: data, as: UTF8.self), file: AgentRegistry.configPath)
                    return AgentsConfig.merge(builtins: BuiltinProfiles.all, overrides: overrides)
                } catch {
                    throw ValidationError(error.description)
                }
            }
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) || dir.path == "/" { break }
            dir.deleteLastPathComponent()
        }
        return BuiltinProfiles.all
    }
}
