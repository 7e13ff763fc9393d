import BatonCore

/// How `baton run` ends: what it prints last and its exit status (0, 3 or 1).
enum RunOutcome: Equatable {
    /// The plan was printed and nothing started (no `--approve`): exit 0.
    case planned(session: String)
    /// The `--until` goal was reached: exit 0.
    case reached(RunGoal, session: String, summary: String)
    /// Decisions wait that `--answers` does not answer: exit 3.
    case waiting(session: String, decisions: [Decision])
    /// Planning, git or a task failed, or the run cannot go on: exit 1.
    case failed(String)

    static let waitingExitCode: Int32 = 3

    var exitCode: Int32 {
        switch self {
        case .planned, .reached: return 0
        case .waiting: return Self.waitingExitCode
        case .failed: return 1
        }
    }

    /// The closing lines (without colour).
    var lines: [String] {
        switch self {
        case .planned(let session):
            return ["planned only · session \(session) · run it with --approve, or baton resume \(session) to edit the plan and /go"]
        case .reached(let goal, let session, let summary):
            return ["\(goal.rawValue) · session \(session) · \(summary)"]
        case .waiting(let session, let decisions):
            let count = decisions.count == 1 ? "1 decision waits" : "\(decisions.count) decisions wait"
            return ["\(count) · session \(session) · answer in baton resume \(session) (/decide), or with --answers FILE:"]
                + decisions.map(Self.line)
        case .failed(let message):
            return ["error: " + message]
        }
    }

    /// `  D1  [T1] Question?  1) stream rows  2) build the file first`
    static func line(_ d: Decision) -> String {
        let task = d.task.map { "[\($0)] " } ?? ""
        let options = d.options.enumerated().map { "\($0.offset + 1)) \(TerminalText.oneLine($0.element, limit: 40))" }
        return "  \(d.id)  \(task)\(TerminalText.oneLine(d.question, limit: 160))"
            + (options.isEmpty ? "" : "  " + options.joined(separator: "  "))
    }
}
