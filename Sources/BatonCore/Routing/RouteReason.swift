/// The one-line reasons the router gives (kept apart from scoring so wording is easy to tune).
extension Router {
    /// "deep refactor (migrate)", "well-scoped code (endpoint)", "docs task".
    static func describe(_ task: PlanTask, trait: TaskTrait?, reading: TraitReading) -> String {
        let kind = task.kind.rawValue
        guard let trait else { return "\(kind) task" }
        let evidence = reading.evidence[trait] ?? ""
        let head = "\(trait.adjective) \(kind)"
        return evidence.isEmpty || evidence == kind ? head : "\(head) (\(evidence))"
    }

    static func reasonLine(
        task: PlanTask, reading: TraitReading, chosen: AgentProfile, matched: [TaskTrait],
        preference: RoutePreference, busyNote: String?
    ) -> String {
        let matched = matched.first
        let kindFits = chosen.strengths.contains(task.kind)
        var line: String
        if let matched {
            line = "\(describe(task, trait: matched, reading: reading)) — \(chosen.name)'s strength"
        } else {
            let subject = describe(task, trait: scoredTraits(reading).first, reading: reading)
            if kindFits && reading.traits.isEmpty {
                line = "\(subject) — \(chosen.name)'s strength"
            } else if kindFits {
                line = "\(subject) — best available: \(chosen.name) does \(task.kind.rawValue)"
            } else {
                line = "\(subject) — best available: \(chosen.name)"
            }
        }
        switch preference {
        case .best: break
        case .cheap: line += "; cost \(chosen.costTier.rawValue)/3 (prefer cheap)"
        case .fast: line += "; speed \(chosen.speedTier.rawValue)/3 (prefer fast)"
        }
        if let busyNote { line += "; \(busyNote)" }
        return line
    }

    static func humanReason(task: PlanTask, reading: TraitReading) -> String {
        "\(describe(task, trait: scoredTraits(reading).first, reading: reading)) — no agent available; you do it in the worktree"
    }
}
