/// What ``decide(_:in:at:context:)`` must know that is not in the session state: the agents
/// (for routing and checking names), for `/go` where the repository's HEAD stands, and for
/// `/route` how many files the tasks' scopes hold. The runtime gathers it; `decide` itself
/// does no IO.
public struct CommandContext: Sendable {
    public var agents: AgentRoster
    /// HEAD and the integration branch to create; only `/go` needs it.
    public var head: HeadFacts?
    /// Tracked files per scope path (see ``TraitReader``); only routing reads it.
    public var scopeFiles: [String: Int]

    public init(agents: AgentRoster, head: HeadFacts? = nil, scopeFiles: [String: Int] = [:]) {
        self.agents = agents
        self.head = head
        self.scopeFiles = scopeFiles
    }
}

/// The known agents and which of them can run now.
public struct AgentRoster: Sendable, Equatable {
    /// Every known agent profile (built-in and from agents.json).
    public var profiles: [AgentProfile]
    /// Names of the agents installed now (`human` is always available).
    public var installed: Set<String>

    public init(profiles: [AgentProfile], installed: Set<String>) {
        self.profiles = profiles
        self.installed = installed
    }

    public var names: [String] { profiles.map(\.name) }

    /// The profile named `name` (exact, then case-insensitive).
    public func profile(named name: String) -> AgentProfile? {
        profiles.first { $0.name == name } ?? profiles.first { $0.name.lowercased() == name.lowercased() }
    }

    public func isAvailable(_ name: String) -> Bool {
        guard let profile = profile(named: name) else { return false }
        return profile.isHuman || installed.contains(profile.name)
    }

    /// The profiles routing may choose from now (installed ones, plus `human`).
    public var available: [AgentProfile] { profiles.filter { isAvailable($0.name) } }

    /// `unknown agent claud — did you mean claude? agents are claude codex …`
    public func unknownAgentMessage(_ name: String) -> String {
        let hint = Suggestion.nearest(name, in: names).map { " — did you mean \($0)?" } ?? " —"
        return "unknown agent \(name)\(hint) agents are \(names.joined(separator: " "))"
    }

    /// `codex is not installed — npm install -g @openai/codex, or /route T2 claude`.
    public func notInstalledMessage(_ name: String, task: String? = nil) -> String {
        let install = profile(named: name)?.install ?? ""
        let route = task.map { "/route \($0) \(alternative(to: name))" } ?? "route to \(alternative(to: name))"
        return install.isEmpty
            ? "\(name) is not installed — install it or \(route)"
            : "\(name) is not installed — \(install), or \(route)"
    }

    /// The first installed agent other than `name` (else `human`).
    public func alternative(to name: String?) -> String {
        available.first { !$0.isHuman && $0.name != name }?.name ?? AgentName.human
    }
}

/// Where HEAD stands when `/go` starts the run, and the integration branch it will create.
public struct HeadFacts: Sendable, Equatable {
    /// The checked-out branch; nil when HEAD is detached.
    public var branch: String?
    /// The commit HEAD points at; nil before the first commit.
    public var commit: String?
    /// Changed files not committed (outside `.baton/`).
    public var dirtyFiles: [String]
    /// `baton/<session>/main`.
    public var integrationBranch: String

    public init(branch: String?, commit: String?, dirtyFiles: [String], integrationBranch: String) {
        self.branch = branch
        self.commit = commit
        self.dirtyFiles = dirtyFiles
        self.integrationBranch = integrationBranch
    }
}
