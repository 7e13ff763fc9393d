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
    static func fail(_ error: any Error) -> ExitCode {
        FileHandle.standardError.write(Data((ErrorLine.render(error) + "\n").utf8))
        return ExitCode(1)
    }

    /// A refusal worded here (before any session exists).
    static func fail(_ message: String) -> ExitCode { fail(CommandError(message)) }

    static func check<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw fail(error) }
    }

    /// The repository Baton runs in; `readHead` for the greeting (branch, changed files).
    static func repository(_ options: LaunchOptions, readHead: Bool = false) async throws -> Repository {
        var runtime = RuntimeOptions(
            stallAfter: options.stallAfter, planner: options.planner, budgetUSD: options.budgetUSD,
            mcpExecutable: MCPExecutable.path())
        if runtime.mcpExecutable == nil {
            runtime.mcpMissing = MCPExecutable.missing(then: "agents run without Baton's MCP tools (ask_human, decisions)")
        }
        if let every = ProcessInfo.processInfo.environment["BATON_SNAPSHOT_EVERY"].flatMap(Int.init), every > 0 {
            runtime.snapshotInterval = every
        }
        let opened: OpenedRepository
        do {
            opened = try await RuntimeContext.open(
                at: FileManager.default.currentDirectoryPath, options: runtime, sessionsDirectory: options.sessionsDir,
                readHead: readHead)
        } catch { throw fail(error) }
        for problem in opened.problems {
            FileHandle.standardError.write(Data((ErrorLine.render(CommandError(.failed, problem)) + "\n").utf8))
        }
        return Repository(context: opened.context, head: opened.head)
    }

    /// This `baton` binary's absolute path (its real one): `baton-mcp` is beside it.
    static func executablePath() -> String? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return Bundle.main.executablePath
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
            FileHandle.standardError.write(Data((ErrorLine.render(error) + "\n").utf8))
            return 1
        }
        return await conversation.run(greeting: [])
    }

    static func greeting(_ repo: Repository, style: Style) async -> [String] {
        let ctx = repo.context
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "~"
        let path = ctx.repositoryRoot.hasPrefix(home + "/") ? "~" + ctx.repositoryRoot.dropFirst(home.count) : ctx.repositoryRoot
        var head = repo.head
        if head == nil { head = try? await ctx.workspace.headState() }
        let branch = head?.branch ?? "detached"
        let tree = (head?.dirtyFiles ?? []).isEmpty ? "clean" : "\(head?.dirtyFiles.count ?? 0) changed"
        let agents = ["claude", "codex", "gemini"].map { "\($0) \(ctx.registry.isAvailable($0) ? style.ok("✓") : style.bad("✗"))" }.joined(
            separator: " ")
        let planner = PlanningService(context: ctx, scratchDirectory: "").plannerName()
        // Fitted on a terminal; scripts get whole lines.
        let width = isatty(1) == 1 ? Terminal.columns() : Int.max
        let repoPart = "baton \(BatonCommand.version) · repo \(path) (\(branch), \(tree))"
        let agentsPart = "agents: \(agents) · planner: \(planner)"
        // One line when it fits the terminal, else two (each cut to the width).
        var lines =
            TextWrap.visibleWidth(repoPart + " · " + agentsPart) <= width
            ? [repoPart + " · " + agentsPart] : [TextWrap.cut(repoPart, to: width), TextWrap.cut(agentsPart, to: width)]
        if let latest = ctx.store.latest(), latest.state.isUnfinished {
            let mission = TerminalText.oneLine(latest.state.mission ?? "", limit: 50)
            lines += TextWrap.wrap(
                "session \(latest.id) is unfinished (\(latest.state.summaryState): \(mission)) — /resume \(latest.id) to go on, or type a new mission",
                width: width, indent: 2)
        }
        lines.append("Type a mission, or /help.")
        return lines
    }
}
