/// Decodes one Unicode scalar at a time from raw terminal bytes.
///
/// libedit's EL_GETCFN hands us a `wchar_t` per call, so multi-byte UTF-8 input
/// has to be assembled here. Invalid bytes decode to U+FFFD, one byte at a time.
enum UTF8Decoder {
    enum Step: Equatable {
        /// A scalar and how many bytes it used.
        case scalar(UInt32, consumed: Int)
        /// The bytes so far are a valid prefix; more bytes are needed.
        case needMore
    }

    static let replacement: UInt32 = 0xFFFD

    /// Decodes the scalar starting at `start`. With `final` set, an incomplete
    /// sequence at the end decodes to U+FFFD instead of asking for more.
    static func decode(_ bytes: [UInt8], at start: Int, final: Bool = false) -> Step {
        guard start < bytes.count else { return .needMore }
        let b0 = bytes[start]
        let length: Int
        var value: UInt32
        switch b0 {
        case 0x00...0x7F: return .scalar(UInt32(b0), consumed: 1)
        case 0xC2...0xDF:
            length = 2
            value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF:
            length = 3
            value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4:
            length = 4
            value = UInt32(b0 & 0x07)
        default: return .scalar(replacement, consumed: 1)
        }
        for i in 1..<length {
            let index = start + i
            guard index < bytes.count else {
                return final ? .scalar(replacement, consumed: i) : .needMore
            }
            let b = bytes[index]
            guard b & 0xC0 == 0x80 else { return .scalar(replacement, consumed: i) }
            // Reject overlong 3/4-byte forms, surrogates and values above U+10FFFF early.
            if i == 1 {
                if b0 == 0xE0 && b < 0xA0 { return .scalar(replacement, consumed: 1) }
                if b0 == 0xED && b > 0x9F { return .scalar(replacement, consumed: 1) }
                if b0 == 0xF0 && b < 0x90 { return .scalar(replacement, consumed: 1) }
                if b0 == 0xF4 && b > 0x8F { return .scalar(replacement, consumed: 1) }
            }
            value = (value << 6) | UInt32(b & 0x3F)
        }
        return .scalar(value, consumed: length)
    }

    /// Decodes a whole byte array (lossy), for tests and pasted text.
    static func decodeAll(_ bytes: [UInt8]) -> [UInt32] {
        var out: [UInt32] = []
        var i = 0
        while i < bytes.count {
            guard case .scalar(let v, let n) = decode(bytes, at: i, final: true) else { break }
            out.append(v)
            i += n
        }
        return out
    }
}
