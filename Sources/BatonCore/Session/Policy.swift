/// How Baton acts at checkpoints (`/policy`).
public struct Policy: Codable, Equatable, Sendable {
    /// first-change and core-drafted continue the agent without asking.
    public var autoContinue = true
    /// Merge clean, done tasks without asking.
    public var autoMerge = false
    /// Unstructured checkpoints continue up to this many turns in a row, then ask.
    public var unstructuredTurnLimit = 3
    /// Ring the bell and send an OSC 9 notification for a decision (terminal only).
    public var notify = true
    /// Turns a task may take before Baton asks whether to go on.
    public var maxTurns = 12
    /// Check runs at once (nil: the session's default, half the cores).
    public var checkSlots: Int?
    /// Rework rounds after red checks before Baton asks.
    public var reworkRounds = 2
    /// `auto` (a reviewer of another vendor when two or more agents are installed), `on`,
    /// `off`, or the name of the agent that reviews.
    public var review = "auto"
    /// A question an answered decision already settles is answered from it, not asked again.
    public var reuseAnswers = true
    /// A race picks its one green (and approved) contestant without asking.
    public var raceAuto = false
    /// `auto` (an installed agent that is not a contestant), `off`, or the agent that judges races.
    public var judge = "auto"

    public init() {}

    /// Names accepted by `/policy NAME VALUE`, with what each does.
    public static let settings: [(name: String, values: String, help: String)] = [
        ("checkpoints", "auto|ask", "first-change and core-drafted continue the agent (auto) or ask you"),
        ("merge", "auto|manual", "merge clean, done tasks without asking"),
        ("unstructured", "N", "turns without a checkpoint block before Baton asks"),
        ("notify", "on|off", "bell and desktop notification for decisions"),
        ("max-turns", "N", "turns a task may take before Baton asks"),
        ("checks", "N", "check runs at once (default: half the cores)"),
        ("rework", "N", "rework rounds after red checks before Baton asks"),
        ("review", "on|off|auto|AGENT", "a read-only agent of another vendor reviews green work"),
        ("reuse-answers", "on|off", "answer a question already settled in DECISIONS.md from it instead of asking again"),
        ("race", "auto|manual", "a race picks its only green, approved contestant without asking"),
        ("judge", "auto|off|AGENT", "a read-only agent that is not a contestant compares a race's finished work"),
    ]

    /// Applies one setting; returns an error line when the name or value is wrong.
    public mutating func set(_ name: String, _ value: String) -> String? {
        switch (name, value) {
        case ("checkpoints", "auto"): autoContinue = true
        case ("checkpoints", "ask"): autoContinue = false
        case ("merge", "auto"): autoMerge = true
        case ("merge", "manual"): autoMerge = false
        case ("notify", "on"): notify = true
        case ("notify", "off"): notify = false
        case ("reuse-answers", "on"): reuseAnswers = true
        case ("reuse-answers", "off"): reuseAnswers = false
        case ("race", "auto"): raceAuto = true
        case ("race", "manual"): raceAuto = false
        case ("judge", _):
            guard AgentsConfig.isValidName(value) else { return "judge takes auto, off or an agent's name, e.g. /policy judge gemini" }
            judge = value
        case ("unstructured", _):
            guard let n = Int(value), n >= 0 else { return "unstructured takes a number of turns, e.g. /policy unstructured 3" }
            unstructuredTurnLimit = n
        case ("max-turns", _):
            guard let n = Int(value), n >= 1 else { return "max-turns takes a number ≥ 1, e.g. /policy max-turns 12" }
            maxTurns = n
        case ("checks", _):
            guard let n = Int(value), n >= 1 else { return "checks takes a number ≥ 1, e.g. /policy checks 2" }
            checkSlots = n
        case ("review", _):
            guard AgentsConfig.isValidName(value) else { return "review takes on, off, auto or an agent's name, e.g. /policy review codex" }
            review = value
        case ("rework", _):
            guard let n = Int(value), n >= 0 else { return "rework takes a number of rounds, e.g. /policy rework 2" }
            reworkRounds = n
        default:
            if let s = Policy.settings.first(where: { $0.name == name }) {
                return "\(name) takes \(s.values), e.g. /policy \(name) \(s.values.split(separator: "|").first ?? "")"
            }
            return "unknown policy \(name) — policies are " + Policy.settings.map(\.name).joined(separator: " ")
        }
        return nil
    }

    /// `checkpoints auto · merge manual · …` for /policy.
    public var lines: [String] {
        [
            "checkpoints   \(autoContinue ? "auto" : "ask")",
            "merge         \(autoMerge ? "auto" : "manual")",
            "unstructured  \(unstructuredTurnLimit)",
            "notify        \(notify ? "on" : "off")",
            "max-turns     \(maxTurns)",
            "checks        \(checkSlots.map(String.init) ?? "default")",
            "rework        \(reworkRounds)",
            "review        \(review)",
            "reuse-answers \(reuseAnswers ? "on" : "off")",
            "race          \(raceAuto ? "auto" : "manual")",
            "judge         \(judge)",
        ]
    }
}
