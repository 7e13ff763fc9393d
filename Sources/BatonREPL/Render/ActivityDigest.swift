import BatonCore
import BatonRuntime
import Foundation

/// With many runs at once, the live activity lines (one per task every few seconds) would
/// scroll everything else away: above `threshold` running tasks they are condensed into one
/// summary line a second, `12 agents editing · 3 running tests`. Only activity is condensed:
/// checkpoints, decisions, failures and warnings are shown as always, and the log keeps
/// every activity event (the transcript on resume skips them anyway).
final class ActivityDigest: @unchecked Sendable {
    /// Running tasks above which activity is condensed.
    static let threshold = 8
    /// Seconds between summary lines.
    static let interval = 1.0

    private let lock = NSLock()
    /// What each task did last since the previous summary line.
    private var latest: [String: String] = [:]
    private var lastLine: Double = 0

    /// The lines to show for `update`: `rendered` unchanged, except an activity line while
    /// many tasks run, which becomes part of the next summary line (returned once a second).
    func lines(for update: SessionUpdate, rendered: [String], now: Double) -> [String] {
        guard case .taskActivity(let task, let text) = update.record.event,
            update.state.runningCount > Self.threshold, !text.hasPrefix("warning:")
        else { return rendered }
        return lock.withLock {
            latest[task] = Self.kind(of: text)
            guard now - lastLine >= Self.interval else { return [] }
            lastLine = now
            defer { latest.removeAll(keepingCapacity: true) }
            return [Self.summary(latest)]
        }
    }

    /// `12 agents editing · 3 running tests`: tasks per kind of activity, most first.
    static func summary(_ kinds: [String: String]) -> String {
        var counts: [String: Int] = [:]
        for kind in kinds.values { counts[kind, default: 0] += 1 }
        let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return ordered.enumerated().map { i, entry in
            i == 0 ? "\(entry.value) agent\(entry.value == 1 ? "" : "s") \(entry.key)" : "\(entry.value) \(entry.key)"
        }.joined(separator: " · ")
    }

    /// The kind of an activity line (the words of `ActivitySummary`).
    static func kind(of text: String) -> String {
        let lower = text.lowercased()
        if lower.hasPrefix("running tests") { return "running tests" }
        if lower.hasPrefix("running") || lower.hasPrefix("$ ") { return "running commands" }
        for (prefix, kind) in [
            ("editing", "editing"), ("writing", "editing"), ("creating", "editing"), ("reading", "reading"),
            ("searching", "searching"), ("listing", "reading"), ("fetching", "fetching"),
        ] where lower.hasPrefix(prefix) {
            return kind
        }
        return "working"
    }
}
