/// Chooses an agent for a task by strength: pure, deterministic scoring of the available
/// profiles from the task's kind and traits, the user's preference and current load.
///
/// Score = 2 if the task's kind is among the agent's strengths
///       + 3 for each task trait the agent has
///       + preference term: best +0.5×cost (pricier models are the stronger ones, a tie
///         breaker only) · cheap −2×cost · fast +1.5×speed
///       − 8 when the agent already runs `maxParallel` tasks.
/// Breadth does not count for mechanical tasks (see `scoredTraits`).
/// Ties keep the order of `available`. `human` is chosen only when no other agent is
/// available.
public enum Router {
    static let kindWeight = 2.0
    static let traitWeight = 3.0
    static let busyPenalty = 8.0

    /// Routes `task` to one of `available` (the profiles whose agents are installed).
    /// `scopeFiles` sizes scope paths from the repository map (see ``TraitReader``).
    public static func route(
        task: PlanTask, available: [AgentProfile], preference: RoutePreference = .best,
        load: [String: Int] = [:], scopeFiles: (String) -> Int? = { _ in nil }
    ) -> RouteChoice {
        let reading = TraitReader.read(task, scopeFiles: scopeFiles)
        let agents = available.filter { !$0.isHuman }
        let scored = agents.enumerated().map { index, profile in
            (
                index, profile,
                score(
                    profile, task: task, reading: reading,
                    preference: preference, load: load)
            )
        }
        let ordered = scored.sorted { a, b in
            a.2.total != b.2.total ? a.2.total > b.2.total : a.0 < b.0
        }
        var ranking = ordered.map {
            RouteCandidate(agent: $0.1.name, score: $0.2.total, why: $0.2.terms.joined(separator: " · "))
        }
        let human = available.first(where: \.isHuman) ?? BuiltinProfiles.human
        ranking.append(RouteCandidate(agent: human.name, score: 0, why: "last resort"))

        guard let top = ordered.first else {
            return RouteChoice(
                agent: human.name, reason: humanReason(task: task, reading: reading),
                runnerUp: nil, ranking: ranking
            )
        }
        // The agent that would have won without the load penalty, when it is busy.
        let unloaded = scored.sorted { a, b in
            a.2.fit != b.2.fit ? a.2.fit > b.2.fit : a.0 < b.0
        }.first
        var busyNote: String?
        if let u = unloaded, u.1.name != top.1.name, u.2.busy {
            busyNote = "\(u.1.name) is busy (\(load[u.1.name] ?? 0)/\(u.1.maxParallel) runs)"
        }
        let reason = reasonLine(
            task: task, reading: reading, chosen: top.1, matched: top.2.matched,
            preference: preference, busyNote: busyNote
        )
        let runnerUp = ordered.count > 1 ? ordered[1].1.name : human.name
        return RouteChoice(agent: top.1.name, reason: reason, runnerUp: runnerUp, ranking: ranking)
    }

    struct Score {
        /// Everything but the load penalty.
        var fit: Double
        var total: Double
        var busy: Bool
        /// The task traits this agent is strong at.
        var matched: [TaskTrait]
        var terms: [String]
    }

    /// The traits that count for scoring. Breadth of a mechanical task (well-scoped or a
    /// small edit, with no depth: a rename across the app) needs no deep multi-file
    /// reasoning, so it does not count.
    static func scoredTraits(_ reading: TraitReading) -> [TaskTrait] {
        let t = reading.traits
        let mechanical = !t.contains(.depth) && (t.contains(.wellScoped) || t.contains(.smallEdit))
        return reading.ordered.filter { !(mechanical && $0 == .breadth) }
    }

    static func score(
        _ profile: AgentProfile, task: PlanTask, reading: TraitReading,
        preference: RoutePreference, load: [String: Int]
    ) -> Score {
        var fit = 0.0
        var terms: [String] = []
        if profile.strengths.contains(task.kind) {
            fit += kindWeight
            terms.append("\(task.kind.rawValue) +\(format(kindWeight))")
        }
        var matched: [TaskTrait] = []
        for trait in scoredTraits(reading) where profile.traits.contains(trait) {
            matched.append(trait)
            fit += traitWeight
            terms.append("\(trait.rawValue) +\(format(traitWeight))")
        }
        let cost = Double(profile.costTier.rawValue)
        let speed = Double(profile.speedTier.rawValue)
        let term: Double =
            switch preference {
            case .best: 0.5 * cost
            case .cheap: -2 * cost
            case .fast: 1.5 * speed
            }
        fit += term
        let label = preference == .fast ? "speed \(profile.speedTier.rawValue)" : "cost \(profile.costTier.rawValue)"
        terms.append("\(label) \(term < 0 ? "−" : "+")\(format(abs(term)))")
        let running = load[profile.name] ?? 0
        let busy = running >= profile.maxParallel
        if busy { terms.append("busy −\(format(busyPenalty))") }
        return Score(fit: fit, total: fit - (busy ? busyPenalty : 0), busy: busy, matched: matched, terms: terms)
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
