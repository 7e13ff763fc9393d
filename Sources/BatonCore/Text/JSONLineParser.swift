import Foundation

/// A strict JSON reader for one line of agent output, straight from UTF-8 bytes to typed
/// ``JSONValue``s (``parseValue(bytes:keeping:)``) or to the values `JSONSerialization` gives
/// (`[String: Any]`, `[Any]`, `String`, `Int`, `Double`, `Bool`, `NSNull`;
/// ``parse(bytes:)``), about three times faster on Linux. Anything that is not valid JSON
/// gives nil, as `JSONSerialization` would throw. The one JSON line reader: the agents'
/// stream decoders and the session log's replay both read with it. Pure: bytes in, values out.
package struct JSONLineParser {
    /// Deeper nesting than this is refused (no stack overflow on hostile input).
    static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The JSON value of `bytes` (UTF-8), or nil, as `JSONSerialization` values.
    package static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Any? {
        parse(bytes, keeping: .all, as: FoundationValues.self)
    }

    /// The JSON value of a whole line (surrounding whitespace allowed), or nil; objects keep
    /// only the members `filter` names (see ``parseValue(bytes:keeping:)``).
    package static func parseValue(_ line: String, keeping filter: JSONFilter = .all) -> JSONValue? {
        var line = line
        return line.withUTF8 { parseValue(bytes: $0, keeping: filter) }
    }

    /// The JSON value of `bytes` (UTF-8), or nil. Objects keep only the members `filter`
    /// names: the other values are checked as strictly (so the answer is nil exactly when it
    /// would be) and skipped without being built.
    package static func parseValue(bytes: UnsafeBufferPointer<UInt8>, keeping filter: JSONFilter = .all) -> JSONValue? {
        parse(bytes, keeping: filter, as: TypedValues.self)
    }

    private static func parse<B: JSONBuilding>(_ bytes: UnsafeBufferPointer<UInt8>, keeping filter: JSONFilter, as: B.Type) -> B.Value? {
        var p = JSONLineParser(bytes)
        guard let value = p.value(filter, B.self) else { return nil }
        p.skipSpace()
        return p.i == bytes.count ? value : nil
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private mutating func value<B: JSONBuilding>(_: B.Type) -> B.Value? {
        skipSpace()
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "{"): return object(B.self)
        case UInt8(ascii: "["): return array(.all, B.self)
        case UInt8(ascii: "\""): return string().map(B.string)
        case UInt8(ascii: "t"): return literal("true") ? B.bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? B.bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? B.null : nil
        default: return number(B.self)
        }
    }

    private mutating func value<B: JSONBuilding>(_ filter: JSONFilter, _: B.Type) -> B.Value? {
        guard case .keys(let keys) = filter else { return value(B.self) }
        skipSpace()
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "{"): return object(keys, B.self)
        case UInt8(ascii: "["): return array(filter, B.self)
        default: return value(B.self)
        }
    }

    /// An object keeping only the members `keys` names (the last one wins, as in ``object()``).
    private mutating func object<B: JSONBuilding>(_ keys: JSONFilter.Keys, _: B.Type) -> B.Value? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return nil }
        i += 1
        var result = B.newObject(capacity: keys.names.count)
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return B.object(result)
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let member = key(in: keys) else { return nil }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            if member >= 0 {
                guard let v = value(keys.filters[member], B.self) else { return nil }
                B.add(keys.names[member], v, to: &result)
            } else {
                guard skipValue() else { return nil }
            }
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                return B.object(result)
            }
            return nil
        }
    }

    /// An array, each element read with `filter`.
    private mutating func array<B: JSONBuilding>(_ filter: JSONFilter, _: B.Type) -> B.Value? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return nil }
        i += 1
        var result: [B.Value] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            return B.array(result)
        }
        while true {
            guard let v = value(filter, B.self) else { return nil }
            result.append(v)
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                return B.array(result)
            }
            return nil
        }
    }

    /// A member name at the opening quote: the index of the matching entry of `keys`, -1 for
    /// a name not kept, nil when the string is invalid. Compared as raw bytes unless escaped.
    private mutating func key(in keys: JSONFilter.Keys) -> Int? {
        let open = i
        i += 1
        let start = i
        skipPlainBytes()
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return keys.index(of: UnsafeBufferPointer(rebasing: bytes[start..<i - 1]))
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { return nil }
            i += 1
        }
        guard i < bytes.count else { return nil }
        i = open
        guard let name = string() else { return nil }
        return keys.names.firstIndex(of: name) ?? -1
    }

    // MARK: Skipping (validated exactly as parsing would, nothing built)

    private mutating func skipValue() -> Bool {
        skipSpace()
        guard i < bytes.count else { return false }
        switch bytes[i] {
        case UInt8(ascii: "{"): return skipObject()
        case UInt8(ascii: "["): return skipArray()
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return skipNumber()
        }
    }

    private mutating func skipObject() -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return false }
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return true
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), skipString() else { return false }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
            i += 1
            guard skipValue() else { return false }
            skipSpace()
            guard i < bytes.count else { return false }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                return true
            }
            return false
        }
    }

    private mutating func skipArray() -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return false }
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            return true
        }
        while true {
            guard skipValue() else { return false }
            skipSpace()
            guard i < bytes.count else { return false }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                return true
            }
            return false
        }
    }

    /// A string at its opening quote: escapes must be valid (`\u` with four hex digits),
    /// no raw control characters, a closing quote.
    private mutating func skipString() -> Bool {
        i += 1
        while i < bytes.count {
            skipPlainBytes()
            guard i < bytes.count else { break }
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { return true }
            if b < 0x20 { return false }
            if b != UInt8(ascii: "\\") { continue }
            guard i < bytes.count else { return false }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                guard hex4() != nil else { return false }
            default:
                return false
            }
        }
        return false
    }

    private mutating func skipNumber() -> Bool {
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { return false }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { return false }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { return false }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return true
    }

    /// True (and past it) when `word` is next.
    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
        i += n
        return true
    }

    private mutating func object<B: JSONBuilding>(_: B.Type) -> B.Value? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return nil }
        i += 1
        var result = B.newObject(capacity: 0)
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return B.object(result)
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            guard let v = value(B.self) else { return nil }
            B.add(key, v, to: &result)
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                return B.object(result)
            }
            return nil
        }
    }

    /// A string starting at the opening quote. Runs without escapes are copied in one go.
    private mutating func string() -> String? {
        i += 1
        let start = i
        // Fast path: no escapes.
        skipPlainBytes()
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { return nil }
            i += 1
        }
        guard i < bytes.count else { return nil }
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { return nil }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                i += 1
                continue
            }
            i += 1
            guard i < bytes.count else { return nil }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return nil }
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate needs its low half; alone it is replaced.
                    if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        guard let low = hex4() else { return nil }
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            appendScalar(0xFFFD, to: &out)
                            scalar = low
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                }
                if (0xD800...0xDFFF).contains(scalar) { scalar = 0xFFFD }
                appendScalar(scalar, to: &out)
            default:
                return nil
            }
        }
        return nil
    }

    /// Moves past the bytes of a string that need no attention (not `"`, `\` or a control
    /// character), eight at a time; stops at the first that does, or fewer than eight from the end.
    private mutating func skipPlainBytes() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        // A byte's high bit is set when it is zero (the lowest one set is exact: a borrow only
        // travels upwards from a byte that is zero).
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & high }
        while i + 8 <= bytes.count {
            let v = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let special = zeroBytes(v ^ (ones &* 0x22)) | zeroBytes(v ^ (ones &* 0x5C)) | ((v &- ones &* 0x20) & ~v & high)
            if special != 0 {
                i += special.trailingZeroBitCount / 8
                return
            }
            i += 8
        }
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        out.append(contentsOf: String(Character(scalar)).utf8)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: an `Int` when integral and in range,
    /// else a `Double`.
    private mutating func number<B: JSONBuilding>(_: B.Type) -> B.Value? {
        let start = i
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { return nil }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
        var integral = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { return nil }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { return nil }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        if integral, let n = Int(text) { return B.int(n) }
        return Double(text).map(B.double)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}

/// The part of a JSON line a decoder reads (see ``JSONLineParser/parse(bytes:keeping:)``):
/// `.all` keeps a value whole; `.keys` keeps only the named members of an object (each with
/// its own filter; for an array, of each element) and skips the rest unbuilt.
package enum JSONFilter: Sendable {
    case all
    case keys(Keys)

    /// Keeps `members` (name → filter of its value).
    package static func keep(_ members: KeyValuePairs<String, JSONFilter>) -> JSONFilter {
        .keys(Keys(members.map { ($0.key, $0.value) }))
    }

    /// Keeps each named member whole.
    package static func keep(_ names: String...) -> JSONFilter {
        .keys(Keys(names.map { ($0, .all) }))
    }

    /// Member names (as Strings and as UTF-8 bytes) with their filters, in one order.
    package final class Keys: Sendable {
        let names: [String]
        let filters: [JSONFilter]
        /// The names' UTF-8 bytes one after another; name `n` ends at `ends[n]`.
        private let nameBytes: [UInt8]
        private let ends: [Int]

        init(_ members: [(String, JSONFilter)]) {
            names = members.map(\.0)
            filters = members.map(\.1)
            nameBytes = Array(names.joined().utf8)
            var end = 0
            ends = names.map { name in
                end += name.utf8.count
                return end
            }
        }

        /// The index of the name spelled by `utf8`, -1 when it is not one of them.
        func index(of utf8: UnsafeBufferPointer<UInt8>) -> Int {
            nameBytes.withUnsafeBufferPointer { all in
                var begin = 0
                for n in 0..<ends.count {
                    let end = ends[n]
                    if end - begin == utf8.count, utf8.count == 0 || memcmp(all.baseAddress! + begin, utf8.baseAddress!, utf8.count) == 0 {
                        return n
                    }
                    begin = end
                }
                return -1
            }
        }
    }
}

/// How the parser builds what it reads.
private protocol JSONBuilding {
    associatedtype Value
    associatedtype Object
    static var null: Value { get }
    static func bool(_ b: Bool) -> Value
    static func int(_ n: Int) -> Value
    static func double(_ d: Double) -> Value
    static func string(_ s: String) -> Value
    static func array(_ elements: [Value]) -> Value
    static func newObject(capacity: Int) -> Object
    /// Adds a member; a later one of the same name wins.
    static func add(_ name: String, _ value: Value, to object: inout Object)
    static func object(_ object: Object) -> Value
}

/// The values `JSONSerialization` gives.
private enum FoundationValues: JSONBuilding {
    static var null: Any { NSNull() }
    static func bool(_ b: Bool) -> Any { b }
    static func int(_ n: Int) -> Any { n }
    static func double(_ d: Double) -> Any { d }
    static func string(_ s: String) -> Any { s }
    static func array(_ elements: [Any]) -> Any { elements }
    static func newObject(capacity: Int) -> [String: Any] { [String: Any](minimumCapacity: capacity) }
    static func add(_ name: String, _ value: Any, to object: inout [String: Any]) { object[name] = value }
    static func object(_ object: [String: Any]) -> Any { object }
}

/// ``JSONValue``s.
private enum TypedValues: JSONBuilding {
    static var null: JSONValue { .null }
    static func bool(_ b: Bool) -> JSONValue { .bool(b) }
    static func int(_ n: Int) -> JSONValue { .int(n) }
    static func double(_ d: Double) -> JSONValue { .double(d) }
    static func string(_ s: String) -> JSONValue { .string(s) }
    static func array(_ elements: [JSONValue]) -> JSONValue { .array(elements) }
    static func newObject(capacity: Int) -> JSONObject {
        var object = JSONObject()
        object.reserveCapacity(capacity == 0 ? 4 : min(capacity, 8))
        return object
    }
    static func add(_ name: String, _ value: JSONValue, to object: inout JSONObject) { object.append(name, value) }
    static func object(_ object: JSONObject) -> JSONValue { .object(object) }
}
