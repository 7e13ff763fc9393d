/// What to tell the user before an accepted command is carried out: agents chosen that are
/// not installed, and for `/go` where HEAD stands and what may collide. Pure, like `decide`;
/// call it only once `decide` accepted the command.
public func advise(_ command: Command, in state: SessionState, context: CommandContext) -> [CommandNote] {
    let agents = context.agents
    func missing(_ agent: String?) -> [CommandNote] {
        guard let agent, let profile = agents.profile(named: agent), !agents.isAvailable(profile.name) else { return [] }
        return [.agentNotInstalled(agent: agent, message: agents.notInstalledMessage(agent))]
    }
    switch command {
    case .add(_, _, _, let route): return missing(route)
    case .route(_, let agent, _): return missing(agent)
    case .retry(_, let agent): return missing(agent)
    case .go:
        var notes: [CommandNote] = []
        if let head = context.head {
            if head.branch == nil, let commit = head.commit { notes.append(.headDetached(commit: commit)) }
            if !head.dirtyFiles.isEmpty { notes.append(.uncommittedChanges(files: head.dirtyFiles)) }
        }
        notes += PlanGraph(state.plan).scopeOverlaps().map { .scopeOverlap(first: $0.0, second: $0.1, paths: $0.2) }
        for task in state.plan.tasks {
            if let route = task.route, route != AgentName.human, !agents.isAvailable(route) {
                notes.append(.routedToMissing(task: task.id, agent: route, alternative: agents.alternative(to: nil)))
            }
        }
        return notes
    default:
        return []
    }
}
