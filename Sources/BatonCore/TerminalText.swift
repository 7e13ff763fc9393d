/// Makes untrusted text (agent output) safe to print on a terminal.
///
/// `sanitize` removes every terminal control sequence and control character that could move
/// the cursor, rewrite earlier output, change the title, or hide text; `oneLine` additionally
/// folds the text into one short line for live status lines and tables.
public enum TerminalText {
    private static let esc: UInt32 = 0x1B
    private static let bel: UInt32 = 0x07
    private static let st: UInt32 = 0x9C

    /// Strips CSI, OSC, DCS/SOS/PM/APC strings, other ESC sequences, C1 controls, BEL, DEL and
    /// every C0 control except `\n` and `\t`. A backspace removes the character before it; a
    /// carriage return not followed by `\n` keeps only the text after it on that line
    /// (`\r\n` becomes `\n`).
    public static func sanitize(_ s: String) -> String {
        let input = Array(s.unicodeScalars)
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(input.count)
        var lineStart = 0
        var i = 0
        let n = input.count
        while i < n {
            let c = input[i]
            let v = c.value
            if v == esc {
                guard i + 1 < n else {
                    i += 1
                    continue
                }
                let next = input[i + 1].value
                switch next {
                case 0x5B: i = skipCSI(input, from: i + 2)  // ESC [
                case 0x5D: i = skipString(input, from: i + 2, belEnds: true)  // ESC ]
                case 0x50, 0x58, 0x5E, 0x5F: i = skipString(input, from: i + 2, belEnds: true)  // P X ^ _
                default: i = skipEscape(input, from: i + 1)
                }
                continue
            }
            if v >= 0x80 && v <= 0x9F {
                switch v {
                case 0x9B: i = skipCSI(input, from: i + 1)
                case 0x9D, 0x90, 0x98, 0x9E, 0x9F: i = skipString(input, from: i + 1, belEnds: true)
                default: i += 1
                }
                continue
            }
            switch v {
            case 0x0A:
                out.append(c)
                lineStart = out.count
            case 0x09:
                out.append(c)
            case 0x08:
                if out.count > lineStart { out.removeLast() }
            case 0x0D:
                if i + 1 < n, input[i + 1].value == 0x0A {
                    // \r\n: the \n that follows ends the line normally.
                } else {
                    out.removeSubrange(lineStart..<out.count)
                }
            case 0x00..<0x20, 0x7F:
                break
            default:
                out.append(c)
            }
            i += 1
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: out)
        return String(view)
    }

    /// Sanitizes, folds all whitespace (newlines included) into single spaces, trims, and cuts
    /// to at most `limit` characters, ending with `…` when cut.
    public static func oneLine(_ s: String, limit: Int = 120) -> String {
        if let fast = asciiOneLine(s, limit: limit) { return fast }
        let clean = sanitize(s)
        var folded = ""
        folded.reserveCapacity(min(clean.utf8.count, limit * 4 + 8))
        var pendingSpace = false
        var count = 0
        for ch in clean {
            if ch.isWhitespace || ch.isNewline {
                pendingSpace = !folded.isEmpty
                continue
            }
            if pendingSpace {
                folded.append(" ")
                count += 1
                pendingSpace = false
            }
            folded.append(ch)
            count += 1
            if count > limit { break }
        }
        guard limit > 0 else { return "" }
        if count > limit {
            return String(folded.prefix(limit - 1)) + "…"
        }
        return folded
    }

    /// `oneLine` for text of printable ASCII, tabs and newlines only (nearly every activity
    /// line): the same result, on bytes, without `sanitize` and Unicode properties. nil for
    /// anything else.
    private static func asciiOneLine(_ s: String, limit: Int) -> String? {
        if isOneLine(s, limit: limit) { return s }
        var out: [UInt8] = []
        out.reserveCapacity(min(s.utf8.count, limit + 1))
        var pendingSpace = false
        for b in s.utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0A {
                pendingSpace = !out.isEmpty
                continue
            }
            guard b > 0x20, b < 0x7F else { return nil }
            if out.count > limit { continue }  // past the cut: only check the rest is ASCII
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(b)
        }
        guard limit > 0 else { return "" }
        if out.count > limit {
            return String(decoding: out.prefix(limit - 1), as: UTF8.self) + "…"
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `s` is already what ``asciiOneLine(_:limit:)`` makes of it: printable ASCII
    /// words separated by single spaces, no longer than `limit` (so nothing is copied).
    private static func isOneLine(_ s: String, limit: Int) -> Bool {
        guard s.utf8.count <= limit else { return false }
        var s = s
        return s.withUTF8 { bytes in
            var previous: UInt8 = 0x20
            for b in bytes {
                guard b > 0x20 && b < 0x7F || (b == 0x20 && previous != 0x20) else { return false }
                previous = b
            }
            return previous != 0x20
        }
    }

    /// After `ESC [` (or U+009B): parameters and intermediates up to a final byte 0x40–0x7E.
    private static func skipCSI(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let v = s[i].value
            if v >= 0x40 && v <= 0x7E { return i + 1 }
            // Anything but parameter/intermediate bytes aborts a malformed sequence here;
            // the aborting character is then handled normally.
            if v < 0x20 || v > 0x7E { return i }
            i += 1
        }
        return i
    }

    /// A control string (OSC, DCS, SOS, PM, APC): up to ST (`ESC \` or U+009C), or BEL.
    private static func skipString(_ s: [Unicode.Scalar], from start: Int, belEnds: Bool) -> Int {
        var i = start
        while i < s.count {
            let v = s[i].value
            if v == st { return i + 1 }
            if belEnds && v == bel { return i + 1 }
            if v == esc {
                if i + 1 < s.count, s[i + 1].value == 0x5C { return i + 2 }
                return i  // ESC starting something else ends the string
            }
            i += 1
        }
        return i
    }

    /// `ESC` then intermediates 0x20–0x2F then one final byte 0x30–0x7E. `start` is after ESC.
    private static func skipEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
        if i < s.count, (0x30...0x7E).contains(s[i].value) { return i + 1 }
        return i
    }
}
