/// Turns raw terminal bytes into keys for libedit and whole bracketed pastes.
///
/// Bracketed paste (`ESC[?2004h`) makes the terminal wrap pasted text in
/// `ESC[200~` … `ESC[201~`; the text between is returned as one `.paste` so
/// pasted newlines become part of the message instead of pressing Enter.
struct InputScanner {
    enum Event: Equatable {
        /// One key (Unicode scalar) to hand to libedit.
        case key(UInt32)
        /// A complete bracketed paste, newlines normalized to "\n".
        case paste(String)
        /// Wait for more bytes (as long as it takes).
        case needMore
        /// The bytes so far could be the start of a paste marker; wait briefly,
        /// then call `next(escapeTimedOut: true)` to deliver them as keys.
        case needMoreSoon
    }

    static let pasteStart: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E]  // ESC [ 2 0 0 ~
    static let pasteEnd: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]  // ESC [ 2 0 1 ~

    private(set) var bytes: [UInt8] = []
    private var inPaste = false

    mutating func append<S: Sequence>(_ more: S) where S.Element == UInt8 {
        bytes.append(contentsOf: more)
    }

    var isEmpty: Bool { bytes.isEmpty }

    mutating func next(escapeTimedOut: Bool = false) -> Event {
        if inPaste { return takePaste() }
        guard let first = bytes.first else { return .needMore }
        if first == 0x1B {
            let n = min(bytes.count, Self.pasteStart.count)
            if Array(bytes[0..<n]) == Array(Self.pasteStart[0..<n]) {
                if n == Self.pasteStart.count {
                    bytes.removeFirst(n)
                    inPaste = true
                    return takePaste()
                }
                if !escapeTimedOut { return .needMoreSoon }
            }
        }
        switch UTF8Decoder.decode(bytes, at: 0) {
        case .scalar(let value, let consumed):
            bytes.removeFirst(consumed)
            return .key(value)
        case .needMore:
            return .needMore
        }
    }

    private mutating func takePaste() -> Event {
        guard let end = Self.find(Self.pasteEnd, in: bytes) else { return .needMore }
        let content = Array(bytes[0..<end])
        bytes.removeFirst(end + Self.pasteEnd.count)
        inPaste = false
        return .paste(Self.normalizePaste(content))
    }

    /// Decodes pasted bytes, turns CR LF and lone CR into "\n", drops trailing
    /// newlines (the user presses Enter to send) and other control characters
    /// except tab.
    static func normalizePaste(_ content: [UInt8]) -> String {
        var scalars: [Unicode.Scalar] = []
        var previousCR = false
        for value in UTF8Decoder.decodeAll(content) {
            if value == 0x0D {
                scalars.append("\n")
                previousCR = true
                continue
            }
            defer { previousCR = false }
            if value == 0x0A {
                if !previousCR { scalars.append("\n") }
                continue
            }
            if value == 0x09 || (value >= 0x20 && value != 0x7F && !(0x80...0x9F).contains(value)) {
                if let s = Unicode.Scalar(value) { scalars.append(s) }
            }
        }
        while scalars.last == "\n" { scalars.removeLast() }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
