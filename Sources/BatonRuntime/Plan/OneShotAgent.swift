import BatonAgents
import BatonCore
import Foundation

/// Asks an agent CLI (read-only) or an OpenAI-compatible endpoint for one text answer:
/// the planner and the PR writer.
struct OneShotAgent: Sendable {
    let context: RuntimeContext
    let scratchDirectory: String

    struct Reply {
        var text: String?
        var costUSD: Double?
        var error: String?
        /// Not worth a retry (the planner is missing or broken).
        var fatal = false
    }

    /// `schema`: the JSON Schema the answer must follow, for CLIs that validate it (claude).
    /// `directory`: where the agent runs (the repository root unless given: a reviewer reads the task's worktree).
    func ask(_ planner: String, prompt: String, tag: String, schema: String? = nil, in directory: String? = nil) async -> Reply {
        if planner.hasPrefix("http://") || planner.hasPrefix("https://") {
            let parts = planner.split(separator: "#", maxSplits: 1).map(String.init)
            let model = parts.count > 1 ? parts[1] : (ProcessInfo.processInfo.environment["BATON_PLANNER_MODEL"] ?? "llama3.1")
            let client = HTTPPlanner(baseURL: parts[0], model: model, apiKey: ProcessInfo.processInfo.environment["BATON_PLANNER_API_KEY"])
            do {
                let answer = try await client.complete(system: nil, prompt: prompt)
                return Reply(text: answer.text)
            } catch {
                return Reply(error: "\(error)", fatal: true)
            }
        }
        guard
            let argv = PlannerCommand.argv(
                agent: planner, prompt: prompt, model: context.registry.profile(named: planner)?.model, schema: schema)
        else {
            return Reply(error: "unknown planner \(planner) — planners are claude, codex, gemini, offline, or an http:// URL", fatal: true)
        }
        guard context.executor.which(argv[0]) != nil else {
            return Reply(error: "\(planner) is not installed", fatal: true)
        }
        let stem = RunFiles.scratch(tag, in: scratchDirectory)
        do {
            try FileManager.default.createDirectory(
                atPath: scratchDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let process = try context.executor.spawn(
                argv, in: directory ?? context.repositoryRoot, stdout: stem + ".out", stderr: stem + ".err")
            let code = await context.executor.waitForExit(process)
            let stdout = (try? String(contentsOfFile: stem + ".out", encoding: .utf8)) ?? ""
            let reply = PlannerCommand.extract(agent: planner, stdout: stdout, exitCode: code)
            if reply.text == nil && reply.error == nil {
                return Reply(costUSD: reply.costUSD, error: "exit \(code): " + TurnMonitor.tail(of: stem + ".err", lines: 2))
            }
            return Reply(text: reply.text, costUSD: reply.costUSD, error: reply.error)
        } catch {
            return Reply(error: "\(error)", fatal: true)
        }
    }
}
