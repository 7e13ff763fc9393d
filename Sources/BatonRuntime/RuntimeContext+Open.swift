import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

/// A repository opened for Baton: its runtime context, where HEAD stood, and warnings to show.
public struct OpenedRepository: Sendable {
    public var context: RuntimeContext
    /// nil unless asked for (`readHead`): only the greeting shows it.
    public var head: HeadState?
    /// One line each, without `warning:`/`error:` (a broken agents.json: the built-ins are used).
    public var problems: [String]
}

extension RuntimeContext {
    /// Opens the git repository around `directory` (it must be inside one), keeps `.baton/`
    /// out of git, loads the agents (the built-in ones when agents.json is broken, with a
    /// problem line saying so) and the session store; with `readHead`, where HEAD stands.
    /// The git work and the agents' discovery run side by side.
    public static func open(
        at directory: String, options: RuntimeOptions, sessionsDirectory: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment, readHead: Bool = true
    ) async throws -> OpenedRepository {
        let git = CommandLineGit(gitPath: LocalExecutor().which("git"))
        // `git status` from `directory` names paths from the top folder as well: it runs
        // while the top folder is looked up (two git processes side by side).
        let here = Workspace(root: directory, git: git)
        async let headState: HeadState? = readHead ? (try? await here.headState()) : nil
        let workspace: Workspace
        do {
            workspace = try await Workspace.open(at: directory, git: git)
        } catch {
            throw CommandError.failed(error)
        }
        let root = workspace.root
        async let excluded: Void = workspace.ensureBatonExcluded()
        var problems: [String] = []
        if let limit = FileDescriptorLimit.raise() { problems.append(limit) }
        let registry: AgentRegistry
        do {
            registry = try await AgentRegistry.load(repositoryRoot: root)
        } catch {
            problems.append(ErrorLine.text(of: error) + " — fix it; the built-in agents are used meanwhile")
            let statuses = await AgentAvailability.detect(BuiltinProfiles.all, cacheFile: root + "/" + AgentRegistry.cachePath)
            registry = AgentRegistry(profiles: BuiltinProfiles.all, statuses: statuses)
        }
        do {
            try await excluded
        } catch {
            throw CommandError.failed(error)
        }
        let read = await headState
        let head = readHead ? read ?? HeadState(branch: nil, commit: nil, dirtyFiles: [], hasCommits: false) : nil
        let store = SessionStore(
            directory: SessionStore.directory(repositoryRoot: root, override: sessionsDirectory, environment: environment))
        let context = RuntimeContext(
            repositoryRoot: root, workspace: workspace, store: store, registry: registry,
            prompts: PromptLibrary(repositoryRoot: root), options: options)
        return OpenedRepository(context: context, head: head, problems: problems)
    }
}
