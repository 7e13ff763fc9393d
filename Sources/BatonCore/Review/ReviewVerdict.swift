import Foundation

/// One thing a reviewer found in a task's diff.
public struct ReviewFinding: Codable, Equatable, Sendable {
    public var file: String?
    public var line: Int?
    /// `blocker`, `major` or `minor`.
    public var severity: String
    public var note: String

    public init(file: String?, line: Int?, severity: String, note: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.note = note
    }

    /// Blockers and majors start a rework turn; minors are notes.
    public var blocks: Bool { severity == "blocker" || severity == "major" }

    /// `major Reports.swift:88 — header row missing when the report is empty`.
    public var summary: String {
        let place = file.map { f in " " + f + (self.line.map { ":\($0)" } ?? "") } ?? ""
        return "\(severity)\(place) — \(TerminalText.oneLine(note, limit: 160))"
    }
}

/// A reviewer's verdict on a task: the block it answers with, read by ``parse(_:)``.
public struct ReviewVerdict: Codable, Equatable, Sendable {
    public enum Outcome: String, Codable, Sendable { case approve, changes, unavailable }

    public var outcome: Outcome
    public var findings: [ReviewFinding]
    /// Each acceptance criterion and whether the reviewer found it met.
    public var acceptance: [Criterion]
    /// Why the review is unavailable (one line).
    public var note: String?

    public struct Criterion: Codable, Equatable, Sendable {
        public var criterion: String
        public var met: Bool

        public init(criterion: String, met: Bool) {
            self.criterion = criterion
            self.met = met
        }
    }

    public init(outcome: Outcome, findings: [ReviewFinding] = [], acceptance: [Criterion] = [], note: String? = nil) {
        self.outcome = outcome
        self.findings = findings
        self.acceptance = acceptance
        self.note = note
    }

    /// `changes` with a blocker or major finding: one rework turn carries the findings.
    public var asksForRework: Bool { outcome == .changes && findings.contains(where: \.blocks) }

    /// Approved, or changes asked with minor findings only ("approves with notes").
    public var approved: Bool { outcome == .approve || (outcome == .changes && !asksForRework) }

    /// The message a rework turn carries.
    public var reworkMessage: String {
        let lines = findings.filter(\.blocks).map { "- " + $0.summary }
        let unmet = acceptance.filter { !$0.met }.map { "- acceptance not met: \(TerminalText.oneLine($0.criterion, limit: 200))" }
        return
            "A reviewer read your diff and asks for changes. Address these findings, keep the checks green, then end with a done checkpoint:\n"
            + (lines + unmet).joined(separator: "\n")
    }

    /// The verdict in the reviewer's reply: the whole reply, a ```json fence, or the outermost
    /// `{…}` holding `"verdict"`; nil when none is valid.
    public static func parse(_ reply: String) -> ReviewVerdict? {
        for object in ReplyJSON.objects(in: reply) {
            guard let verdict = (object["verdict"] as? String).flatMap(Outcome.init(rawValue:)), verdict != .unavailable
            else { continue }
            let findings = (object["findings"] as? [[String: Any]] ?? []).compactMap { f -> ReviewFinding? in
                guard let note = f["note"] as? String else { return nil }
                let severity = (f["severity"] as? String).map { $0.lowercased() } ?? "minor"
                return ReviewFinding(
                    file: f["file"] as? String, line: (f["line"] as? NSNumber)?.intValue,
                    severity: ["blocker", "major", "minor"].contains(severity) ? severity : "minor", note: note)
            }
            let acceptance = (object["acceptance"] as? [[String: Any]] ?? []).compactMap { a -> Criterion? in
                guard let c = a["criterion"] as? String, let met = a["met"] as? Bool else { return nil }
                return Criterion(criterion: c, met: met)
            }
            return ReviewVerdict(outcome: verdict, findings: findings, acceptance: acceptance)
        }
        return nil
    }

    /// The JSON Schema of the block (claude's `--json-schema`).
    public static let schema = #"""
        {"type":"object","required":["verdict","findings","acceptance"],"properties":{"verdict":{"enum":["approve","changes"]},"findings":{"type":"array","items":{"type":"object","required":["severity","note"],"properties":{"file":{"type":"string"},"line":{"type":"integer"},"severity":{"enum":["blocker","major","minor"]},"note":{"type":"string"}}}},"acceptance":{"type":"array","items":{"type":"object","required":["criterion","met"],"properties":{"criterion":{"type":"string"},"met":{"type":"boolean"}}}}}}
        """#
}
