import Foundation

/// What a test runner's own summary says: counts and the first failing tests. Read from the
/// output of the common runners (see ``TestSummary/parse(_:)``); nil when none is recognized.
public struct TestSummary: Codable, Equatable, Sendable {
    public var passed: Int
    public var failed: Int
    public var skipped: Int
    /// Failing test names, in the order the runner printed them (at most ``maxNames``).
    public var failures: [String]
    /// The first failure's message, one line.
    public var message: String?

    public static let maxNames = 10

    public init(passed: Int = 0, failed: Int = 0, skipped: Int = 0, failures: [String] = [], message: String? = nil) {
        self.passed = passed
        self.failed = failed
        self.skipped = skipped
        self.failures = failures
        self.message = message
    }

    /// The summary of `output` from whichever runner printed it: swift test (XCTest and
    /// Swift Testing, added together), pytest, cargo test, go test, jest, vitest, node --test.
    public static func parse(_ output: String) -> TestSummary? {
        let lines = TerminalText.sanitize(output).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let found = [swift(lines), pytest(lines), cargo(lines), go(lines), jest(lines), vitest(lines), node(lines)].compactMap { $0 }
        guard var total = found.first else { return nil }
        // swift test prints XCTest's and Swift Testing's summaries: both count.
        for more in found.dropFirst() {
            total.passed += more.passed
            total.failed += more.failed
            total.skipped += more.skipped
            total.failures += more.failures
            if total.message == nil { total.message = more.message }
        }
        total.failures = Array(unique(total.failures).prefix(maxNames))
        return total
    }

    static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// The integer just before `word` in `text` (`41 passed` → 41), 0 when absent.
    static func count(_ word: String, in text: Substring) -> Int {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "|" || $0 == "(" || $0 == ")" })
        for (i, token) in tokens.enumerated() where i > 0 && token.hasPrefix(word) {
            if let n = Int(tokens[i - 1]) { return n }
        }
        return 0
    }

    static func after(_ marker: String, in line: String) -> Substring? {
        line.range(of: marker).map { line[$0.upperBound...] }
    }
}
