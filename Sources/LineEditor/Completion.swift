/// What Tab does with the candidates a completion provider returned.
struct Completion: Equatable {
    /// Text to insert at the cursor (may be empty).
    var insert: String
    /// Candidates to list above the prompt (empty when there is nothing to list).
    var listing: [String]

    /// The word being completed: the text after the last space, tab or newline.
    static func currentWord(_ lineBeforeCursor: String) -> Substring {
        let scalars = lineBeforeCursor.unicodeScalars
        if let last = scalars.lastIndex(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            return Substring(scalars[scalars.index(after: last)...])
        }
        return Substring(lineBeforeCursor)
    }

    /// One candidate: insert the rest of it plus a space. Several: insert their
    /// common prefix and list them. None: nothing (the editor beeps).
    static func plan(lineBeforeCursor: String, candidates: [String]) -> Completion {
        let word = String(currentWord(lineBeforeCursor))
        var seen = Set<String>()
        let matches = candidates.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
        switch matches.count {
        case 0:
            return Completion(insert: "", listing: [])
        case 1:
            return Completion(insert: String(matches[0].dropFirst(word.count)) + " ", listing: [])
        default:
            let prefix = commonPrefix(matches)
            return Completion(insert: String(prefix.dropFirst(word.count)), listing: matches.sorted())
        }
    }

    /// The longest common prefix, by characters.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            let chars = Array(word)
            var n = 0
            while n < prefix.count && n < chars.count && prefix[n] == chars[n] { n += 1 }
            prefix.removeLast(prefix.count - n)
        }
        return String(prefix)
    }

    /// Lays candidates out in columns that fit `width`, one string ending in "\n".
    static func columns(_ items: [String], width: Int) -> String {
        guard !items.isEmpty else { return "" }
        let cell = (items.map { TerminalLayout.visibleWidth($0) }.max() ?? 0) + 2
        let perRow = max(1, max(1, width) / cell)
        var out = ""
        for (i, item) in items.enumerated() {
            let last = i % perRow == perRow - 1 || i == items.count - 1
            out += item
            out += last ? "\n" : String(repeating: " ", count: cell - TerminalLayout.visibleWidth(item))
        }
        return out
    }
}
