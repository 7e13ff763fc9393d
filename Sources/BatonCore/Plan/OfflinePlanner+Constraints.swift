import Foundation

extension OfflinePlanner {
    /// "Keep the public API unchanged", "Don't touch the schema", "Without changing the
    /// output": a constraint on other tasks, never a task of its own.
    static func isConstraint(_ text: String) -> Bool {
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        return lower.range(of: constraintStart, options: .regularExpression) != nil
    }

    static let constraintStart =
        #"^(?:(?:but|and|while|also)\s+)?(?:keep(?!\s+track)|keeping|don't|dont|do not|never|without\s+\w+ing|leave\s.+\s(?:unchanged|alone|as is|untouched)|no\s+(?:changes|breaking))\b"#

    /// Splits "Refactor the payment module, keeping the public API unchanged" into the task
    /// and its constraint; nil when the clause has none.
    static func splitConstraint(_ text: String) -> (String, String)? {
        let pattern =
            #"(?i)(?:\s*,\s*(?:(?:but|and|while)\s+)?|\s+(?:but|and|while)\s+)(?:keep(?!\s+track)|keeping|don't|dont|do not|never|without\s+\w+ing)\b|\s+without\s+\w+ing\b"#
        guard let r = text.range(of: pattern, options: .regularExpression) else { return nil }
        let head = String(text[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
        let tail = String(text[r.lowerBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
        guard head.split(separator: " ").count >= 2 else { return nil }
        return (head, tail)
    }

    /// The constraint as an acceptance criterion: "keeping the API unchanged" → "Keep the API unchanged".
    static func constraintText(_ text: String) -> String {
        var t = text.trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
        t = t.replacingOccurrences(of: #"(?i)^(?:but|and|while|also)\s+"#, with: "", options: .regularExpression)
        if t.lowercased().hasPrefix("keeping ") { t = "keep " + t.dropFirst("keeping ".count) }
        return sentenceCase(t)
    }

    /// "Run the lint and the tests on every push" after an ops task: a step of its pipeline.
    static func isPipelineStep(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.range(of: #"^(?:it\s+(?:should\s+)?)?(?:run|runs|running|build|builds|check|checks)\b"#, options: .regularExpression)
            != nil
            || lower.range(of: #"\bon (?:every|each) (?:push|pull request|pr|commit|merge)\b"#, options: .regularExpression) != nil
    }

    /// Paths from the repository map that the clause's nouns name: a folder or file whose
    /// name is one of its words ("reports" → `Sources/Reports/`) or two adjacent words run
    /// together ("CSV export" → `CSVExport.swift`). Folders win over the files inside them;
    /// at most three, shortest first.
    static func mapScope(of clause: String, knownPaths: [String], confirmed: [String: [String]] = [:]) -> [String] {
        guard !knownPaths.isEmpty else { return [] }
        let words = OfflinePlannerWords.words(clause).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'-")) }
        let keys = nameKeys(words: words)
        let uses = NameUses(words: words)
        var matches: [String] = []
        for path in knownPaths {
            let isFolder = path.hasSuffix("/")
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let base = isFolder ? name : (name.split(separator: ".").first.map(String.init) ?? name)
            guard keys.contains(normalized(base)), !matches.contains(path),
                pathNamed(path, key: normalized(base), uses: uses, words: words, confirmed: confirmed, evidence: knownPaths)
            else { continue }
            matches.append(path)
        }
        let folders = matches.filter { $0.hasSuffix("/") }
        let kept = matches.filter { path in !folders.contains { $0 != path && path.hasPrefix($0) } }
        return Array(kept.sorted { ($0.count, $0) < ($1.count, $1) }.prefix(3))
    }

    /// Whether the words name `path` (a folder, or a file; `key` its name matched): by two
    /// words run together, by a bare word, or by a qualified word ("crash reports") whose
    /// qualifier is `confirmed` for it or found in a path at or below it among `evidence`.
    static func pathNamed(
        _ path: String, key: String, uses: NameUses, words: [String], confirmed: [String: [String]], evidence: [String]
    ) -> Bool {
        guard let needed = uses.needed(key) else { return true }
        if !Set(words.filter(isNameWord).map(normalized)).contains(key) { return true }  // "CSVExport/"
        if !needed.isDisjoint(with: confirmed[path] ?? []) { return true }
        return !NameUses.confirmedByPaths(needed, path: path, files: evidence).isEmpty
    }

    /// True when a word may name a file or folder (not a verb, article, preposition or a
    /// word too common to mean a place).
    static func isNameWord(_ word: String) -> Bool {
        word.count >= 3 && !OfflinePlannerWords.strongVerbs.contains(word) && !OfflinePlannerWords.weakVerbs.contains(word)
            && !OfflinePlannerWords.determiners.contains(word) && !OfflinePlannerWords.objectEnders.contains(word)
            && !scopeStopWords.contains(word)
    }

    /// The names `words` may refer to, normalized: each usable word, and each two adjacent
    /// words run together ("csv export" → "csvexport").
    static func nameKeys(words: [String]) -> Set<String> {
        var keys: Set<String> = []
        for (i, word) in words.enumerated() {
            let usable = isNameWord(word)
            if usable { keys.insert(normalized(word)) }
            if i + 1 < words.count, usable || words[i + 1].count >= 3 {
                keys.insert(normalized(word + words[i + 1]))
            }
        }
        return keys
    }

    /// Words too common to name a place in a repository.
    static let scopeStopWords: Set<String> = [
        "tests", "test", "spec", "specs", "and", "the", "src", "lib", "sources", "source", "code", "file", "files",
        "new", "old", "existing", "all", "every", "each", "when", "then", "main", "app", "page", "screen",
        "feature", "support", "module", "tests", "unit", "make", "sure", "more", "less", "into",
    ]

    /// Lowercased letters and digits, singular: "Reports" → "report", "csv-export" → "csvexport".
    static func normalized(_ word: String) -> String {
        var w = word.lowercased().filter { $0.isLetter || $0.isNumber }
        if w.count > 3, w.hasSuffix("s"), !w.hasSuffix("ss") { w.removeLast() }
        return w
    }
}
