/// ACP agents Baton knows how to start (`"protocol": "acp"`): offered only when their
/// command is on PATH, after the native profiles (which win routing ties).
extension BuiltinProfiles {
    public static let acp: [AgentProfile] = [
        AgentProfile(
            name: "opencode-acp", protocol: .acp, command: ["opencode", "acp"],
            strengths: [.code, .refactor, .tests, .ops], costTier: .two, speedTier: .two, maxParallel: 2,
            install: "npm install -g opencode-ai"),
        AgentProfile(
            name: "goose", protocol: .acp, command: ["goose", "acp"],
            strengths: [.code, .ops, .research], costTier: .two, speedTier: .two, maxParallel: 2,
            install: "see block.github.io/goose (goose acp)"),
        AgentProfile(
            name: "qwen", protocol: .acp, command: ["qwen", "--experimental-acp"],
            strengths: [.code, .research, .docs], traits: [.largeContext], costTier: .one, speedTier: .two, maxParallel: 2,
            install: "npm install -g @qwen-code/qwen-code"),
        AgentProfile(
            name: "vibe", protocol: .acp, command: ["vibe-acp"],
            strengths: [.code, .refactor, .docs], costTier: .one, speedTier: .two, maxParallel: 2,
            install: "uv tool install mistral-vibe (Python 3.12+)"),
        AgentProfile(
            name: "claude-code-acp", protocol: .acp, command: ["claude-code-acp"],
            strengths: [.code, .refactor, .research, .docs], traits: [.depth, .breadth], costTier: .three, speedTier: .two,
            maxParallel: 3, install: "npm install -g @zed-industries/claude-code-acp"),
        AgentProfile(
            name: "codex-acp", protocol: .acp, command: ["codex-acp"],
            strengths: [.code, .tests], traits: [.wellScoped], costTier: .two, speedTier: .three, maxParallel: 3,
            install: "npm install -g @zed-industries/codex-acp"),
    ]

    /// The ACP profiles whose executable `isInstalled` finds.
    public static func acp(installed isInstalled: (String) -> Bool) -> [AgentProfile] {
        acp.filter { $0.executable.map(isInstalled) ?? false }
    }
}
