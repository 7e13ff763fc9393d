import BatonCore
import Foundation

/// Turns an agent's stdout, line by line, into events, and its end into a `TurnResult`.
///
/// Decoders never throw and never crash on bad input: corrupt lines become `.warning` events.
public protocol StreamDecoder {
    /// Decodes one line of stdout (without its newline).
    mutating func decode(line: String) -> [AgentEvent]
    /// Builds the turn's result once the process has exited.
    mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult
}

/// A decoder of one JSON object per line: lines are parsed (keeping only the members in
/// `read`) and each object goes to `handle`; skipped and corrupt lines are dealt with here.
protocol JSONObjectDecoder: StreamDecoder {
    /// The members `handle` reads (the rest is skipped unbuilt).
    static var read: JSONFilter { get }
    mutating func handle(_ object: JSONObject) -> [AgentEvent]
    /// True for a line `handle` would ignore whole, told from its first bytes (not parsed).
    func ignores(_ line: String) -> Bool
}

extension JSONObjectDecoder {
    static var read: JSONFilter { .all }

    func ignores(_ line: String) -> Bool { false }

    public mutating func decode(line: String) -> [AgentEvent] {
        if ignores(line) { return [] }
        switch JSONLine.parse(line, keeping: Self.read) {
        case .skip: return []
        case .warning(let w): return [.warning(w)]
        case .object(let object): return handle(object)
        }
    }
}

extension [AgentEvent] {
    /// `self + more`, without a copy when either is empty (the usual case for one line).
    func followed(by more: [AgentEvent]) -> [AgentEvent] {
        more.isEmpty ? self : isEmpty ? more : self + more
    }
}

/// Shared helpers for the JSON-lines decoders.
enum JSONLine {
    /// Lines longer than this are reported and skipped.
    static let maxBytes = 16 * 1024 * 1024

    enum Parsed {
        case object(JSONObject)
        case skip
        case warning(String)
    }

    /// One JSON object per line; blank lines and lines not starting with `{` are skipped.
    /// Only the members `filter` names are built (the rest is validated and skipped).
    static func parse(_ line: String, keeping filter: JSONFilter = .all) -> Parsed {
        var line = line
        let fast: Parsed? = line.withUTF8 { bytes -> Parsed? in
            guard bytes.count <= maxBytes else { return nil }
            var k = 0
            while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0D { k += 1 }
            guard k < bytes.count, bytes[k] == UInt8(ascii: "{") else { return Parsed.skip }
            // A non-ASCII byte after `{` may extend it into another Character: the slow path decides.
            guard k + 1 == bytes.count || bytes[k + 1] < 0x80 else { return nil }
            guard case .object(let object)? = JSONLineParser.parseValue(bytes: bytes, keeping: filter) else { return nil }
            return Parsed.object(object)
        }
        if let fast { return fast }
        return parseSlowly(line, keeping: filter)
    }

    private static func parseSlowly(_ line: String, keeping filter: JSONFilter) -> Parsed {
        let byteCount = line.utf8.count
        if byteCount > maxBytes {
            return .warning("skipped a \(byteCount / (1024 * 1024)) MiB output line (over 16 MiB)")
        }
        let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard trimmed.first == "{" else { return .skip }
        var bytes = line
        guard case .object(let object)? = bytes.withUTF8({ JSONLineParser.parseValue(bytes: $0, keeping: filter) }) else {
            return .warning("unreadable output line: \(TerminalText.oneLine(String(trimmed), limit: 80))")
        }
        return .object(object)
    }

    /// True when `line` is one whole object whose first member is `"type": <value>` (as the
    /// agents write their events), told without parsing it; `value` is the type as a JSON
    /// string, quotes included. A line cut short (not ending in `}`) is not, so the parser
    /// still reports it.
    static func isEvent(_ line: String, ofType value: [UInt8]) -> Bool {
        var line = line
        return line.withUTF8 { bytes in
            var end = bytes.count - 1
            while end > 0, bytes[end] == 0x20 || bytes[end] == 0x09 || bytes[end] == 0x0D { end -= 1 }
            guard end > 0, bytes[end] == UInt8(ascii: "}") else { return false }
            var i = 0
            func next(_ expected: [UInt8]) -> Bool {
                while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
                guard end - i >= expected.count, bytes[i..<i + expected.count].elementsEqual(expected) else { return false }
                i += expected.count
                return true
            }
            return next(openBrace) && next(typeKey) && next(colon) && next(value) && next(comma)
        }
    }

    private static let openBrace = Array("{".utf8)
    private static let typeKey = Array("\"type\"".utf8)
    private static let colon = Array(":".utf8)
    private static let comma = Array(",".utf8)

    // MARK: Reading parsed values (a missing member, null or another type reads as absent)

    static func string(_ value: JSONValue?) -> String? {
        guard case .string(let s)? = value else { return nil }
        return s
    }

    /// An integer, or a double in ±1e15 (truncated).
    static func int(_ value: JSONValue?) -> Int? {
        switch value {
        case .int(let n)?: return n
        case .double(let d)? where d.isFinite && abs(d) < 1e15: return Int(d)
        default: return nil
        }
    }

    static func double(_ value: JSONValue?) -> Double? {
        switch value {
        case .double(let d)? where d.isFinite: return d
        case .int(let n)?: return Double(n)
        default: return nil
        }
    }

    static func bool(_ value: JSONValue?) -> Bool {
        guard case .bool(let b)? = value else { return false }
        return b
    }

    /// A member that is not there, or null.
    static func absent(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: return true
        default: return false
        }
    }

    static func object(_ value: JSONValue?) -> JSONObject? {
        guard case .object(let o)? = value else { return nil }
        return o
    }

    static func array(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let a)? = value else { return [] }
        return a
    }

    /// "exited without a result" / "exited with status N", plus the stderr tail when there is one.
    static func exitError(_ base: String, stderrTail: String) -> String {
        let tail = TerminalText.oneLine(lastLines(stderrTail), limit: 240)
        return tail.isEmpty ? base : "\(base): \(tail)"
    }

    /// Why a turn ended badly: "killed by signal N" when a signal ended it (the runtime
    /// reports that as exit status 128+N), else `base` with the stderr tail.
    static func endError(_ base: String, exitCode: Int32, stderrTail: String) -> String {
        if let signal = signal(exitCode) { return "killed by signal \(signal)" }
        return exitError(base, stderrTail: stderrTail)
    }

    /// The signal that ended a process whose exit status is `exitCode` (128+N), if any.
    static func signal(_ exitCode: Int32) -> Int32? {
        exitCode > 128 && exitCode < 128 + 32 ? exitCode - 128 : nil
    }

    /// The last few non-empty lines of stderr (where the reason usually is), known noise left out.
    static func lastLines(_ text: String, count: Int = 3) -> String {
        let lines = text.split(whereSeparator: \.isNewline).filter { line in
            !line.trimmingCharacters(in: .whitespaces).isEmpty && !StderrNoise.isNoise(line)
        }
        return lines.suffix(count).joined(separator: " ")
    }
}
