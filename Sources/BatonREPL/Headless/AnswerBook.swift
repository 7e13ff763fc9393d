import BatonCore
import Foundation

/// The answers `baton run --answers FILE` gives to decisions: a JSON object whose keys pick
/// decisions and whose values are answers (an option's number or words, as with /decide).
///
/// A key picks a decision in one of two ways:
/// - a decision id pattern: `D1` (that decision), `D*` (any), `D1*` (D1, D10–D19, …) —
///   `D` followed by digits and at most one trailing `*`, case-insensitive;
/// - any other key is question text: it picks every decision whose question contains it,
///   case-insensitive, with runs of white space counted as one space.
///
/// When several keys pick a decision, the most specific wins: an exact id, then question
/// text (the longest key first), then id patterns with `*` (the longest first).
struct AnswerBook: Equatable {
    struct Entry: Equatable {
        var key: String
        var answer: String
    }

    var entries: [Entry]

    /// Reads the file; a problem is one line that names the file and says what to fix.
    static func load(path: String) throws -> AnswerBook {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("cannot read the answers file \(path) — give a readable JSON file, e.g. {\"D*\": \"1\"}")
        }
        return try parse(data, name: path)
    }

    static func parse(_ data: Data, name: String) throws -> AnswerBook {
        let example = "e.g. {\"D1\": \"2\", \"stream rows\": \"stream rows\"}"
        guard let object = try? JSONDecoder().decode([String: Value].self, from: data) else {
            throw CommandError("\(name) is not a JSON object — write decision ids or question text mapped to answers, \(example)")
        }
        var entries: [Entry] = []
        for key in object.keys.sorted() {
            let trimmed = key.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else {
                throw CommandError("\(name) has an empty key — use a decision id (D1, D*) or words of the question")
            }
            guard let answer = object[key]?.text else {
                throw CommandError("\(name): the answer to \"\(key)\" is not a string or a whole number — \(example)")
            }
            guard !answer.isEmpty else { throw CommandError("\(name): the answer to \"\(key)\" is empty") }
            entries.append(Entry(key: trimmed, answer: answer))
        }
        return AnswerBook(entries: entries)
    }

    /// One answer in the file: a string or a whole number (an option's number); else nil.
    private struct Value: Decodable {
        var text: String?

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let s = try? container.decode(String.self) {
                text = s.trimmingCharacters(in: .whitespacesAndNewlines)
            } else if (try? container.decode(Bool.self)) == nil, let n = try? container.decode(Int.self) {
                text = String(n)
            }
        }
    }

    /// The answer for `decision`, and the key that gave it; nil when no key picks it.
    func answer(for decision: Decision) -> Entry? {
        let picked = entries.compactMap { entry in Self.rank(entry.key, decision).map { (entry, $0) } }
        return picked.max { a, b in a.1 != b.1 ? a.1 < b.1 : a.0.key.count < b.0.key.count }?.0
    }

    /// How specifically `key` picks `decision` (higher is more specific), or nil.
    static func rank(_ key: String, _ decision: Decision) -> Int? {
        if let pattern = idPattern(key) {
            let id = decision.id.uppercased()
            if !pattern.hasSuffix("*") { return id == pattern ? 3 : nil }
            return id.hasPrefix(pattern.dropLast()) ? 1 : nil
        }
        return normalized(decision.question).contains(normalized(key)) ? 2 : nil
    }

    /// `D1`, `d*`, `D1*` → upper-cased; anything else (question text) → nil.
    static func idPattern(_ key: String) -> String? {
        let upper = key.uppercased()
        guard upper.hasPrefix("D") else { return nil }
        var rest = upper.dropFirst()
        if rest.hasSuffix("*") { rest = rest.dropLast() } else if rest.isEmpty { return nil }
        return rest.allSatisfy(\.isASCII) && rest.allSatisfy(\.isNumber) ? upper : nil
    }

    private static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
