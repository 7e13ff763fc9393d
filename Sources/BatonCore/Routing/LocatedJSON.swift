/// A JSON value that remembers the line it starts on, so configuration errors can point
/// into the file. A small strict parser (RFC 8259) over UTF-8; pure.
struct LocatedJSON: Sendable {
    struct Member: Sendable {
        var key: String
        /// Line of the key.
        var line: Int
        var value: LocatedJSON
    }

    enum Value: Sendable {
        case object([Member])
        case array([LocatedJSON])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    var value: Value
    /// 1-based line where the value starts.
    var line: Int

    /// A syntax error: the line and what was wrong.
    struct SyntaxError: Error, Equatable {
        var line: Int
        var message: String
    }

    /// JSON's name for the value's type, for "wrong type" messages.
    var typeName: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true/false"
        case .null: "null"
        }
    }

    /// Parses a whole document.
    static func parse(_ text: String) throws(SyntaxError) -> LocatedJSON {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.parseValue()
        parser.skipSpace()
        if parser.index < parser.bytes.count {
            throw parser.failure("unexpected text after the end of the JSON value")
        }
        return value
    }

    struct Parser {
        var bytes: [UInt8]
        var index = 0
        var line = 1

        func failure(_ message: String) -> SyntaxError { SyntaxError(line: line, message: message) }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let b = peek, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                if b == 0x0A { line += 1 }
                index += 1
            }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(SyntaxError) {
            guard peek == byte else { throw failure("expected \(what)") }
            index += 1
        }

        mutating func parseValue() throws(SyntaxError) -> LocatedJSON {
            let start = line
            switch peek {
            case nil: throw failure("unexpected end of file")
            case UInt8(ascii: "{"): return LocatedJSON(value: .object(try parseObject()), line: start)
            case UInt8(ascii: "["): return LocatedJSON(value: .array(try parseArray()), line: start)
            case UInt8(ascii: "\""): return LocatedJSON(value: .string(try parseString()), line: start)
            case UInt8(ascii: "t"):
                try literal("true")
                return LocatedJSON(value: .bool(true), line: start)
            case UInt8(ascii: "f"):
                try literal("false")
                return LocatedJSON(value: .bool(false), line: start)
            case UInt8(ascii: "n"):
                try literal("null")
                return LocatedJSON(value: .null, line: start)
            case let b? where b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39):
                return LocatedJSON(value: .number(try parseNumber()), line: start)
            default: throw failure("unexpected character '\(Character(Unicode.Scalar(peek!)))'")
            }
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            for b in word.utf8 {
                guard peek == b else { throw failure("invalid literal (expected \(word))") }
                index += 1
            }
        }

        mutating func parseObject() throws(SyntaxError) -> [Member] {
            index += 1
            var members: [Member] = []
            skipSpace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return members
            }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
                let keyLine = line
                let key = try parseString()
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after key \"\(key)\"")
                skipSpace()
                members.append(Member(key: key, line: keyLine, value: try parseValue()))
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                return members
            }
        }

        mutating func parseArray() throws(SyntaxError) -> [LocatedJSON] {
            index += 1
            var items: [LocatedJSON] = []
            skipSpace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return items
            }
            while true {
                skipSpace()
                items.append(try parseValue())
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "]"), "',' or ']'")
                return items
            }
        }

        mutating func parseString() throws(SyntaxError) -> String {
            index += 1
            var out: [UInt8] = []
            while true {
                guard let b = peek else { throw failure("unterminated string") }
                index += 1
                switch b {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"): try parseEscape(into: &out)
                case 0x00..<0x20: throw failure("control character in a string (use \\n)")
                default: out.append(b)
                }
            }
        }

        mutating func parseEscape(into out: inout [UInt8]) throws(SyntaxError) {
            guard let e = peek else { throw failure("unterminated string") }
            index += 1
            let simple: [UInt8: UInt8] = [
                UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
                UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
                UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
            ]
            if let s = simple[e] {
                out.append(s)
                return
            }
            guard e == UInt8(ascii: "u") else { throw failure("invalid escape in a string") }
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), peek == UInt8(ascii: "\\") {
                index += 1
                try expect(UInt8(ascii: "u"), "a low surrogate \\u escape")
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw failure("invalid \\u escape") }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let b = peek, let digit = Character(Unicode.Scalar(b)).hexDigitValue else {
                    throw failure("invalid \\u escape")
                }
                value = value * 16 + UInt32(digit)
                index += 1
            }
            return value
        }

        mutating func parseNumber() throws(SyntaxError) -> Double {
            let start = index
            func digits(_ p: inout Parser) -> Int {
                var n = 0
                while let b = p.peek, b >= 0x30 && b <= 0x39 {
                    p.index += 1
                    n += 1
                }
                return n
            }
            if peek == UInt8(ascii: "-") { index += 1 }
            if peek == UInt8(ascii: "0") {
                index += 1
            } else if digits(&self) == 0 {
                throw failure("invalid number")
            }
            if peek == UInt8(ascii: ".") {
                index += 1
                if digits(&self) == 0 { throw failure("invalid number") }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                if digits(&self) == 0 { throw failure("invalid number") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Double(text) else { throw failure("invalid number") }
            return value
        }
    }
}
