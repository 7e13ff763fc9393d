import BatonCore
import BatonRuntime
import Foundation

extension Conversation {
    /// `/checks`: the checks and where each came from (the session's, once it runs);
    /// `/checks T`: run a task's checks now.
    func checks(_ raw: String?) async throws {
        if let raw {
            try await perform(.runChecks(task: raw))
            return
        }
        let state = try? await self.state()
        let found: RepositoryChecks
        if let state, state.phase != .planning, state.phase != .empty {
            found = RepositoryChecks(checks: state.checks, configured: false)
        } else {
            found = try await SessionController.repositoryChecks(context: context)
        }
        guard !found.checks.isEmpty else {
            say(
                found.configured
                    ? "checks are off (\"checks\": [] in .baton/agents.json)"
                    : "no checks found — add \"checks\" to .baton/agents.json, e.g. [{\"name\": \"unit\", \"run\": [\"make\", \"test\"]}]")
            return
        }
        var rows = found.checks.map { c in [c.name, c.display, "from " + c.source, "timeout " + Elapsed.format(seconds: c.timeoutSeconds)] }
        rows.insert(["check", "command", "source", ""], at: 0)
        var lines = TextTable(rows: rows, flexibleColumn: 1).render(width: width)
        if let state, state.phase == .running {
            lines.append("  \(state.checkSlots) at once (/policy checks N) · \(state.policy.reworkRounds) rework rounds (/policy rework N)")
        }
        say(lines)
    }
}
