/// How one check ended.
public struct CheckResult: Codable, Equatable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        case passed, failed
        /// Stopped after its timeout.
        case timedOut = "timed-out"
        /// Could not start (not installed, bad folder).
        case notStarted = "not-started"
        /// Not run: an earlier check failed.
        case skipped
    }

    public var name: String
    public var outcome: Outcome
    public var exitCode: Int32?
    /// What the runner's summary line said, when Baton recognized it.
    public var summary: TestSummary?
    /// One line on why it could not start or was stopped.
    public var note: String?
    public var seconds: Double

    public init(
        name: String, outcome: Outcome, exitCode: Int32? = nil, summary: TestSummary? = nil, note: String? = nil, seconds: Double = 0
    ) {
        self.name = name
        self.outcome = outcome
        self.exitCode = exitCode
        self.summary = summary
        self.note = note
        self.seconds = seconds
    }

    /// `test 41 passed`, `lint ✓`, `test: 2 failed`, `build: exit 1`, `test: timed out after 15m`.
    public var label: String {
        switch outcome {
        case .passed:
            if let s = summary, s.passed > 0 { return "\(name) \(s.passed) passed" + (s.skipped > 0 ? " (\(s.skipped) skipped)" : "") }
            return "\(name) ✓"
        case .failed:
            if let s = summary, s.failed > 0 { return "\(name): \(s.failed) failed" }
            return "\(name): exit \(exitCode ?? -1)"
        case .timedOut: return "\(name): timed out after \(Elapsed.format(seconds: seconds))"
        case .notStarted: return "\(name): could not start" + (note.map { " (\($0))" } ?? "")
        case .skipped: return "\(name) skipped"
        }
    }
}

/// The verdict of one run of a task's checks.
public struct CheckVerdict: Codable, Equatable, Sendable {
    public var results: [CheckResult]
    public var seconds: Double
    /// The bounded failing tail (failing names first): what a rework turn is given.
    public var tail: String
    /// The run's log file.
    public var log: String

    public init(results: [CheckResult], seconds: Double, tail: String = "", log: String = "") {
        self.results = results
        self.seconds = seconds
        self.tail = tail
        self.log = log
    }

    /// Every check passed (none ran counts as green).
    public var green: Bool { results.allSatisfy { $0.outcome == .passed || $0.outcome == .skipped } }

    /// The first check that did not pass.
    public var firstFailure: CheckResult? { results.first { $0.outcome != .passed && $0.outcome != .skipped } }

    /// Tests that passed, over every check that reported a count.
    public var passedCount: Int { results.compactMap(\.summary?.passed).reduce(0, +) }
    /// Tests that failed, over every check that reported a count.
    public var failedCount: Int { results.compactMap(\.summary?.failed).reduce(0, +) }

    /// `✓ test 41 passed · lint ✓ · 38s` or `✗ test: 2 failed — ReportsTests.testEmptyCSV: XCTAssertEqual failed`.
    public var line: String {
        if green {
            return "✓ " + (results.map(\.label) + [Elapsed.format(seconds: seconds)]).joined(separator: " · ")
        }
        guard let failure = firstFailure else { return "✗" }
        var line = "✗ " + failure.label
        if let s = failure.summary, let first = s.failures.first {
            line += " — " + first + (s.message.map { ": \($0)" } ?? "")
        } else if let note = failure.note {
            if failure.outcome == .failed { line += " — \(note)" }
        }
        return line
    }

    /// The short form of /status: `✓ 41`, `✓`, `✗ 2`, `✗`.
    public var short: String {
        if green { return passedCount > 0 ? "✓ \(passedCount)" : "✓" }
        return failedCount > 0 ? "✗ \(failedCount)" : "✗"
    }

    /// The message a rework turn carries.
    public var reworkMessage: String {
        "The repository's checks failed after your done checkpoint (\(TerminalText.oneLine(line, limit: 200))). Fix the code so they pass — do not weaken or skip the tests — then end with a done checkpoint. The failing output:\n\n```\n\(tail)\n```"
    }
}
