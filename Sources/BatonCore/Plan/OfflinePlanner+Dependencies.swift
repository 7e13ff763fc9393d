import Foundation

extension OfflinePlanner {
    /// What a task waits for, each with a reason: an ordering word ("then", "finally", "once
    /// … is done"), a deploy/publish step (after what it ships), a task that names another's
    /// subject ("tests for the CSV export" after "Add CSV export"), or a tests/docs task that
    /// says no subject of its own ("tests", "Update the README", "document it") and so covers
    /// the work before it. Anything else stays independent.
    static func dependencies(of i: Int, in sorted: [Draft], original order: [Int]) -> [Int] {
        let draft = sorted[i]
        let earlier = Array(0..<i)
        var after: Set<Int> = []
        let covered: [Int]
        switch draft.kind {
        case .tests: covered = earlier.filter { sorted[$0].kind == .code || sorted[$0].kind == .refactor }
        case .docs: covered = earlier.filter { sorted[$0].kind != .docs }
        default: covered = []
        }
        if !covered.isEmpty, isReferential(draft) {
            after.formUnion(covered)
        }
        for j in earlier where names(draft, subjectOf: sorted[j]) {
            after.insert(j)
        }
        let lower = draft.title.lowercased()
        let deploys =
            OfflinePlannerWords.wordRange(of: "deploy", in: lower) != nil
            || OfflinePlannerWords.wordRange(of: "publish", in: lower) != nil
        if draft.marker == .finally || deploys {
            after.formUnion(earlier.filter { sorted[$0].kind != .docs || draft.kind != .docs })
        }
        let position = order[i]
        if draft.marker == .then, position > 0, let previous = order.firstIndex(of: position - 1), previous < i {
            after.insert(previous)
        }
        return after.sorted()
    }

    /// True when a tests or docs task names nothing of its own: bare ("tests", "Update the
    /// README"), a pronoun ("document it", "tests for both") or "the new …"/"the changes".
    static func isReferential(_ draft: Draft) -> Bool {
        let clause = OfflinePlannerWords.words(draft.clause)
        let pointers: Set<String> = ["it", "them", "this", "these", "both", "new", "changes", "above", "everything"]
        if clause.contains(where: pointers.contains) { return true }
        return specificWords(draft.clause).isEmpty
    }

    /// True when `draft` names the subject of `other`: every word of `other`'s object
    /// ("Add CSV export to …" → csv, export) appears in `draft`'s title or clause.
    static func names(_ draft: Draft, subjectOf other: Draft) -> Bool {
        let subject = specificWords(object(of: other.title))
        guard !subject.isEmpty else { return false }
        let own = Set(specificWords(draft.title + " " + draft.clause))
        return subject.allSatisfy(own.contains)
    }

    /// The stems of the words that say what a text is about: no verbs, articles, pronouns,
    /// prepositions, nor the words of a kind ("tests", "README", "docs").
    static func specificWords(_ text: String) -> [String] {
        OfflinePlannerWords.words(text).compactMap { word -> String? in
            let w = word.trimmingCharacters(in: CharacterSet(charactersIn: "'-"))
            guard w.count >= 2, !OfflinePlannerWords.strongVerbs.contains(w), !OfflinePlannerWords.weakVerbs.contains(w),
                !OfflinePlannerWords.determiners.contains(w), !OfflinePlannerWords.objectEnders.contains(w),
                !genericWords.contains(w)
            else { return nil }
            return stem(w)
        }
    }

    /// Words that say what kind of work, not what it is about.
    static let genericWords: Set<String> = [
        "tests", "test", "unit", "integration", "e2e", "coverage", "readme", "md", "docs", "documentation",
        "changelog", "release", "notes", "and", "or", "also", "then", "just", "more", "some", "he", "she",
        "is", "are", "be", "was", "do", "does", "not", "no", "we", "us", "me", "i", "you", "one", "two", "three",
    ]

    /// A crude stem, enough to match "limiter" with "limiting" and "reports" with "report".
    static func stem(_ word: String) -> String {
        var w = word
        for suffix in ["ing", "er", "ers", "ed", "es", "s"] where w.count > suffix.count + 3 && w.hasSuffix(suffix) {
            w.removeLast(suffix.count)
            break
        }
        return w
    }
}
