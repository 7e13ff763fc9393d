@preconcurrency import CEditLine
@preconcurrency import Glibc

/// Widths, ANSI handling and row arithmetic for text on the terminal, mirroring
/// how libedit lays out the prompt and the edit buffer.
///
/// This measures text the program styles itself (a coloured prompt, completion items): it
/// finds the escape sequences so they take no columns. It is not a sanitizer — text from
/// agents is made safe before it reaches the editor (BatonCore's `TerminalText`, the one
/// sanitizer; this module cannot depend on it).
enum TerminalLayout {
    /// Makes wide-character functions (and libedit) understand UTF-8: uses the
    /// environment's locale, falling back to C.UTF-8 when that is not UTF-8.
    static func ensureUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        if codeset != "UTF-8" && codeset != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// Columns one scalar takes where libedit draws it in the buffer:
    /// tab and newline are handled by the layout, ASCII controls show as `^X`
    /// (2), printable characters use `wcwidth`, others show as `\U+XXXX`.
    static func displayWidth(_ value: UInt32) -> Int {
        if value < 0x100 && (value < 0x20 || (0x7F...0x9F).contains(value)) { return 2 }
        let w = Int(wcwidth(wchar_t(bitPattern: value)))
        if w >= 0 { return w }
        return value > 0xFFFF ? 8 : 7
    }

    /// Columns a scalar takes in the prompt (libedit: `wcwidth`, unprintable = 0).
    static func promptWidth(_ value: UInt32) -> Int {
        max(0, Int(wcwidth(wchar_t(bitPattern: value))))
    }

    /// Ranges of ANSI escape sequences (CSI, OSC, two-byte ESC x) in `scalars`.
    static func escapeRanges(_ scalars: [UInt32]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i < scalars.count {
            guard scalars[i] == 0x1B, i + 1 < scalars.count else {
                i += 1
                continue
            }
            var j = i + 2
            switch scalars[i + 1] {
            case 0x5B:  // CSI: parameters, then a final byte 0x40...0x7E
                while j < scalars.count, !(0x40...0x7E).contains(scalars[j]) { j += 1 }
                j = min(j + 1, scalars.count)
            case 0x5D:  // OSC: until BEL or ESC \
                while j < scalars.count, scalars[j] != 0x07, scalars[j] != 0x1B { j += 1 }
                if j < scalars.count { j += scalars[j] == 0x1B ? 2 : 1 }
                j = min(j, scalars.count)
            default:
                break
            }
            ranges.append(i..<j)
            i = j
        }
        return ranges
    }

    /// Removes ANSI escape sequences.
    static func stripANSI(_ text: String) -> String {
        let scalars = text.unicodeScalars.map(\.value)
        var out = String.UnicodeScalarView()
        var i = 0
        for range in escapeRanges(scalars) + [scalars.count..<scalars.count] {
            while i < range.lowerBound {
                if let s = Unicode.Scalar(scalars[i]) { out.append(s) }
                i += 1
            }
            i = range.upperBound
        }
        return String(out)
    }

    /// Wraps each ANSI escape sequence in `\u{1}` markers, the form libedit's
    /// EL_PROMPT_ESC expects for invisible prompt characters.
    static func markInvisible(_ text: String) -> String {
        let scalars = text.unicodeScalars.map(\.value).filter { $0 != 0x01 }
        var out = String.UnicodeScalarView()
        var i = 0
        for range in escapeRanges(scalars) + [scalars.count..<scalars.count] {
            while i < range.lowerBound {
                if let s = Unicode.Scalar(scalars[i]) { out.append(s) }
                i += 1
            }
            if !range.isEmpty {
                out.append("\u{1}")
                for v in scalars[range] { if let s = Unicode.Scalar(v) { out.append(s) } }
                out.append("\u{1}")
            }
            i = range.upperBound
        }
        return String(out)
    }

    /// Visible columns of a single-line string, ignoring ANSI sequences.
    static func visibleWidth(_ text: String) -> Int {
        stripANSI(text).unicodeScalars.reduce(0) { $0 + promptWidth($1.value) }
    }

    /// Where the cursor is (row, column) relative to the first row of the
    /// prompt, after the prompt (ANSI ignored) and `text` are drawn at
    /// `columns` wide — the same arithmetic as libedit's re_refresh_cursor.
    static func cursorPosition(prompt: String, text: [UInt32], columns: Int) -> (row: Int, column: Int) {
        let cols = max(1, columns)
        var h = 0
        var v = 0
        for scalar in stripANSI(prompt).unicodeScalars {
            let w = promptWidth(scalar.value)
            if h + w > cols {
                h = 0
                v += 1
            }
            h += w
            if h >= cols {
                h = 0
                v += 1
            }
        }
        for c in text {
            switch c {
            case 0x0A:
                h = 0
                v += 1
            case 0x09:
                h += 1
                while h & 7 != 0 { h += 1 }
            default:
                let w = Int(wcwidth(wchar_t(bitPattern: c)))
                if w > 1 && h + w > cols {
                    h = 0
                    v += 1
                }
                h += displayWidth(c)
            }
            if h >= cols {
                h -= cols
                v += 1
            }
        }
        return (v, h)
    }

    /// Rows a finished line (prompt + text, then Enter) occupies on screen.
    static func rowsUsed(prompt: String, text: [UInt32], columns: Int) -> Int {
        cursorPosition(prompt: prompt, text: text, columns: columns).row + 1
    }

    /// The terminal bytes that clear an edit area of `totalRows` rows, the
    /// cursor being on its row `cursorRow`, and leave the cursor at the area's
    /// top-left corner. Rows are cleared one by one (ESC[2K): clearing to the end
    /// of the screen (ESC[J) from the top-left corner makes tmux push the whole
    /// screen into its scrollback, duplicating the prompt there.
    static func eraseSequence(cursorRow: Int, totalRows: Int) -> String {
        let rows = max(totalRows, cursorRow + 1)
        var out = "\r" + (cursorRow > 0 ? "\u{1B}[\(cursorRow)A" : "")
        out += "\u{1B}[2K"
        if rows > 1 {
            out += String(repeating: "\u{1B}[B\u{1B}[2K", count: rows - 1)
            out += "\u{1B}[\(rows - 1)A"
        }
        return out
    }
}
