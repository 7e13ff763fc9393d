import ArgumentParser
import BatonAgents
import BatonCore
import BatonRuntime
import BatonWorkspace
import Foundation
import LineEditor

/// Finds the repository, loads agents, opens the editor, and starts the conversation.
enum Launcher {
    /// Prints one `error:` line to stderr and returns the exit code to throw.
    static func fail(_ error: Any) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        return ExitCode(1)
    }

    static func check<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw fail(error) }
    }

    static func repository(_ options: CommonOptions) async throws -> Repository {
        let environment = ProcessInfo.processInfo.environment
        let cwd = FileManager.default.currentDirectoryPath
        let workspace: Workspace
        do {
            workspace = try await Workspace.open(at: cwd, git: SubprocessGit(gitPath: LocalExecutor().which("git")))
            try await workspace.ensureBatonExcluded()
        } catch { throw fail(error) }
        let root = workspace.root
        let head = (try? await workspace.headState()) ?? HeadState(branch: nil, commit: nil, dirtyFiles: [], hasCommits: false)
        let registry: AgentRegistry
        do {
            registry = try await AgentRegistry.load(repositoryRoot: root)
        } catch {
            FileHandle.standardError.write(Data("error: \(error) — fix it; the built-in agents are used meanwhile\n".utf8))
            let statuses = await AgentAvailability.detect(BuiltinProfiles.all, cacheFile: root + "/" + AgentRegistry.cachePath)
            registry = AgentRegistry(profiles: BuiltinProfiles.all, statuses: statuses)
        }
        let runtime = RuntimeOptions(stallAfter: try options.stallSeconds(), planner: options.planner, budgetUSD: options.budgetUsd)
        let store = SessionStore(directory: SessionStore.directory(repositoryRoot: root, override: options.sessionsDir, environment: environment))
        return Repository(
            context: RuntimeContext(repositoryRoot: root, workspace: workspace, store: store, registry: registry,
                                    prompts: PromptLibrary(repositoryRoot: root), options: runtime),
            head: head)
    }

    static func converse(_ repo: Repository, resume: String?) async -> Int32 {
        let history = repo.context.repositoryRoot + "/.baton/history"
        let editor = LineEditor(historyFile: history)
        let conversation = await Conversation(editor: editor, repository: repo)
        guard let resume else {
            return await conversation.run(greeting: await greeting(repo, style: Style.detect(isTerminal: editor.isInteractive)))
        }
        // No greeting when resuming: it would replay the newest session (often this one) only
        // to say it is unfinished.
        do {
            let session = try repo.context.store.open(resume)
            await conversation.attach(session, showTranscript: true)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 1
        }
        return await conversation.run(greeting: [])
    }

    static func greeting(_ repo: Repository, style: Style) async -> [String] {
        let ctx = repo.context
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "~"
        let path = ctx.repositoryRoot.hasPrefix(home + "/") ? "~" + ctx.repositoryRoot.dropFirst(home.count) : ctx.repositoryRoot
        let branch = repo.head.branch ?? "detached"
        let tree = repo.head.dirtyFiles.isEmpty ? "clean" : "\(repo.head.dirtyFiles.count) changed"
        let agents = ["claude", "codex", "gemini"].map { "\($0) \(ctx.registry.isAvailable($0) ? style.ok("✓") : style.bad("✗"))" }.joined(separator: " ")
        let planner = PlanningService(context: ctx, scratchDirectory: "").plannerName()
        var lines = ["baton \(BatonCommand.version) · repo \(path) (\(branch), \(tree)) · agents: \(agents) · planner: \(planner)"]
        if let latest = ctx.store.latest(), latest.state.isUnfinished {
            let mission = TerminalText.oneLine(latest.state.mission ?? "", limit: 50)
            lines.append("session \(latest.id) is unfinished (\(latest.state.summaryState): \(mission)) — /resume \(latest.id) to go on, or type a new mission")
        }
        lines.append("Type a mission, or /help.")
        return lines
    }
}
