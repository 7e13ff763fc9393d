import Foundation

extension OfflinePlanner {
    /// How a clause was joined to the one before it.
    enum Marker: Equatable { case none, then, finally }

    /// One piece of the mission that may become a task.
    struct Clause: Equatable {
        var text: String
        var marker: Marker = .none
        /// The head of a "head: a, b, c" list ("Build the onboarding flow").
        var context: String?
    }

    /// Splits a mission into clauses: list items, sentences, `;`, ordering words, and commas
    /// or "and" before an imperative verb.
    /// Parentheses, brackets and quoted text are shielded first, so they never split.
    static func clauses(of mission: String) -> [Clause] {
        var segments: [Clause] = []
        for block in listItems(shield(mission)) {
            for sentence in sentences(block) {
                segments.append(contentsOf: colonList(sentence))
            }
        }
        var result: [Clause] = []
        for segment in segments {
            for (i, piece) in connectives(segment.text).enumerated() {
                for (j, part) in verbClauses(piece.text).enumerated() {
                    var clause = Clause(text: part, marker: j == 0 ? piece.marker : .none, context: segment.context)
                    if i == 0, j == 0, piece.marker == .none { clause.marker = segment.marker }
                    result.append(clause)
                }
            }
        }
        return result.map { Clause(text: unshield($0.text), marker: $0.marker, context: $0.context.map(unshield)) }
            .filter { !$0.text.isEmpty }
    }

    /// Separators hidden inside parentheses, brackets and quotes, and what stands in for them.
    static let shielded: [(Character, Character)] = [
        (",", "\u{E000}"), (";", "\u{E001}"), (".", "\u{E002}"), (":", "\u{E003}"), ("\n", "\u{E004}"),
        (" ", "\u{E005}"), ("!", "\u{E006}"), ("?", "\u{E007}"), ("-", "\u{E008}"), (")", "\u{E009}"),
    ]

    /// Replaces the separators inside `(…)`, `[…]`, `"…"`, `“…”` and `` `…` `` with stand-ins
    /// (an opening mark without its closing one is left alone).
    static func shield(_ text: String) -> String {
        let closers: [Character: Character] = ["(": ")", "[": "]", "\"": "\"", "“": "”", "`": "`"]
        let map = Dictionary(uniqueKeysWithValues: shielded)
        var out = ""
        var open: [Character] = []
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            if let closer = open.last, c == closer {
                open.removeLast()
                out.append(open.isEmpty ? c : (map[c] ?? c))
                continue
            }
            if let closer = closers[c], open.last.map({ $0 != "\"" && $0 != "`" && $0 != "”" }) ?? true,
                chars[(i + 1)...].contains(closer)
            {
                out.append(c)
                open.append(closer)
                continue
            }
            out.append(open.isEmpty ? c : (map[c] ?? c))
        }
        return out
    }

    /// Puts back what ``shield(_:)`` hid.
    static func unshield(_ text: String) -> String {
        let back = Dictionary(uniqueKeysWithValues: shielded.map { ($0.1, $0.0) })
        return String(text.map { back[$0] ?? $0 })
    }

    /// Numbered or bulleted list items (one per line, or inline `1) … 2) …`); else the text.
    static func listItems(_ text: String) -> [String] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map(String.init)
        let pattern = #"^\s*(?:\(?\d+[.)]|[-*•])\s+"#
        let items = lines.filter { $0.range(of: pattern, options: .regularExpression) != nil }
        if items.count >= 2 {
            return lines.compactMap { line -> String? in
                if let r = line.range(of: pattern, options: .regularExpression) { return String(line[r.upperBound...]) }
                let t = line.trimmingCharacters(in: .whitespaces)
                return t.hasSuffix(":") || t.isEmpty ? nil : t  // a "Do these:" preamble is not a task
            }
        }
        // Inline numbering: "1) a 2) b 3) c" or "1. a 2. b".
        let inline = #"(?:^|\s)\(?([1-9])[.)]\s+"#
        var parts: [String] = []
        var rest = text[...]
        var expected = 1
        var preamble = ""
        while let r = rest.range(of: inline, options: .regularExpression) {
            let number = rest[r].trimmingCharacters(in: CharacterSet(charactersIn: " ().\n\t"))
            guard Int(number) == expected else { break }
            if expected == 1 { preamble = String(rest[..<r.lowerBound]) } else { parts.append(String(rest[..<r.lowerBound])) }
            rest = rest[r.upperBound...]
            expected += 1
        }
        guard expected > 2 else { return lines }
        parts.append(String(rest))
        let head = preamble.trimmingCharacters(in: .whitespaces)
        return (head.isEmpty || head.hasSuffix(":") ? [] : [head]) + parts
    }

    /// Sentences and `;`-separated parts; "e.g." and file names like README.md do not split.
    static func sentences(_ text: String) -> [String] {
        var protected = text
        for abbreviation in ["e.g.", "i.e.", "etc.", "vs.", "E.g.", "I.e."] {
            protected = protected.replacingOccurrences(of: abbreviation, with: abbreviation.replacingOccurrences(of: ".", with: "\u{1}"))
        }
        let marked = protected.replacingOccurrences(of: #"([.!?])\s+"#, with: "$1\u{2}", options: .regularExpression)
        return marked.split(whereSeparator: { $0 == "\u{2}" || $0 == ";" || $0 == "\n" })
            .map { $0.replacingOccurrences(of: "\u{1}", with: ".").trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// "Build the onboarding flow: signup form, email verification, welcome tour" → items
    /// carrying the head as context. A colon without a list keeps the sentence whole.
    static func colonList(_ sentence: String) -> [Clause] {
        guard let colon = sentence.firstIndex(of: ":") else { return [Clause(text: sentence)] }
        let head = sentence[..<colon].trimmingCharacters(in: .whitespaces)
        let tail = sentence[sentence.index(after: colon)...]
        guard tail.first == " " || tail.first == nil, tail.contains(","), !head.contains("/") else { return [Clause(text: sentence)] }
        // "Set up CI: build, lint, test" lists the steps of one pipeline, not tasks.
        if OfflinePlannerWords.kind(of: head) == .ops { return [Clause(text: sentence)] }
        let items = tail.replacingOccurrences(of: #",\s*(?:and\s+)?|\s+and\s+"#, with: "\u{2}", options: .regularExpression)
            .split(separator: "\u{2}").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return items.map { Clause(text: $0, context: head) }
    }

    /// Splits at "then", "after that", "finally", … and marks what follows.
    static func connectives(_ text: String) -> [Clause] {
        let pattern =
            #"(?i)(?:^|\s*[,;]?\s+)(and then|after that|afterwards|once that is done|once that's done|once [^,;]{1,60}? (?:is|are) (?:done|in|ready|merged|finished|working)|when that is done|and finally|finally|lastly|then)\b,?\s*"#
        let marked = text.replacingOccurrences(of: pattern, with: "\u{1}$1\u{2}", options: .regularExpression)
        var result: [Clause] = []
        for piece in marked.split(separator: "\u{1}") {
            var marker = Marker.none
            var body = String(piece)
            if let sep = body.firstIndex(of: "\u{2}") {
                let word = body[..<sep].lowercased()
                marker = ["finally", "and finally", "lastly"].contains(word) ? .finally : .then
                body = String(body[body.index(after: sep)...])
            }
            body = body.trimmingCharacters(in: CharacterSet(charactersIn: " ,;\t"))
            if !body.isEmpty { result.append(Clause(text: body, marker: marker)) }
        }
        return result
    }

    /// Splits at ", <verb>" and " and <verb>" so each imperative clause stands alone.
    static func verbClauses(_ text: String) -> [String] {
        let marked = text.replacingOccurrences(of: #"(,\s*and\s+|,\s*|\s+and\s+)"#, with: "\u{1}$1\u{2}", options: .regularExpression)
        var clauses: [String] = []
        var current = ""
        for piece in marked.split(separator: "\u{1}", omittingEmptySubsequences: false) {
            guard let sep = piece.firstIndex(of: "\u{2}") else {
                current += piece
                continue
            }
            let separator = String(piece[..<sep])
            let body = String(piece[piece.index(after: sep)...])
            let wordsSoFar = current.split(whereSeparator: \.isWhitespace).count
            if OfflinePlannerWords.startsWithVerb(body), wordsSoFar >= 2, !current.hasSuffix("so that") {
                clauses.append(current)
                current = body
            } else {
                current += separator + body
            }
        }
        clauses.append(current)
        return clauses.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
