/// What `TraitReader` found in a task: its traits and, for each, the word that showed it.
public struct TraitReading: Sendable, Equatable {
    public var traits: Set<TaskTrait>
    /// The cue that revealed each trait ("refactor", "across", "5 paths").
    public var evidence: [TaskTrait: String]

    public init(traits: Set<TaskTrait> = [], evidence: [TaskTrait: String] = [:]) {
        self.traits = traits
        self.evidence = evidence
    }

    /// Traits in a stable order (the `TaskTrait` declaration order).
    public var ordered: [TaskTrait] { traits.sorted() }
}

/// Reads a task's traits from the words of its title and detail and the size of its scope.
/// Pure and deterministic.
public enum TraitReader {
    /// A task whose scope lists at least this many paths is broad.
    public static let broadScopeCount = 3
    /// A task whose scope holds at least this many tracked files (by the repository map) is
    /// broad.
    public static let broadScopeFiles = 100

    /// The traits of `task`.
    public static func traits(of task: PlanTask) -> Set<TaskTrait> { read(task).traits }

    /// The traits of `task` with the cue that showed each one. `scopeFiles` tells how many
    /// tracked files a scope path covers, when the repository map knows.
    public static func read(_ task: PlanTask, scopeFiles: (String) -> Int? = { _ in nil }) -> TraitReading {
        let text = normalized(task.title + " " + task.detail)
        var reading = TraitReading()
        for trait in TaskTrait.allCases {
            for cue in cues[trait] ?? [] {
                if let found = match(cue, in: text) {
                    reading.traits.insert(trait)
                    reading.evidence[trait] = found
                    break
                }
            }
        }
        if !reading.traits.contains(.breadth), task.scope.count >= broadScopeCount {
            reading.traits.insert(.breadth)
            reading.evidence[.breadth] = "\(task.scope.count) paths"
        }
        if !reading.traits.contains(.breadth) {
            let sized = task.scope.compactMap { path in scopeFiles(path).map { (path, $0) } }
            let total = sized.reduce(0) { $0 + $1.1 }
            if total >= broadScopeFiles, let largest = sized.max(by: { $0.1 < $1.1 }) {
                reading.traits.insert(.breadth)
                reading.evidence[.breadth] = sized.count == 1 ? "\(largest.0) holds \(total) files" : "\(total) files in scope"
            }
        }
        return reading
    }

    /// Cue lists per trait. A cue is a word or phrase matched on word boundaries; a trailing
    /// `*` matches any ending of its last word ("refactor*" matches "refactoring").
    public static let cues: [TaskTrait: [String]] = [
        .breadth: [
            "across", "throughout", "codebase wide", "repo wide", "project wide", "cross cutting",
            "entire codebase", "whole codebase", "entire repo*", "whole repo*", "entire project",
            "whole project", "every module", "all modules", "all packages", "all services",
            "all targets", "every file", "all files", "monorepo", "multi file", "many files",
            "several modules",
        ],
        .depth: [
            "refactor*", "architect*", "redesign*", "design*", "migrate*", "migrating",
            "debug*", "concurren*", "thread safe*", "thread safety", "race condition*",
            "data race*", "deadlock*", "secur*", "vulnerab*", "root cause", "diagnos*", "flaky",
            "intermittent*", "memory leak*", "leak*", "performance", "optimi*", "bottleneck*",
            "restructur*", "rework*", "overhaul*", "decoupl*", "untangl*", "state machine",
            "invariant*", "consistency", "encrypt*", "crypto*", "algorithm*",
        ],
        .wellScoped: [
            "boilerplate", "crud", "rename*", "tests for", "test for", "unit tests", "unit test",
            "implement spec", "per spec", "per the spec", "the spec", "as specified",
            "specification", "endpoint*", "scaffold*", "stub*", "getter*", "setter*", "dto*",
            "add field", "add a field", "new field", "add column", "add a column", "new column",
            "serializer*", "defined interface", "cli flag", "add a flag",
            "add flag", "add an option", "add option",
        ],
        .smallEdit: [
            "typo*", "bump*", "one line", "one liner", "tweak*", "minor", "small fix",
            "quick fix", "small change", "wording", "lint*", "formatting", "reformat*",
            "constant", "default value", "log message", "copyright", "version number",
            "changelog entry",
        ],
        .largeContext: [
            "summari*", "survey*", "read through", "audit*", "inventory", "catalog*",
            "overview", "call sites", "all usages", "every usage", "find all", "list all",
            "logs", "log files", "transcript*", "compare*", "landscape",
        ],
    ]

    /// Lowercased words separated by single spaces, padded with a space on both sides.
    static func normalized(_ text: String) -> String {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        return " " + words.joined(separator: " ") + " "
    }

    /// The text matched by `cue` in `text` (the whole last word for stems), or nil.
    static func match(_ cue: String, in text: String) -> String? {
        let isStem = cue.hasSuffix("*")
        let body = isStem ? String(cue.dropLast()) : cue
        let needle = " " + body + (isStem ? "" : " ")
        guard let range = text.range(of: needle) else { return nil }
        guard isStem else { return body }
        let wordEnd = text[range.upperBound...].firstIndex(of: " ") ?? text.endIndex
        return String(text[text.index(after: range.lowerBound)..<wordEnd])
    }
}
