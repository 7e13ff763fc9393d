import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

/// Settings from the command line that shape a run.
public struct RuntimeOptions: Sendable {
    /// Seconds without output before a run is reported as stalled.
    public var stallAfter: Double = 300
    /// `--planner NAME` (or BATON_PLANNER).
    public var planner: String?
    public var budgetUSD: Double?
    /// Records between snapshots of the session's state (`BATON_SNAPSHOT_EVERY`, for tests).
    public var snapshotInterval = RuntimeOptions.defaultSnapshotInterval
    public static let defaultSnapshotInterval = 3000
    /// The `baton-mcp` executable (an absolute path) that serves agents their MCP server
    /// (`baton-mcp mcp ...`); nil: agents get none (Baton embedded in a test process).
    public var mcpExecutable: String?
    /// Why there is no `mcpExecutable` (baton-mcp is missing next to baton): one line, said
    /// once when a turn starts without the server.
    public var mcpMissing: String?

    public init(stallAfter: Double = 300, planner: String? = nil, budgetUSD: Double? = nil, mcpExecutable: String? = nil) {
        self.stallAfter = stallAfter
        self.planner = planner
        self.budgetUSD = budgetUSD
        self.mcpExecutable = mcpExecutable
    }
}

/// The world a session runs in: the repository, its sessions, agents, prompts.
public struct RuntimeContext: Sendable {
    public let repositoryRoot: String
    public let workspace: Workspace
    public let store: SessionStore
    public let registry: AgentRegistry
    public let prompts: PromptLibrary
    /// Where runs' processes live (local processes unless another executor is given).
    public let executor: any Executor
    /// The time events are stamped with and stalls are measured in.
    public let clock: any RuntimeClock
    public let options: RuntimeOptions

    public init(
        repositoryRoot: String, workspace: Workspace, store: SessionStore, registry: AgentRegistry, prompts: PromptLibrary,
        executor: any Executor = LocalExecutor(), clock: any RuntimeClock = SystemClock(), options: RuntimeOptions
    ) {
        self.repositoryRoot = repositoryRoot
        self.workspace = workspace
        self.store = store
        self.registry = registry
        self.prompts = prompts
        self.executor = executor
        self.clock = clock
        self.options = options
    }
}
