import Foundation

/// Stderr lines agent CLIs print on every run, never a failure's reason: codex's stdin
/// notice and its PATH-alias warning under a temporary CODEX_HOME.
public enum StderrNoise {
    /// Beginnings of noise lines (after leading blanks).
    public static let prefixes = [
        "Reading additional input from stdin",
        "WARNING: proceeding, even though we could not create PATH aliases",
    ]

    /// True when `line` is known noise.
    public static func isNoise<S: StringProtocol>(_ line: S) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return prefixes.contains { trimmed.hasPrefix($0) }
    }
}
