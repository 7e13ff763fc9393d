/// Whether a question was already settled by an answered decision ("never ask twice"), and
/// whether a new answer contradicts an earlier one. Pure; shared by every path that opens a
/// question (checkpoint questions in `reduce`, `ask_human` over MCP) and by `/decide`.
///
/// Two questions are the same when their words match after normalising case, punctuation
/// and stop words, or when their options match (normalised, in any order) and their words
/// overlap highly (Jaccard ≥ ``overlapThreshold``).
public enum DecisionMatch {
    /// Token overlap (intersection over union) that counts as the same question when the
    /// options are the same.
    public static let overlapThreshold = 0.6

    /// Words that carry no meaning for matching.
    static let stopWords: Set<String> = [
        "a", "an", "the", "or", "and", "of", "to", "in", "on", "for", "with", "we", "i", "you", "it", "is", "are", "be",
        "should", "shall", "do", "does", "use", "using", "which", "what", "this", "that", "our", "my", "your", "can",
        "could", "would", "will", "at", "by", "as", "from", "into", "there", "here", "please", "instead",
    ]

    /// The meaningful words of `text`: lowercased, split at anything not a letter or digit,
    /// stop words left out.
    public static func tokens(_ text: String) -> [String] {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        return words.filter { !stopWords.contains($0) }
    }

    /// Intersection over union of the two token sets (0 when both are empty).
    public static func overlap(_ a: [String], _ b: [String]) -> Double {
        let x = Set(a)
        let y = Set(b)
        let union = x.union(y).count
        return union == 0 ? 0 : Double(x.intersection(y).count) / Double(union)
    }

    /// True when the two questions (with their options) ask the same thing.
    public static func same(question a: String, options ao: [String], as b: String, options bo: [String]) -> Bool {
        let ta = tokens(a)
        let tb = tokens(b)
        if !ta.isEmpty && ta == tb { return sameOptions(ao, bo) || ao.isEmpty || bo.isEmpty }
        guard !ao.isEmpty, sameOptions(ao, bo) else { return false }
        return overlap(ta, tb) >= overlapThreshold
    }

    /// The same options, normalised, in any order.
    public static func sameOptions(_ a: [String], _ b: [String]) -> Bool {
        Set(a.map { tokens($0).joined(separator: " ") }) == Set(b.map { tokens($0).joined(separator: " ") })
    }

    /// Kinds of decision whose answer settles the same question asked again: agents'
    /// questions and confirmations (not permissions, conflicts or stalls, which are about
    /// one moment of one task).
    public static func reusable(_ kind: DecisionKind) -> Bool { kind == .question || kind == .destructive }

    /// The answered decision that settles `question` (the one first answered by the user,
    /// not one answered from another), or nil. `excluding` leaves out the decision being
    /// asked itself.
    public static func settling(
        question: String, options: [String], kind: DecisionKind = .question, in decisions: [Decision], excluding: String? = nil
    )
        -> Decision?
    {
        guard reusable(kind) else { return nil }
        let candidates = decisions.filter { d in
            d.id != excluding && d.kind == kind && d.settlesLater && d.fromAgent == true
                && same(question: question, options: options, as: d.question, options: d.options)
        }
        // The latest answer wins (a replaced answer is the newest).
        return candidates.last
    }

    /// The earlier answered decision that `answer` to `decision` contradicts, or nil: the same
    /// question, answered by the user with different words.
    public static func contradicted(by answer: String, to decision: Decision, in decisions: [Decision]) -> Decision? {
        guard
            let earlier = settling(
                question: decision.question, options: decision.options, kind: decision.kind, in: decisions, excluding: decision.id),
            let earlierAnswer = earlier.answer
        else { return nil }
        let resolved = decision.resolve(answer)
        return tokens(resolved) == tokens(earlierAnswer) ? nil : earlier
    }

    /// Groups of open decisions that ask the same question (each group in id order; a
    /// decision alone is a group of one), in the order of their first members.
    public static func groups(_ open: [Decision]) -> [[Decision]] {
        var groups: [[Decision]] = []
        for d in open {
            if reusable(d.kind), d.fromAgent == true,
                let i = groups.firstIndex(where: { g in
                    g[0].kind == d.kind && same(question: g[0].question, options: g[0].options, as: d.question, options: d.options)
                })
            {
                groups[i].append(d)
            } else {
                groups.append([d])
            }
        }
        return groups
    }
}
