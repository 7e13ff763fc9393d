import BatonAgents
import BatonCore
import BatonWorkspace
import Foundation

/// A plan as proposed: tasks (validated and routed), who proposed it, and what it cost.
public struct PlanProposal: Sendable {
    public var tasks: [PlanTask]
    public var planner: String
    public var costUSD: Double?
    public var seconds: Double
    /// Set when Baton had to fall back (said to the user in one line).
    public var note: String?
}

/// Turns a mission (and feedback) into a plan through the chosen planner: an agent CLI run
/// read-only, an OpenAI-compatible endpoint, or the built-in offline planner. Malformed
/// output gets one retry with the error fed back, then the offline planner.
public struct PlanningService: Sendable {
    public let context: RuntimeContext
    public let scratchDirectory: String

    public init(context: RuntimeContext, scratchDirectory: String) {
        self.context = context
        self.scratchDirectory = scratchDirectory
    }

    /// `--planner`, else BATON_PLANNER, else the first available of claude, codex, gemini,
    /// else `offline`.
    public func plannerName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = context.options.planner, !p.isEmpty { return p }
        if let p = environment["BATON_PLANNER"], !p.isEmpty { return p }
        for name in ["claude", "codex", "gemini"] where context.registry.isAvailable(name) { return name }
        return "offline"
    }

    public func propose(mission: String, feedback: String? = nil, current: Plan? = nil, decisions: String = "") async -> PlanProposal {
        let started = Date()
        let planner = plannerName()
        // What Baton knows about the repository at HEAD, focused on the mission's words.
        let map = try? await context.workspace.repositoryMap(mission: mission)
        if planner == "offline" {
            if let feedback, !feedback.isEmpty, let current, !current.isEmpty {
                return PlanProposal(
                    tasks: current.tasks, planner: "offline", costUSD: nil, seconds: 0,
                    note:
                        "the offline planner cannot revise a plan from feedback — change it with /edit /add /drop /dep, or use --planner claude"
                )
            }
            return await offline(mission, map: map, started: started, note: nil)
        }
        let summary = (try? await context.workspace.repositorySummary(maxBytes: map == nil ? 4000 : 1500)) ?? ""
        let repository = [map?.render(maxBytes: 3000), summary].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        let agents = context.registry.available.map { "- \($0.name): \($0.strengths.map(\.rawValue).joined(separator: ", "))" }.joined(
            separator: "\n")
        var values = [
            "mission": mission, "repository": repository,
            "decisions": decisions.isEmpty ? "(none yet)" : decisions,
            "agents": agents,
            "feedback": feedback ?? "(none)",
            "current_plan": current.map { PlanTextFormat.render($0) } ?? "(none yet)",
        ]
        var cost: Double = 0
        var lastError = ""
        for attempt in 1...2 {
            if attempt == 2 {
                values["feedback"] =
                    (feedback.map { $0 + "\n\n" } ?? "")
                    + "Your previous reply was not a valid plan: \(lastError). Reply with exactly one JSON object in the schema above, nothing else."
            }
            let prompt = context.prompts.render("planner", values)
            let reply = await OneShotAgent(context: context, scratchDirectory: scratchDirectory).ask(
                planner, prompt: prompt, tag: "planner-\(attempt)", schema: PlanJSON.schema)
            cost += reply.costUSD ?? 0
            guard let text = reply.text else {
                lastError = reply.error ?? "no reply"
                if reply.fatal { break }
                continue
            }
            do {
                let tasks = try PlanJSON.extractPlan(from: text)
                let errors = PlanValidator.validate(Plan(version: 0, tasks: tasks))
                if let first = errors.first {
                    lastError = "\(first)"
                    continue
                }
                // A scope through a symbolic link that leads out of the repository.
                if let (task, path) = tasks.lazy.flatMap({ t in (t.scope + t.avoid).map { (t.id, $0) } })
                    .first(where: { !context.workspace.resolvesInside($0.1) })
                {
                    lastError = "\(task) scope \(path) leads outside the repository (through a symbolic link)"
                    continue
                }
                let routed = Routing.route(tasks, registry: context.registry, keeping: current, scopeFiles: await scopeFiles(tasks))
                return PlanProposal(tasks: routed, planner: planner, costUSD: cost, seconds: Date().timeIntervalSince(started), note: nil)
            } catch {
                lastError = "\(error)"
            }
        }
        var proposal = await offline(
            mission, map: map, started: started,
            note:
                "planner \(planner) gave no usable plan (\(TerminalText.oneLine(lastError, limit: 120))) — used the offline planner instead"
        )
        proposal.costUSD = cost
        return proposal
    }

    /// How many tracked files the tasks' scopes hold (routing reads breadth from it).
    private func scopeFiles(_ tasks: [PlanTask]) async -> [String: Int] {
        (try? await context.workspace.scopeFileCounts(tasks.flatMap(\.scope))) ?? [:]
    }

    private func offline(_ mission: String, map: RepositoryMap?, started: Date, note: String?) async -> PlanProposal {
        let planned = OfflinePlanner.plan(mission: mission, knownPaths: map?.knownPaths ?? [], confirmed: map?.confirmedQualifiers ?? [:])
        let tasks = Routing.route(planned, registry: context.registry, keeping: nil, scopeFiles: await scopeFiles(planned))
        return PlanProposal(tasks: tasks, planner: "offline", costUSD: nil, seconds: Date().timeIntervalSince(started), note: note)
    }
}
