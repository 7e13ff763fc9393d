import BatonCore
import BatonRuntime
import Foundation

extension Conversation {
    func showSessions() async {
        say(SessionTable.lines(context.store.summaries(), current: controller?.id, style: style, width: width))
    }

    func resume(_ raw: String) async throws {
        let id = try context.store.resolve(raw)
        guard id != controller?.id else { throw CommandError("\(id) is the session you are in") }
        let session = try context.store.open(id)
        await attach(session, showTranscript: true)
    }

    func newSession() async throws {
        if let controller, !(await controller.liveTasks()).isEmpty {
            say("the runs of \(controller.id) keep going — baton resume \(controller.id) follows them again")
        }
        if let old = controller {
            await old.setObserver(nil)
            await old.saveSnapshot()
        }
        controller = nil
        controllerState = nil
        stateChanged(SessionState(id: ""))
        say("new session · type a mission")
    }

    func help(_ name: String?) async throws {
        guard let name else {
            var lines: [String] = []
            for phase in CommandPhase.allCases {
                lines.append(style.bold(phase.rawValue))
                let rows = CommandRegistry.all.filter { $0.phase == phase }.map { ["/" + $0.name, $0.summary] }
                lines += TextTable(rows: rows, flexibleColumn: 1).render(width: width)
            }
            lines.append("plain text: the mission, or feedback to the planner · @T2 TEXT: guidance for a task · /help CMD: usage")
            say(lines)
            return
        }
        let bare = name.hasPrefix("/") ? String(name.dropFirst()) : name
        guard let command = CommandRegistry.command(named: bare) else { throw CommandError(CommandLineParser.unknown(bare)) }
        say(["/\(command.name) — \(command.summary)", "usage: \(command.usage)", "example: \(command.example)"])
    }

    func quit() async throws {
        await leave(interactive: editor.isInteractive)
        quitting = true
    }

    /// Leaving with runs in progress: ask (terminal) whether to wait, stop them, or leave them
    /// running for `baton resume` to follow again; scripts leave them running.
    func leave(interactive: Bool) async {
        guard let controller else { return }
        let live = await controller.liveTasks()
        guard !live.isEmpty else { return }
        let names = live.joined(separator: " ")
        let acp = await controller.liveAcpTasks()
        guard interactive else {
            let detached = live.filter { !acp.contains($0) }
            if !detached.isEmpty {
                say("\(detached.joined(separator: " ")) still running — baton resume \(controller.id) follows them again")
            }
            if !acp.isEmpty {
                say(
                    "\(acp.joined(separator: " ")) (ACP) end with Baton — after baton resume \(controller.id), /retry continues them (session/load)"
                )
            }
            return
        }
        if !acp.isEmpty {
            say("\(acp.joined(separator: " ")) (ACP) end with Baton if you leave — /retry continues them after baton resume")
        }
        while true {
            let answer = await editor.readLine(prompt: "\(names) still running — [w]ait, [s]top them, or [l]eave them running? ")
            switch answer {
            case .line(let a) where a.lowercased().hasPrefix("w"):
                if await waitUntilQuiet(controller) { return }
            case .line(let a) where a.lowercased().hasPrefix("s"):
                for task in live { _ = try? await controller.perform(.pause(task: task)) }
                await controller.stopAll()
                say("stopped \(names) · /continue them after baton resume \(controller.id)")
                return
            case .eof:
                say("left running · baton resume \(controller.id) follows them again")
                return
            case .line(let a) where a.lowercased().hasPrefix("l"):
                say("left running · baton resume \(controller.id) follows them again")
                return
            default:
                continue
            }
        }
    }
}

/// The `/sessions` and `baton sessions` table.
enum SessionTable {
    static func lines(_ sessions: [SessionSummary], current: String?, style: Style, width: Int) -> [String] {
        guard !sessions.isEmpty else { return ["no sessions in this repository yet — type a mission to start one"] }
        let now = Date().timeIntervalSince1970
        var rows = [["id", "age", "mission", "state", "tasks", "cost"]]
        for s in sessions {
            let mission = s.state.mission.map { TerminalText.oneLine(String($0.split(separator: "\n").first ?? ""), limit: 60) } ?? "—"
            let tasks = s.state.plan.isEmpty ? "—" : "\(s.state.doneCount)/\(s.state.plan.tasks.count)"
            rows.append([
                (s.id == current ? "*" : "") + s.id, Elapsed.format(seconds: now - s.created), mission,
                s.damaged ? "damaged" : s.state.summaryState, tasks, Money.format(s.state.totalCostUSD),
            ])
        }
        return TextTable(rows: rows, flexibleColumn: 2).render(width: width)
    }
}
