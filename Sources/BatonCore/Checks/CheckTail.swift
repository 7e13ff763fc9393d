/// The part of a failing check's output an agent is given to fix it: the failing test names
/// first, then the end of the output, bounded to ``maxLines`` lines and ``maxBytes`` bytes.
public enum CheckTail {
    public static let maxLines = 80
    public static let maxBytes = 6 * 1024

    /// The tail of `output` of the check `name` (`argv` shown as run), terminal sequences removed.
    public static func make(name: String, command: String, output: String, summary: TestSummary?) -> String {
        var head = ["check \(name) (\(command)) failed"]
        if let s = summary, !s.failures.isEmpty {
            head.append("failing: " + s.failures.joined(separator: ", "))
            if let m = s.message { head.append("first failure: " + TerminalText.oneLine(m, limit: 300)) }
        }
        let budget = maxBytes - head.joined(separator: "\n").utf8.count - 1
        var kept: [Substring] = []
        var bytes = 0
        let lines = TerminalText.sanitize(output).split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.reversed().drop(while: { $0.allSatisfy(\.isWhitespace) }) {
            let cut = line.utf8.count > 400 ? line.prefix(400) + "…" : line
            guard kept.count < maxLines, bytes + cut.utf8.count + 1 <= budget else { break }
            kept.append(cut)
            bytes += cut.utf8.count + 1
        }
        return (head + kept.reversed().map(String.init)).joined(separator: "\n")
    }
}
