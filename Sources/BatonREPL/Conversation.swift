import BatonCore
import BatonRuntime
import BatonWorkspace
import Foundation
import LineEditor

/// The repository Baton runs in and what it knows about it at start.
public struct Repository: Sendable {
    public var context: RuntimeContext
    /// Read for the greeting only (nil otherwise: resuming, subcommands).
    public var head: HeadState?
}

/// The chat-style conversation: reads messages and slash commands, renders what happens,
/// and holds the open session.
@MainActor
public final class Conversation {
    let editor: LineEditor
    let style: Style
    let repo: Repository
    let completion = CompletionIndex()
    var controller: SessionController?
    var lastCommandFailed = false
    var quitting = false

    public init(editor: LineEditor, repository: Repository) {
        self.editor = editor
        self.repo = repository
        self.style = Style.detect(isTerminal: editor.isInteractive)
        let index = completion
        editor.setCompletion { index.complete($0) }
        completion.update {
            $0.agents = repository.context.registry.profiles.map(\.name)
            $0.sessions = repository.context.store.ids()
        }
    }

    var context: RuntimeContext { repo.context }
    var width: Int { Terminal.columns() }

    // MARK: output

    func say(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        editor.emit(lines.joined(separator: "\n"))
    }

    func say(_ line: String) { say([line]) }

    /// One `error:` line; the command counts as failed (exit status for scripts).
    func fail(_ message: String) {
        lastCommandFailed = true
        say(style.error(message))
    }

    /// Any error, worded once by ``ErrorLine``.
    func fail(_ error: any Error) { fail(ErrorLine.text(of: error)) }

    var prompt: String {
        // Open decisions, and answers waiting for the user to settle a contradiction.
        let open = controllerState.map { s in s.decisions.filter { $0.isOpen || $0.contradicts != nil }.count } ?? 0
        let label = open == 0 ? "baton ▸ " : "baton (\(open) decision\(open == 1 ? "" : "s")) ▸ "
        return label
    }

    /// The state of the open session (kept by the observer, readable without awaiting).
    var controllerState: SessionState?

    // MARK: the loop

    /// Reads until /quit or end of input; returns the exit status.
    public func run(greeting: [String]) async -> Int32 {
        say(greeting)
        while !quitting {
            switch await editor.readLine(prompt: prompt) {
            case .eof:
                await leave(interactive: false)
                quitting = true
            case .cancelled:
                continue
            case .line(let text):
                await handle(text)
            }
        }
        await controller?.saveSnapshot()
        editor.close()
        return lastCommandFailed ? 1 : 0
    }

    /// One message or command.
    func handle(_ raw: String) async {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        lastCommandFailed = false
        if text.hasPrefix("/") {
            switch CommandLineParser.parse(text) {
            case .error(let message): fail(message)
            case .command(let command):
                do { try await command.run(in: self) } catch { fail(error) }
            }
            return
        }
        do {
            if text.hasPrefix("@") { try await guide(text) } else { try await message(text) }
        } catch {
            fail(error)
        }
    }

    // MARK: sessions

    /// Opens (or switches to) a controller: replays, renders the transcript, reconciles.
    func attach(_ session: OpenSession, showTranscript: Bool) async {
        if let old = controller {
            await old.setObserver(nil)
            await old.saveSnapshot()
        }
        let controller = SessionController(context: context, session: session)
        self.controller = controller
        controllerState = await controller.state
        session.warnings.forEach { say(style.warning(String($0.dropFirst("warning: ".count)))) }
        if showTranscript { say(transcript(of: controller)) }
        let lineStyle = self.style
        let editor = self.editor
        let bell = editor.isInteractive
        let planner = controller.plannerName
        let digest = ActivityDigest()
        await controller.setObserver { [weak self] notice in
            // Measured for each update: a resized terminal (SIGWINCH) gets lines that fit it.
            let columns = Terminal.columns()
            let renderer = TranscriptRenderer(style: lineStyle, width: columns)
            switch notice {
            case .update(let update):
                var lines = digest.lines(for: update, rendered: renderer.lines(for: update), now: Date().timeIntervalSince1970)
                if bell { lines = LiveLines.fit(lines, width: columns) }
                if bell, update.state.policy.notify, !lines.isEmpty,
                    update.effects.contains(where: { if case .notifyDecision = $0 { true } else { false } })
                {
                    // Bell, and a desktop notification (OSC 9) where the terminal supports it.
                    lines[lines.count - 1] += "\u{07}\u{1B}]9;Baton: a decision is waiting\u{1B}\\"
                }
                if planner != "offline", update.effects.contains(where: { if case .proposePlan = $0 { true } else { false } }) {
                    lines.append(renderer.style.dim("asking the planner (\(planner))…"))
                }
                if !lines.isEmpty { editor.emit(lines.joined(separator: "\n")) }
                // The prompt counts open decisions: an agent's activity changes it only by
                // answering a stall question about its task, so other activity skips the hop.
                if case .taskActivity(let task, _) = update.record.event,
                    !update.state.decisions.contains(where: { $0.kind == .stall && $0.task == task })
                {
                    return
                }
                let state = update.state
                Task { @MainActor in self?.stateChanged(state) }
            case .problem(let line):
                editor.emit(renderer.style.error(line))
            case .note(let note):
                editor.emit(note.isWarning ? renderer.style.warning(note.text) : note.text)
            }
        }
        let found = await controller.reconcile()
        say(found)
        stateChanged(await controller.state)
    }

    func stateChanged(_ state: SessionState) {
        let before = prompt
        controllerState = state
        if prompt != before { editor.updatePrompt(prompt) }
        completion.update {
            $0.tasks = state.runIDs
            $0.decisions = state.openDecisions.map(\.id)
        }
    }

    /// Re-rendered lines of a session so far (on resume): its recent part; /status,
    /// /decisions and /log hold the rest.
    func transcript(of controller: SessionController) -> [String] {
        var (start, state) = controller.transcriptBase
        var renderer = TranscriptRenderer(style: style, width: width)
        renderer.replaying = true
        var lines: [String] = []
        for record in controller.records[start...] {
            // Most records of a long session draw nothing here: reduced without the copy
            // of the state an update carries.
            if renderer.showsNothing(for: record.event) {
                _ = reduce(into: &state, record.event, at: record.at)
                continue
            }
            let previous = state
            let effects = reduce(into: &state, record.event, at: record.at)
            lines += renderer.lines(for: SessionUpdate(record: record, previous: previous, state: state, effects: effects))
        }
        if editor.isInteractive { lines = LiveLines.fit(lines, width: width) }
        let keep = 400
        let earlier = lines.count > keep || start > 0
        return [style.dim("— session \(controller.id), as it was —")]
            + (earlier ? [style.dim("… earlier lines left out")] : [])
            + lines.suffix(keep) + [style.dim("— now —")]
    }

    /// The open session, creating one for a first message.
    func sessionForMessage() async throws -> SessionController {
        if let controller { return controller }
        let session = try context.store.create(repository: context.repositoryRoot, now: Date().timeIntervalSince1970)
        completion.update { $0.sessions.append(session.id) }
        await attach(session, showTranscript: false)
        if let budget = context.options.budgetUSD { try await controller!.perform(.budget(usd: budget)) }
        return controller!
    }

    func requireSession() throws -> SessionController {
        guard let controller else { throw CommandError(.noSession, "no session yet — type a mission first") }
        return controller
    }

    func state() async throws -> SessionState { await (try requireSession()).state }
}

/// The terminal's width (80 when unknown).
enum Terminal {
    static func columns() -> Int {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        // getenv, not ProcessInfo's environment: that builds a dictionary of it all (per line drawn).
        if let value = getenv("COLUMNS"), let c = Int(String(cString: value)), c > 0 { return c }
        return 100
    }
}
