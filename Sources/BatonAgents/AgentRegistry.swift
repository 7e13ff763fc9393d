import BatonCore
import Foundation

/// The agents Baton can use in this repository: the built-in profiles merged with
/// `.baton/agents.json`, and whether each one is installed.
public struct AgentRegistry: Sendable, Equatable {
    /// Every profile, built-ins first (in routing tie-break order), then added agents.
    public var profiles: [AgentProfile]
    /// Availability by profile name; a profile without a status counts as missing
    /// (except `human`, which is always available).
    public var statuses: [String: AgentStatus]
    /// The per-worktree setup command from agents.json (`"setup": [...]`), if any.
    public var setup: [String]?
    /// The gitignored files new worktrees get (`"include"`/`"include_mode"` of agents.json).
    public var include: WorktreeInclude?
    /// True when task worktrees check out only their scopes (`"sparse": true`).
    public var sparse = false
    /// Model prices for agents that report no cost (built-ins, then agents.json "prices").
    public var prices = PriceTable.builtin
    /// Where each agent setting that is not built-in came from: agent (or `prices`) → field
    /// (or model) → file, the repository's file winning over the user's.
    public var settingSources: [String: [String: String]] = [:]

    public init(profiles: [AgentProfile], statuses: [String: AgentStatus] = [:], setup: [String]? = nil, include: WorktreeInclude? = nil) {
        self.profiles = profiles
        self.statuses = statuses
        self.setup = setup
        self.include = include
    }

    /// Where the repository's agent configuration lives, relative to its root.
    public static let configPath = ".baton/agents.json"
    /// Where version probes are cached, relative to the repository root.
    public static let cachePath = ".baton/agents-cache.json"

    /// The user-level configuration: `$XDG_CONFIG_HOME/baton/agents.json`, by default
    /// `~/.config/baton/agents.json` (profiles, prices and planner used everywhere).
    public static func userConfigFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/baton/agents.json" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/baton/agents.json"
    }

    /// Reads the user-level `agents.json` (`userConfig`, nil for none) and then
    /// `<root>/.baton/agents.json`, each overriding what came before field by field, merges
    /// them over the built-ins and detects which agents are installed (probes cached in
    /// `.baton/agents-cache.json`). Throws when a configuration is invalid; the error names
    /// file, line and field.
    public static func load(
        repositoryRoot root: String,
        path: String = ProcessInfo.processInfo.environment["PATH"] ?? "",
        timeout: Duration = AgentAvailability.defaultTimeout,
        userConfig: String? = userConfigFile()
    ) async throws(AgentsConfigError) -> AgentRegistry {
        let configFile = root + "/" + configPath
        // ACP built-ins join when their command is on PATH (see BuiltinProfiles.acp).
        var profiles = BuiltinProfiles.all + BuiltinProfiles.acp { ExecutableSearch.find($0, path: path) != nil }
        var setup: [String]?
        var include: WorktreeInclude?
        var sparse = false
        var prices = PriceTable.builtin
        var sources: [String: [String: String]] = [:]
        if let userConfig, let data = FileManager.default.contents(atPath: userConfig) {
            let text = String(decoding: data, as: UTF8.self)
            let label = Self.shown(userConfig)
            profiles = AgentsConfig.merge(builtins: profiles, overrides: try AgentsConfig.parse(data: text, file: label, builtins: profiles))
            prices = prices.merging(try AgentsConfig.prices(data: text, file: label))
            AgentsConfig.record(sources: &sources, data: text, file: label)
        }
        if let data = FileManager.default.contents(atPath: configFile) {
            let text = String(decoding: data, as: UTF8.self)
            let overrides = try AgentsConfig.parse(data: text, file: configPath, builtins: profiles)
            AgentsConfig.record(sources: &sources, data: text, file: configPath)
            profiles = AgentsConfig.merge(builtins: profiles, overrides: overrides)
            setup = try AgentsConfig.setupCommand(data: text, file: configPath)
            include = try AgentsConfig.worktreeInclude(data: text, file: configPath)
            sparse = try AgentsConfig.sparseCheckout(data: text, file: configPath)
            prices = prices.merging(try AgentsConfig.prices(data: text, file: configPath))
        }
        let statuses = await AgentAvailability.detect(
            profiles, path: path, cacheFile: root + "/" + cachePath, timeout: timeout
        )
        var registry = AgentRegistry(profiles: profiles, statuses: statuses, setup: setup, include: include)
        registry.sparse = sparse
        registry.prices = prices
        registry.settingSources = sources
        return registry
    }

    /// `~/…` for a path under the home folder.
    static func shown(_ path: String) -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }

    /// All profile names, in order.
    public var names: [String] { profiles.map(\.name) }

    /// True when the agent is installed (`human` always is).
    public func isAvailable(_ name: String) -> Bool {
        guard let profile = profile(named: name) else { return false }
        return profile.isHuman || statuses[name]?.available == true
    }

    /// The profiles that can be routed to now (installed ones, plus `human`): pass these
    /// to `Router.route(task:available:)`.
    public var available: [AgentProfile] { profiles.filter { isAvailable($0.name) } }

    /// The profile named `name` (exact, then case-insensitive).
    public func profile(named name: String) -> AgentProfile? {
        profiles.first { $0.name == name }
            ?? profiles.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The known name closest to `name` (a typo or a prefix), or nil when none is close.
    public func nearest(name: String) -> String? {
        Suggestion.nearest(name, in: names)
    }

    /// The agents as `decide` sees them: every profile, and which are installed now.
    public var roster: AgentRoster {
        AgentRoster(profiles: profiles, installed: Set(names.filter { isAvailable($0) }))
    }

    /// The one-line error for an agent name that is not known, e.g.
    /// `unknown agent claud — did you mean claude? agents are claude codex … human`.
    public func unknownAgentMessage(_ name: String) -> String { roster.unknownAgentMessage(name) }

    /// The one-line error for an agent that is known but not installed, e.g.
    /// `codex is not installed — npm install -g @openai/codex, or /route T2 claude`.
    public func notInstalledMessage(_ name: String, task: String? = nil) -> String {
        roster.notInstalledMessage(name, task: task)
    }

}
