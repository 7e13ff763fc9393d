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
    /// first within each; at most `limit`.
    public static func matchingPaths(files: [String], mission: String, limit: Int = 20) -> [String] {
        let words = OfflinePlannerWords.words(mission).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'-")) }
        let keys = OfflinePlanner.nameKeys(words: words)
        guard !keys.isEmpty else { return [] }
        var folders: Set<String> = []
        var matchedFiles: [String] = []
        for file in files {
            let parts = file.split(separator: "/").map(String.init)
            for depth in 0..<(parts.count - 1) where keys.contains(OfflinePlanner.normalized(parts[depth])) {
                folders.insert(parts[...depth].joined(separator: "/") + "/")
            }
            let base = parts.last.flatMap { $0.split(separator: ".").first.map(String.init) } ?? ""
            if keys.contains(OfflinePlanner.normalized(base)) { matchedFiles.append(file) }
        }
        // A folder inside a matching folder of the same name adds nothing (`Reports/Reports/`).
        let sortedFolders = folders.sorted { ($0.count, $0) < ($1.count, $1) }
        let outside = matchedFiles.filter { file in !folders.contains { file.hasPrefix($0) } }
            .sorted { ($0.count, $0) < ($1.count, $1) }
        return Array((sortedFolders + outside).prefix(limit))
    }
}
