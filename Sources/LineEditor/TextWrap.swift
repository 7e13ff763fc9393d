/// Fitting finished lines of text (which may carry the program's own colour sequences) to
/// the terminal's width: visible widths, cuts with …, and word wrapping with a hanging indent.
public enum TextWrap {
    /// Columns `text` takes on one terminal line, colour sequences left out.
    public static func visibleWidth(_ text: String) -> Int { TerminalLayout.visibleWidth(text) }

    /// `text` without its colour sequences.
    public static func plain(_ text: String) -> String { TerminalLayout.stripANSI(text) }

    /// `text` cut to `width` columns, ending in … when cut. Colour sequences are kept (and a
    /// reset is added after a cut, so no colour runs on).
    public static func cut(_ text: String, to width: Int) -> String {
        guard visibleWidth(text) > width else { return text }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        var sawEscape = false
        for piece in pieces(text) {
            if piece.isEscape {
                out += piece.text
                sawEscape = true
                continue
            }
            for ch in piece.text {
                let w = visibleWidth(String(ch))
                if used + w > width - 1 { return out + "…" + (sawEscape ? "\u{1B}[0m" : "") }
                out.append(ch)
                used += w
            }
        }
        return out
    }

    /// `line` wrapped at spaces to lines of at most `width` columns; the lines after the
    /// first start with `indent` spaces (a hanging indent). A word longer than a line is cut
    /// where the line ends. A line that fits is returned as it is.
    public static func wrap(_ line: String, width: Int, indent: Int) -> [String] {
        guard width > 1, visibleWidth(line) > width else { return [line] }
        let hang = min(max(0, indent), width / 2)
        let pad = String(repeating: " ", count: hang)
        let lead = String(line.prefix { $0 == " " })
        var lines: [String] = []
        var current = lead
        var currentWidth = lead.count
        var empty = true
        for word in line.dropFirst(lead.count).split(separator: " ").map(String.init) {
            var rest = word
            var w = visibleWidth(rest)
            if !empty && currentWidth + 1 + w > width {
                lines.append(current)
                current = pad
                currentWidth = hang
                empty = true
            }
            if !empty {
                current += " "
                currentWidth += 1
            }
            // A word wider than a whole line is cut where the line ends.
            while currentWidth + w > width {
                let room = max(1, width - currentWidth)
                let letters = plain(rest)
                current += String(letters.prefix(room))
                lines.append(current)
                rest = String(letters.dropFirst(room))
                w = visibleWidth(rest)
                current = pad
                currentWidth = hang
            }
            current += rest
            currentWidth += w
            empty = false
        }
        if !empty { lines.append(current) }
        return lines
    }

    private struct Piece {
        var text: String
        var isEscape: Bool
    }

    /// `text` split into plain runs and colour sequences.
    private static func pieces(_ text: String) -> [Piece] {
        let scalars = text.unicodeScalars.map(\.value)
        var out: [Piece] = []
        var i = 0
        func append(_ range: Range<Int>, escape: Bool) {
            guard !range.isEmpty else { return }
            var s = String.UnicodeScalarView()
            for v in scalars[range] { if let u = Unicode.Scalar(v) { s.append(u) } }
            out.append(Piece(text: String(s), isEscape: escape))
        }
        for range in TerminalLayout.escapeRanges(scalars) {
            append(i..<range.lowerBound, escape: false)
            append(range, escape: true)
            i = range.upperBound
        }
        append(i..<scalars.count, escape: false)
        return out
    }
}
