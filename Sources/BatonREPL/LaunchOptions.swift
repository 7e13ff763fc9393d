import ArgumentParser
import Foundation

/// What every way of starting Baton may set, as plain values: from ``CommonOptions`` when
/// the command line was parsed, the defaults for a bare `baton` (which skips the parser).
struct LaunchOptions {
    /// `--stall-after` when not given.
    static let defaultStallAfter = "5m"

    var sessionsDir: String?
    var planner: String?
    var budgetUSD: Double?
    /// Seconds without output after which a run is reported as stalled (`defaultStallAfter`).
    var stallAfter: Double = 5 * 60

    /// `300`, `90s`, `5m` in seconds.
    static func seconds(_ text: String) throws -> Double {
        let text = text.trimmingCharacters(in: .whitespaces)
        let (number, scale): (String, Double) =
            text.hasSuffix("m") ? (String(text.dropLast()), 60) : text.hasSuffix("s") ? (String(text.dropLast()), 1) : (text, 1)
        guard let n = Double(number), n > 0 else { throw ValidationError("--stall-after takes seconds or minutes, e.g. 90s or 5m") }
        return n * scale
    }
}
