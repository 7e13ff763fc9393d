import Foundation

extension RepositoryMap {
    /// What to look for in the repository for a mission: its nouns (for names of files and
    /// folders) and its identifiers (`ReportWriter`, `csv_export`, `` `parse` ``: for contents).
    public static func searchTerms(mission: String) -> (nouns: [String], identifiers: [String]) {
        var nouns: [String] = []
        for word in OfflinePlannerWords.words(mission) {
            let w = word.trimmingCharacters(in: CharacterSet(charactersIn: "'-"))
            guard w.count >= 3, OfflinePlanner.isNameWord(w), !nouns.contains(w) else { continue }
            nouns.append(w)
        }
        var identifiers: [String] = []
        let quoted = mission.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let tokens = mission.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
        for token in quoted + tokens {
            let inner = token.dropFirst()
            let isIdentifier =
                token.count >= 3 && token.count <= 60
                && token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
                && (quoted.contains(token) || token.contains("_")
                    || (inner.contains(where: \.isUppercase) && token.contains(where: \.isLowercase)))
            if isIdentifier, !identifiers.contains(token) { identifiers.append(token) }
        }
        return (Array(nouns.prefix(12)), Array(identifiers.prefix(8)))
    }

    /// Folders and files whose names the mission's nouns name (`reports` → `Sources/Reports/`,
    /// `CSV export` → `CSVExport.swift`): folders first, then files outside them, narrowest
    /// first within each; at most `limit`. A folder or file named only by a qualified noun
    /// ("crash reports") counts when a qualifier is confirmed: by a path at or below it, or in
    /// `confirmed` (path → qualifiers its contents hold, see ``qualifiedPaths(files:mission:limit:)``).
    public static func matchingPaths(
        files: [String], mission: String, limit: Int = 20, confirmed: [String: [String]] = [:]
    ) -> [String] {
        let words = OfflinePlannerWords.words(mission).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'-")) }
        let keys = OfflinePlanner.nameKeys(words: words)
        guard !keys.isEmpty else { return [] }
        let uses = NameUses(words: words)
        var folders: Set<String> = []
        var rejected: Set<String> = []
        var matchedFiles: [String] = []
        for file in files {
            let parts = file.split(separator: "/").map(String.init)
            for depth in 0..<(parts.count - 1) where keys.contains(OfflinePlanner.normalized(parts[depth])) {
                let folder = parts[...depth].joined(separator: "/") + "/"
                guard !folders.contains(folder), !rejected.contains(folder) else { continue }
                let named = OfflinePlanner.pathNamed(
                    folder, key: OfflinePlanner.normalized(parts[depth]), uses: uses, words: words, confirmed: confirmed, evidence: files)
                if named { folders.insert(folder) } else { rejected.insert(folder) }
            }
            let base = OfflinePlanner.normalized(parts.last.flatMap { $0.split(separator: ".").first.map(String.init) } ?? "")
            if keys.contains(base),
                OfflinePlanner.pathNamed(file, key: base, uses: uses, words: words, confirmed: confirmed, evidence: [file])
            {
                matchedFiles.append(file)
            }
        }
        // A folder inside a matching folder of the same name adds nothing (`Reports/Reports/`).
        let sortedFolders = folders.sorted { ($0.count, $0) < ($1.count, $1) }
        let outside = matchedFiles.filter { file in !folders.contains { file.hasPrefix($0) } }
            .sorted { ($0.count, $0) < ($1.count, $1) }
        return Array((sortedFolders + outside).prefix(limit))
    }

    /// Folders and files the mission names only through a qualified noun ("crash reports" →
    /// `Sources/Reports/`), with no path at or below them holding the qualifier: path → the
    /// qualifiers to look for in their contents (`git grep`). At most `limit`, shortest first.
    public static func qualifiedPaths(files: [String], mission: String, limit: Int = 6) -> [String: [String]] {
        let words = OfflinePlannerWords.words(mission).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'-")) }
        let uses = NameUses(words: words)
        var found: [String: [String]] = [:]
        var seen: Set<String> = []
        func consider(_ path: String, _ name: String, evidence: [String]) {
            let key = OfflinePlanner.normalized(name)
            guard let needed = uses.needed(key), seen.insert(path).inserted,
                !OfflinePlanner.pathNamed(
                    path, key: key, uses: uses, words: words, confirmed: [:], evidence: evidence)
            else { return }
            found[path] = needed.sorted()
        }
        for file in files {
            let parts = file.split(separator: "/").map(String.init)
            for depth in 0..<(parts.count - 1) {
                let folder = parts[...depth].joined(separator: "/") + "/"
                consider(folder, parts[depth], evidence: files)
            }
            consider(file, parts.last.flatMap { $0.split(separator: ".").first.map(String.init) } ?? "", evidence: [file])
        }
        let kept = Set(found.keys.sorted { ($0.count, $0) < ($1.count, $1) }.prefix(limit))
        return found.filter { kept.contains($0.key) }
    }
}
