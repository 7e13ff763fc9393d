/// "Did you mean …?": the closest known word to a mistyped one.
public enum Suggestion {
    /// The candidate that `word` most likely meant: the first one it is a prefix of, else the
    /// nearest by edit distance (a transposition counts as one edit) when close enough.
    public static func nearest(_ word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        guard !w.isEmpty else { return nil }
        if let p = candidates.first(where: { $0.hasPrefix(w) }) { return p }
        let scored = candidates.map { ($0, editDistance(w, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, min(3, w.count / 2)) else { return nil }
        return best.0
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
    /// transpositions cost one each.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            before = previous
            previous = current
        }
        return previous[b.count]
    }
}
