/// The agent profiles Baton ships with, in routing tie-break order.
public enum BuiltinProfiles {
    /// Claude Code: deep multi-file reasoning, architecture, nuanced refactors.
    public static let claude = AgentProfile(
        name: "claude", protocol: .claude, command: ["claude"],
        strengths: [.code, .refactor, .research, .docs], traits: [.depth, .breadth],
        costTier: .three, speedTier: .two, maxParallel: 3,
        install: "npm install -g @anthropic-ai/claude-code", canPlan: true
    )

    /// Codex: well-scoped, self-contained code and tests; fast.
    public static let codex = AgentProfile(
        name: "codex", protocol: .codex, command: ["codex"],
        strengths: [.code, .tests], traits: [.wellScoped],
        costTier: .two, speedTier: .three, maxParallel: 3,
        install: "npm install -g @openai/codex", canPlan: true
    )

    /// Gemini CLI: research, docs and broad reading (large context); cheap.
    public static let gemini = AgentProfile(
        name: "gemini", protocol: .gemini, command: ["gemini"],
        strengths: [.research, .docs], traits: [.breadth, .largeContext],
        costTier: .one, speedTier: .two, maxParallel: 2,
        install: "npm install -g @google/gemini-cli", canPlan: true
    )

    /// Aider: small focused edits; cheap and fast.
    public static let aider = AgentProfile(
        name: "aider", protocol: .aider, command: ["aider"],
        strengths: [.code], traits: [.smallEdit],
        costTier: .one, speedTier: .three, maxParallel: 2,
        install: "python3 -m pip install aider-chat"
    )

    /// opencode: a general coding agent (code, refactors, tests, ops), no special trait.
    public static let opencode = AgentProfile(
        name: "opencode", protocol: .opencode, command: ["opencode"],
        strengths: [.code, .refactor, .tests, .ops], traits: [],
        costTier: .two, speedTier: .two, maxParallel: 2,
        install: "npm install -g opencode-ai", canPlan: true
    )

    /// Antigravity CLI `agy`, Gemini CLI's successor: research, docs and broad reading.
    public static let antigravity = AgentProfile(
        name: "antigravity", protocol: .antigravity, command: ["agy"],
        strengths: [.research, .docs, .code], traits: [.breadth, .largeContext],
        costTier: .one, speedTier: .two, maxParallel: 2,
        install: "install the Antigravity CLI (agy) from antigravity.google"
    )

    /// The user, in the task's worktree: always available, routed to only as a last resort.
    public static let human = AgentProfile(
        name: "human", protocol: .human, command: [],
        strengths: TaskKind.allCases, traits: [],
        costTier: .one, speedTier: .one, maxParallel: 1,
        install: "always available"
    )

    /// All built-in profiles in tie-break order.
    public static let all: [AgentProfile] = [claude, codex, gemini, aider, opencode, antigravity, human]

    /// The built-in profile named `name`, if any.
    public static func named(_ name: String) -> AgentProfile? {
        all.first { $0.name == name }
    }

    /// The built-in profile whose adapter is `protocol` (the base for new agents on it).
    public static func base(for protocol: AgentProtocol) -> AgentProfile? {
        all.first { $0.protocol == `protocol` }
    }
}
