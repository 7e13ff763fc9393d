import BatonAgents
import BatonCore
import BatonRuntime

extension Conversation {
    /// `/agents`: what each installed ACP agent advertises (session/load, modes).
    func acpAgentLines() async -> [String] {
        let acp = context.registry.profiles.filter { $0.protocol == .acp && context.registry.isAvailable($0.name) }
        guard !acp.isEmpty else { return [] }
        let known = await AcpProbe.capabilities(context.registry, repositoryRoot: context.repositoryRoot)
        return ["ACP agents:"]
            + acp.map { profile in
                let what = known[profile.name].map { info in
                    (info.version.map { "v\(TerminalText.oneLine($0, limit: 20)) · " } ?? "") + info.summary
                        + (profile.mode.map { " · mode set: " + TerminalText.oneLine($0, limit: 30) } ?? "")
                }
                return "  \(profile.name) (\(profile.command.joined(separator: " "))): " + (what ?? "did not answer initialize")
            }
    }
}
