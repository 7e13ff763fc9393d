import LineEditor

/// Live lines fitted to the terminal: a line wider than the terminal wraps at word
/// boundaries, its continuation indented under the `[T2 codex] ` prefix (or under the
/// text of a decision), so the terminal never breaks a word. Piped output is left as it is
/// (scripts read whole lines).
enum LiveLines {
    static func fit(_ lines: [String], width: Int) -> [String] {
        lines.flatMap { line in
            line.split(separator: "\n", omittingEmptySubsequences: false).flatMap { part in
                TextWrap.wrap(String(part), width: width, indent: hangingIndent(String(part)))
            }
        }
    }

    /// Where continuation lines start: after `[T2 codex] `, after `? D1  `, or two columns
    /// in from the line's own indent.
    static func hangingIndent(_ line: String) -> Int {
        let plain = TextWrap.plain(line)
        if plain.hasPrefix("["), let close = plain.firstIndex(of: "]"), plain.distance(from: plain.startIndex, to: close) < 40 {
            return plain.distance(from: plain.startIndex, to: close) + 2
        }
        if plain.hasPrefix("? ") { return 6 }
        return plain.prefix { $0 == " " }.count + 2
    }
}
