import BatonAgents
import BatonCore

/// The adapter that drives an agent profile, by its protocol.
public enum AdapterFactory {
    /// `prices`: for agents that report no cost (codex), the estimate's price table.
    public static func adapter(for profile: AgentProfile, prices: PriceTable = .builtin) -> (any AgentAdapter)? {
        let command = executable(for: profile)
        switch profile.protocol {
        case .claude: return ClaudeAdapter(command: command)
        case .codex: return CodexAdapter(command: command, price: prices.price(of: profile.model ?? PriceTable.codexDefaultModel))
        case .gemini: return GeminiAdapter(command: command)
        case .antigravity: return AntigravityAdapter(command: command, surface: AntigravitySurface.probe(command))
        case .aider: return AiderAdapter(command: command)
        case .opencode: return OpencodeAdapter(command: command)
        case .command: return profile.command.isEmpty ? nil : GenericCommandAdapter(name: profile.name, template: profile.command)
        case .acp: return profile.command.isEmpty ? nil : AcpAdapter(name: profile.name, command: profile.command)
        case .human: return nil
        }
    }

    /// The program a profile runs (argv[0]).
    public static func executable(for profile: AgentProfile) -> String {
        profile.executable ?? profile.name
    }
}
