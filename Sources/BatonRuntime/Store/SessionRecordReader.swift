import BatonCore
import Foundation

/// Reads one line of `events.jsonl`. The lines most sessions are made of — activity lines
/// and what the user said — are read directly from their JSON; every other line (and any
/// line that does not have exactly the expected shape) goes through `JSONDecoder`, so the
/// result is always what `JSONDecoder` would give.
struct SessionRecordReader {
    private let decoder = JSONDecoder()

    func record(_ line: Data.SubSequence) -> SessionRecord? {
        if let fast = Self.common(line) { return fast }
        return try? decoder.decode(SessionRecord.self, from: Data(line))
    }

    /// `{"at":…,"event":{"taskActivity":{"task":…,"text":…}},"seq":…}` or `userSaid`.
    static func common(_ line: Data.SubSequence) -> SessionRecord? {
        // JSONDecoder refuses a lone surrogate escape where the parser substitutes U+FFFD:
        // any surrogate escape goes the slow way.
        guard !hasSurrogateEscape(line) else { return nil }
        let parsed = line.withUnsafeBytes { raw in JSONLineParser.parse(bytes: raw.bindMemory(to: UInt8.self)) }
        guard let object = parsed as? [String: Any], object.count == 3,
            let seq = object["seq"] as? Int,
            let at = (object["at"] as? Double) ?? (object["at"] as? Int).map(Double.init), at.isFinite,
            let wrapper = object["event"] as? [String: Any], wrapper.count == 1,
            let (name, value) = wrapper.first, let fields = value as? [String: Any]
        else { return nil }
        switch name {
        case "taskActivity":
            guard fields.count == 2, let task = fields["task"] as? String, let text = fields["text"] as? String else { return nil }
            return SessionRecord(seq: seq, at: at, event: .taskActivity(task: task, text: text))
        case "userSaid":
            guard fields.count == 1, let text = fields["text"] as? String else { return nil }
            return SessionRecord(seq: seq, at: at, event: .userSaid(text: text))
        default:
            return nil
        }
    }

    /// True when the line holds `\uD800`…`\uDFFF` (any case).
    static func hasSurrogateEscape(_ line: Data.SubSequence) -> Bool {
        line.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            guard b.count >= 4 else { return false }
            for i in 0..<(b.count - 3)
            where b[i] == UInt8(ascii: "\\") && b[i + 1] == UInt8(ascii: "u")
                && (b[i + 2] | 0x20) == UInt8(ascii: "d")
            {
                switch b[i + 3] | 0x20 {
                case UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b"),
                    UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "f"):
                    return true
                default:
                    continue
                }
            }
            return false
        }
    }
}
