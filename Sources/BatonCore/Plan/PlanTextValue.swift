/// Encoding of single values in the plan text format: plain text when it reads back
/// unchanged, otherwise a JSON string literal (`"…"` with `\n`, `\"`, `\\`, `\uXXXX`).
enum PlanTextValue {
    /// Plain when non-empty, no control/format characters, no leading or trailing space,
    /// does not start with a quote or a combining mark, and holds none of `forbidden`.
    static func isPlain(_ text: String, forbidden: Set<Character> = []) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == "\"" || isSpace(first) || isSpace(last) || isMark(first) { return false }
        if text.unicodeScalars.contains(where: isUnsafe) { return false }
        return !text.contains(where: forbidden.contains)
    }

    static func encode(_ text: String, forbidden: Set<Character> = []) -> String {
        isPlain(text, forbidden: forbidden) ? text : quote(text)
    }

    /// A JSON string literal for `text`.
    static func quote(_ text: String) -> String {
        var out = "\""
        for s in text.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isUnsafe(s) || (isMark(s) && out == "\"") {
                    out += "\\u" + hex4(s.value)
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out + "\""
    }

    private static func hex4(_ v: UInt32) -> String {
        if v > 0xFFFF {
            let u = v - 0x10000
            return hex4(0xD800 + (u >> 10)) + "\\u" + hex4(0xDC00 + (u & 0x3FF))
        }
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    /// Reads a JSON string literal at the start of `scalars`; returns the text and the rest.
    static func unquote(_ scalars: Substring.UnicodeScalarView) -> (String, Substring.UnicodeScalarView)? {
        var it = scalars.startIndex
        guard it < scalars.endIndex, scalars[it] == "\"" else { return nil }
        it = scalars.index(after: it)
        var out = String.UnicodeScalarView()
        var pendingHigh: UInt32?
        while it < scalars.endIndex {
            let s = scalars[it]
            it = scalars.index(after: it)
            if s == "\"" {
                return (String(out), scalars[it...])
            }
            guard s == "\\" else {
                out.append(s)
                continue
            }
            guard it < scalars.endIndex else { return nil }
            let e = scalars[it]
            it = scalars.index(after: it)
            switch e {
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "b": out.append("\u{8}")
            case "f": out.append("\u{C}")
            case "\"", "\\", "/": out.append(e)
            case "u":
                var v: UInt32 = 0
                for _ in 0..<4 {
                    guard it < scalars.endIndex, scalars[it].isASCII,
                        let d = UInt32(String(scalars[it]), radix: 16)
                    else { return nil }
                    v = v * 16 + d
                    it = scalars.index(after: it)
                }
                if (0xD800...0xDBFF).contains(v) {
                    pendingHigh = v
                    continue
                }
                if (0xDC00...0xDFFF).contains(v), let high = pendingHigh {
                    v = 0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)
                }
                pendingHigh = nil
                guard let scalar = Unicode.Scalar(v) else { return nil }
                out.append(scalar)
            default: return nil
            }
        }
        return nil
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

    /// Trims whitespace scalars at both ends (scalar-wise, so marks are never split off).
    static func trim(_ text: Substring) -> Substring {
        let u = text.unicodeScalars
        guard let start = u.firstIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
        let end = u.lastIndex(where: { !isSpace($0) })!
        return Substring(u[start...end])
    }

    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return s.properties.isGraphemeExtend || s == "\u{200D}"
        }
    }

    /// Characters that an editor or a line split could change: controls, separators, formats.
    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }
}
