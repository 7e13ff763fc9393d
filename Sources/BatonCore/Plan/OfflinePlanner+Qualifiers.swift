import Foundation

/// How a text uses the words that may name a folder: bare ("the reports page") or after a
/// qualifying noun ("crash reports", qualified by "crash"). A qualified word names a folder
/// only when the folder's files confirm the qualifier: crash reports are rarely the reports
/// page's code.
struct NameUses: Equatable {
    /// Normalized words used at least once without a qualifying noun before them.
    var bare: Set<String> = []
    /// Normalized word → the normalized nouns qualifying it.
    var qualifiers: [String: Set<String>] = [:]

    init(words raw: [String]) {
        let words = raw.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'-")) }
        for (i, word) in words.enumerated() where OfflinePlanner.isNameWord(word) {
            let key = OfflinePlanner.normalized(word)
            if i > 0, Self.isQualifier(words[i - 1]) {
                qualifiers[key, default: []].insert(OfflinePlanner.normalized(words[i - 1]))
            } else {
                bare.insert(key)
            }
        }
    }

    /// The qualifiers a path named `key` needs confirmed, or nil when a bare use names it.
    func needed(_ key: String) -> Set<String>? {
        bare.contains(key) ? nil : qualifiers[key]
    }

    /// A noun in front of another ("crash" in "crash reports"): a name word that is neither a
    /// number nor an adjective ("slow reports", "broken links", "dark mode" are the same place).
    static func isQualifier(_ word: String) -> Bool {
        guard OfflinePlanner.isNameWord(word), word.contains(where: \.isLetter), !adjectives.contains(word) else { return false }
        return !adjectiveEndings.contains { word.count > $0.count + 2 && word.hasSuffix($0) }
    }

    static let adjectives: Set<String> = [
        "slow", "fast", "big", "small", "large", "empty", "broken", "wrong", "bad", "good", "long", "short", "first", "last",
        "current", "whole", "public", "private", "simple", "dark", "light", "flaky", "three", "two", "four", "five", "several",
        "many", "few", "other", "same", "different", "latest", "recent", "open", "closed", "full", "blank", "weekly", "daily",
        "monthly", "nightly", "duplicate", "old", "extra", "single", "multiple", "various",
    ]
    static let adjectiveEndings = ["ed", "ing", "ous", "ful", "less", "able", "ible", "ive", "ish"]

    /// Path evidence: a path at or below `path` (a folder ending in `/`, or a file) that holds
    /// a qualifier (`Sources/Reports/CrashLog.swift` confirms "crash" for `Sources/Reports/`).
    /// Returns the qualifiers confirmed.
    static func confirmedByPaths(_ qualifiers: Set<String>, path: String, files: [String]) -> Set<String> {
        var confirmed: Set<String> = []
        for file in files where file.hasPrefix(path) {
            let letters = file.lowercased().filter { $0.isLetter || $0.isNumber }
            for q in qualifiers where letters.contains(q) { confirmed.insert(q) }
            if confirmed.count == qualifiers.count { break }
        }
        return confirmed
    }
}
