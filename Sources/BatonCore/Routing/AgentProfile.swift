/// A 1–3 rating used for an agent's cost (1 cheap … 3 expensive) and speed (1 slow … 3 fast).
public enum Tier: Int, Codable, Sendable, CaseIterable, Comparable {
    case one = 1, two = 2, three = 3

    public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Everything Baton knows about one agent: how to launch it and what it is good at.
/// Built-in profiles come from `BuiltinProfiles`; `.baton/agents.json` adds or overrides.
public struct AgentProfile: Codable, Sendable, Equatable {
    /// Unique name, `[a-z0-9_-]+` (`claude`, `codex`, `my-agent`).
    public var name: String
    /// The adapter that drives it.
    public var `protocol`: AgentProtocol
    /// For `command`: the argv template (placeholders {prompt} {prompt_file} {worktree}
    /// {session}); otherwise one element, the executable name. Empty for `human`.
    public var command: [String]
    /// Task kinds it is good at.
    public var strengths: [TaskKind]
    /// Task traits it is good at.
    public var traits: [TaskTrait]
    /// 1 cheap … 3 expensive.
    public var costTier: Tier
    /// 1 slow … 3 fast.
    public var speedTier: Tier
    /// How many runs of this agent may go at once before routing avoids it.
    public var maxParallel: Int
    /// Model to ask for (`--model`), or nil for the agent's default.
    public var model: String?
    /// Extra arguments appended to every turn.
    public var extraArguments: [String]
    /// One line saying how to install it ("npm install -g @openai/codex").
    public var install: String
    /// True when it can act as the planner (turn a mission into a plan).
    public var canPlan: Bool
    /// For `acp`: the session mode to switch to after `session/new` or `session/load`
    /// (`session/set_mode`, e.g. "ask"), when the agent offers it; nil keeps its default.
    public var mode: String?

    public init(
        name: String, protocol: AgentProtocol, command: [String], strengths: [TaskKind] = [],
        traits: [TaskTrait] = [], costTier: Tier = .two, speedTier: Tier = .two,
        maxParallel: Int = 2, model: String? = nil, extraArguments: [String] = [],
        install: String = "", canPlan: Bool = false, mode: String? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.command = command
        self.strengths = strengths
        self.traits = traits
        self.costTier = costTier
        self.speedTier = speedTier
        self.maxParallel = maxParallel
        self.model = model
        self.extraArguments = extraArguments
        self.install = install
        self.canPlan = canPlan
        self.mode = mode
    }

    /// The executable to look for on PATH (argv[0]), or nil for `human`.
    public var executable: String? {
        `protocol` == .human ? nil : command.first
    }

    /// True for the `human` agent (always available, last resort in routing).
    public var isHuman: Bool { `protocol` == .human }

    enum CodingKeys: String, CodingKey {
        case name, `protocol`, command, strengths, traits, model, install, mode
        case costTier = "cost", speedTier = "speed", maxParallel = "max_parallel"
        case extraArguments = "args", canPlan = "planner"
    }
}
