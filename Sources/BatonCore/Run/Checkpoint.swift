import Foundation

/// The kinds of checkpoint an agent reports in its ```baton block.
public enum CheckpointKind: String, Codable, Sendable, CaseIterable {
    case firstChange = "first-change"
    case coreDrafted = "core-drafted"
    case beforeDestructive = "before-destructive"
    case needsDecision = "needs-decision"
    case done
    case unstructured

    /// Words shown in the conversation ("first change").
    public var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}

/// What the agent said at the end of a turn (parsed from its final message).
public struct CheckpointReport: Codable, Equatable, Sendable {
    public var kind: CheckpointKind
    public var summary: String
    public var next: String
    public var question: String?
    public var options: [String]

    public init(kind: CheckpointKind, summary: String, next: String = "", question: String? = nil, options: [String] = []) {
        self.kind = kind
        self.summary = summary
        self.next = next
        self.question = question
        self.options = options
    }
}

/// Lines added/removed and files touched, against the task's base.
public struct DiffStat: Codable, Equatable, Sendable {
    public var added: Int
    public var removed: Int
    public var files: [String]

    public init(added: Int = 0, removed: Int = 0, files: [String] = []) {
        self.added = added
        self.removed = removed
        self.files = files
    }

    /// `+84 −3 in 2 files`
    public var summary: String {
        "+\(added) −\(removed) in \(files.count) file\(files.count == 1 ? "" : "s")"
    }
}

/// A checkpoint as recorded: the report, the commit on the task branch, and the stat.
public struct Checkpoint: Codable, Equatable, Sendable {
    public var number: Int
    public var turn: Int
    public var report: CheckpointReport
    /// The commit made on the task branch (nil when nothing changed).
    public var commit: String?
    public var stat: DiffStat

    public init(number: Int, turn: Int, report: CheckpointReport, commit: String?, stat: DiffStat) {
        self.number = number
        self.turn = turn
        self.report = report
        self.commit = commit
        self.stat = stat
    }
}

extension Checkpoint {
    /// What the checkpoint achieved, for the agent's next turn (the continuation prompt):
    /// `Checkpoint 2 (core drafted): Parser drafted. Next: wire it. Files changed so far:
    /// a.swift, b.swift (+84 −3).` An agent without a resumable session (aider) learns it here.
    public var recap: String {
        var text = "Checkpoint \(number) (\(report.kind.label))"
        let summary = TerminalText.oneLine(report.summary, limit: 400)
        text += summary.isEmpty ? "." : ": " + Self.sentence(summary)
        let next = TerminalText.oneLine(report.next, limit: 200)
        if !next.isEmpty { text += " Next: " + Self.sentence(next) }
        if !stat.files.isEmpty {
            let shown = stat.files.prefix(10).joined(separator: ", ") + (stat.files.count > 10 ? ", …" : "")
            text += " Files changed so far: \(shown) (+\(stat.added) −\(stat.removed))."
        }
        return text
    }

    /// `text` ending with a full stop (unless it ends a sentence already).
    private static func sentence(_ text: String) -> String {
        text.last.map { ".!?…".contains($0) } == true ? text : text + "."
    }
}
