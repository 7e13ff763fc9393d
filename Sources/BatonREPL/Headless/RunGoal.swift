import ArgumentParser

/// Where `baton run --until` stops.
enum RunGoal: String, CaseIterable, ExpressibleByArgument {
    /// Every task that can run has run: each is in review (its done checkpoint), or waits
    /// for a task in review to be merged. Nothing is merged.
    case done
    /// Tasks are merged as they reach review (dependencies first) until all are merged.
    case merged
    /// As `merged`, then the PR description is written (PR.md), as /finish does.
    case finished

    var merges: Bool { self != .done }

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
