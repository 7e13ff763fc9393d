import Foundation

/// What Baton knows about the repository at one HEAD: languages and sizes, how to build,
/// test and lint it, its top-level layout — and, for a mission, the files and folders its
/// nouns name and the recent commits there (``focus``). Built by the workspace, cached per
/// HEAD under `.baton/map/`, shown by `/map`, given to planners.
public struct RepositoryMap: Codable, Equatable, Sendable {
    /// One language: how many tracked files and bytes.
    public struct Language: Codable, Equatable, Sendable {
        public var name: String
        public var files: Int
        public var bytes: Int
    }

    /// One top-level entry: a folder (`Sources/`) with its file count, or `(top level)`.
    public struct Entry: Codable, Equatable, Sendable {
        public var path: String
        public var files: Int
    }

    /// The part that depends on the mission.
    public struct Focus: Codable, Equatable, Sendable {
        /// The nouns and identifiers looked for.
        public var terms: [String]
        /// Folders (ending in `/`) and files whose names match, narrowest first.
        public var paths: [String]
        /// Files whose contents name one of the identifiers (`git grep -l`).
        public var contents: [String]
        /// `<short id> <subject>` of recent commits touching them.
        public var commits: [String]
        /// Folders named only by a qualified noun ("crash reports" → `Sources/Reports/`) whose
        /// files hold the qualifier: folder → those qualifiers (normalized).
        public var confirmed: [String: [String]]?

        public init(
            terms: [String] = [], paths: [String] = [], contents: [String] = [], commits: [String] = [],
            confirmed: [String: [String]]? = nil
        ) {
            self.terms = terms
            self.paths = paths
            self.contents = contents
            self.commits = commits
            self.confirmed = confirmed
        }
    }

    /// Format of the cached file; a different one is rebuilt.
    public static let formatVersion = 1

    public var version: Int = RepositoryMap.formatVersion
    public var head: String
    public var files: Int
    public var bytes: Int
    public var languages: [Language]
    public var checks: [ProjectCheck]
    public var layout: [Entry]
    public var focus: Focus?

    public init(head: String, files: Int, bytes: Int, languages: [Language], checks: [ProjectCheck], layout: [Entry], focus: Focus? = nil) {
        self.head = head
        self.files = files
        self.bytes = bytes
        self.languages = languages
        self.checks = checks
        self.layout = layout
        self.focus = focus
    }

    /// Paths the offline planner may give as scopes: the focus's folders and files.
    public var knownPaths: [String] { (focus?.paths ?? []) + (focus?.contents ?? []) }

    /// The qualifiers confirmed in folders (see ``Focus/confirmed``), for the offline planner.
    public var confirmedQualifiers: [String: [String]] { focus?.confirmed ?? [:] }

    /// Builds the mission-independent part from the tracked files (path and size in bytes)
    /// and a reader for manifests.
    public static func summarize(head: String, files: [(path: String, bytes: Int)], read: (String) -> String?) -> RepositoryMap {
        var languages: [String: Language] = [:]
        var folders: [String: Int] = [:]
        var total = 0
        for file in files {
            total += file.bytes
            let parts = file.path.split(separator: "/", maxSplits: 1)
            folders[parts.count > 1 ? String(parts[0]) + "/" : "(top level)", default: 0] += 1
            guard let language = language(of: file.path) else { continue }
            languages[language, default: Language(name: language, files: 0, bytes: 0)].files += 1
            languages[language]!.bytes += file.bytes
        }
        let ranked = languages.values.sorted { ($0.bytes, $1.name) > ($1.bytes, $0.name) }
        let layout = folders.map { Entry(path: $0.key, files: $0.value) }
            .sorted { ($0.files, $1.path) > ($1.files, $0.path) }
        return RepositoryMap(
            head: head, files: files.count, bytes: total, languages: ranked,
            checks: ProjectChecks.detect(paths: files.map(\.path), read: read), layout: layout)
    }

    /// The language of a file by its extension (or name), nil for data and unknown files.
    public static func language(of path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name == "Makefile" { return "Make" }
        if name == "Dockerfile" { return "Docker" }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return extensionLanguages[name[name.index(after: dot)...].lowercased()]
    }

    static let extensionLanguages: [String: String] = [
        "swift": "Swift", "ts": "TypeScript", "tsx": "TypeScript", "js": "JavaScript", "jsx": "JavaScript",
        "mjs": "JavaScript", "cjs": "JavaScript", "py": "Python", "go": "Go", "rs": "Rust", "rb": "Ruby",
        "java": "Java", "kt": "Kotlin", "kts": "Kotlin", "c": "C", "h": "C", "cc": "C++", "cpp": "C++", "hpp": "C++",
        "cs": "C#", "php": "PHP", "m": "Objective-C", "mm": "Objective-C", "scala": "Scala", "sh": "Shell",
        "bash": "Shell", "css": "CSS", "scss": "SCSS", "html": "HTML", "vue": "Vue", "svelte": "Svelte",
        "sql": "SQL", "md": "Markdown", "proto": "Protobuf", "ex": "Elixir", "exs": "Elixir", "dart": "Dart",
        "lua": "Lua", "zig": "Zig", "hs": "Haskell", "clj": "Clojure", "ml": "OCaml", "r": "R",
    ]
}
