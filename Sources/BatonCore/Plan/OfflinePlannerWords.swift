import Foundation

/// Word lists and small text helpers behind `OfflinePlanner`.
enum OfflinePlannerWords {
    /// Verbs that start an imperative clause and are rarely nouns.
    static let strongVerbs: Set<String> = [
        "add", "build", "create", "implement", "write", "fix", "remove", "delete", "refactor", "rename",
        "extract", "investigate", "research", "compare", "configure", "deploy", "migrate", "replace",
        "make", "improve", "optimize", "optimise", "introduce", "wire", "integrate", "expose", "convert",
        "upgrade", "bump", "allow", "enable", "disable", "handle", "validate", "generate", "publish", "ship",
        "tidy", "simplify", "benchmark", "measure", "review", "audit", "evaluate", "explore", "prototype",
        "draft", "sketch", "cover", "verify", "ensure", "document", "move", "split", "support", "translate",
        "localize", "deprecate", "set", "clean", "hook", "connect", "adopt", "switch",
        "containerize", "dockerize", "automate", "profile", "analyze", "analyse", "debug", "reproduce",
        "restructure", "reorganize", "consolidate", "unify", "port", "harden", "secure", "provide",
        "expand", "extend", "speed", "reduce", "drop", "fetch", "store", "persist", "show", "display", "send",
    ]
    /// Verbs that are often nouns too ("test", "update", "release"): they start a clause only
    /// when followed by an article, a pronoun, a path or a capitalized word.
    static let weakVerbs: Set<String> = [
        "test", "update", "change", "release", "log", "cache", "design", "check", "track", "parse", "render",
        "merge", "run", "package", "format", "lint", "rewrite", "polish", "tune", "limit",
    ]
    static let determiners: Set<String> = [
        "the", "a", "an", "all", "our", "its", "their", "this", "that", "these", "those", "it", "them",
        "every", "each", "some", "any", "new", "my", "your", "up", "out", "tests", "docs",
    ]
    /// Phrases stripped from the start of a clause before it becomes a title.
    static let leadIns = [
        "i want you to", "i'd like you to", "i would like you to", "we need to", "we should", "we must",
        "you should", "can you", "could you", "would you", "please", "let's", "lets", "go ahead and",
        "make sure to", "try to", "and then", "and also", "after that", "afterwards", "also", "and", "then",
        "next", "first of all", "firstly", "first", "secondly", "second", "thirdly", "finally", "lastly", "plus",
    ]
    static let fileExtensions: Set<String> = [
        "swift", "md", "py", "js", "ts", "tsx", "jsx", "go", "rs", "rb", "java", "kt", "c", "h", "cpp", "hpp",
        "m", "json", "yml", "yaml", "toml", "txt", "sh", "css", "scss", "html", "sql", "proto", "gradle",
        "xml", "lock", "cfg", "ini", "env", "mk", "cs", "php", "vue", "svelte",
    ]

    /// Keywords by kind. The object of the clause (the words after its verb, up to a
    /// preposition) decides first; else the earliest keyword anywhere, tests words excepted.
    static let kindKeywords: [(TaskKind, [String])] = [
        (.tests, ["tests", "test", "spec", "specs", "unit-test", "unittest", "coverage", "e2e", "test suite"]),
        (
            .docs,
            [
                "readme", "readme.md", "docs", "documentation", "changelog", "changelog.md", "release notes", "docstring", "docstrings",
                "guide", "tutorial",
            ]
        ),
        (
            .ops,
            [
                "ci", "deploy", "deployment", "docker", "dockerfile", "pipeline", "github actions", "workflow", "kubernetes", "k8s", "helm",
                "terraform", "staging", "production", "ci/cd",
            ]
        ),
        (
            .refactor,
            [
                "refactor", "rename", "extract", "clean up", "cleanup", "tidy", "simplify", "restructure", "reorganize", "dead code",
                "deduplicate", "across the codebase", "throughout the codebase",
            ]
        ),
        (.research, ["investigate", "research", "compare", "evaluate", "explore", "spike", "benchmark", "profile", "analyze", "analyse"]),
    ]
    /// A first verb that settles the kind on its own.
    static let verbKinds: [String: TaskKind] = [
        "test": .tests, "document": .docs, "refactor": .refactor, "rename": .refactor, "extract": .refactor,
        "tidy": .refactor, "simplify": .refactor, "restructure": .refactor, "reorganize": .refactor,
        "consolidate": .refactor, "move": .refactor, "investigate": .research, "research": .research, "compare": .research,
        "evaluate": .research, "explore": .research, "analyze": .research, "analyse": .research,
        "profile": .research, "deploy": .ops, "containerize": .ops, "dockerize": .ops, "configure": .ops,
        "provision": .ops, "setup": .ops,
    ]
    /// Words that end the object of a clause ("a CSV export endpoint | following the spec").
    static let objectEnders: Set<String> = [
        "to", "in", "on", "for", "with", "from", "so", "that", "which", "following", "per", "according",
        "when", "where", "by", "of", "into", "using", "via", "like", "as", "under", "at", "if", "because",
    ]

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "-") }).map(String.init)
    }

    /// True when the clause starts with an imperative verb.
    static func startsWithVerb(_ text: String) -> Bool {
        var raw = text.split(whereSeparator: \.isWhitespace).map(String.init)
        while let w = raw.first?.lowercased(), ["also", "please", "then", "just"].contains(w) { raw.removeFirst() }
        guard let first = raw.first.map({ $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }) else { return false }
        if strongVerbs.contains(first) { return true }
        guard weakVerbs.contains(first), raw.count > 1 else { return false }
        let next = raw[1]
        return determiners.contains(next.lowercased()) || next.first?.isUppercase == true
            || next.contains("/") || next.contains(".")
    }

    /// The kind of a clause: its first verb ("set up", "deploy", "rename"…), else what its
    /// object names ("tests for the parser", "the README"), else the earliest keyword —
    /// where tests words count only in the object, so "an endpoint following the spec" is code.
    static func kind(of clause: String) -> TaskKind {
        let lower = clause.lowercased()
        let all = words(lower)
        var tokens = all
        while let w = tokens.first, ["also", "please", "then", "just", "and"].contains(w) { tokens.removeFirst() }
        if let first = tokens.first {
            if first == "set", tokens.dropFirst().first == "up" { return .ops }
            if let kind = verbKinds[first], !(kind == .refactor && first == "extract" && lower.contains("test")) { return kind }
        }
        let object = objectPhrase(tokens)
        if let kind = earliestKeyword(in: object, kinds: kindKeywords) { return kind }
        return earliestKeyword(in: lower, kinds: kindKeywords.filter { $0.0 != .tests }) ?? .code
    }

    /// The words after the clause's first verb (and articles), up to a preposition.
    static func objectPhrase(_ tokens: [String]) -> String {
        var rest = ArraySlice(tokens)
        if let first = rest.first, strongVerbs.contains(first) || weakVerbs.contains(first) || first == "cover" { rest = rest.dropFirst() }
        if rest.first == "up" || rest.first == "out" { rest = rest.dropFirst() }
        let end = rest.firstIndex(where: objectEnders.contains) ?? rest.endIndex
        return rest[..<end].joined(separator: " ")
    }

    static func earliestKeyword(in text: String, kinds: [(TaskKind, [String])]) -> TaskKind? {
        var best: (TaskKind, String.Index)?
        for (kind, keywords) in kinds {
            for keyword in keywords {
                guard let at = wordRange(of: keyword, in: text)?.lowerBound else { continue }
                if best == nil || at < best!.1 { best = (kind, at) }
            }
        }
        return best?.0
    }

    /// The range of `word` in `text` on word boundaries.
    static func wordRange(of word: String, in text: String) -> Range<String.Index>? {
        var search = text.startIndex..<text.endIndex
        while let r = text.range(of: word, range: search) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            let isBoundary: (Character?) -> Bool = { c in c.map { !($0.isLetter || $0.isNumber) } ?? true }
            if isBoundary(before), isBoundary(after) { return r }
            search = r.upperBound..<text.endIndex
        }
        return nil
    }

    /// Paths and file names mentioned in the clause, plus README/CHANGELOG by name.
    static func scope(of clause: String) -> [String] {
        var found: [String] = []
        for token in clause.split(whereSeparator: {
            $0.isWhitespace || $0 == "," || $0 == "(" || $0 == ")" || $0 == "`" || $0 == "'" || $0 == "\""
        }) {
            var t = String(token)
            while let last = t.last, ".;:!?".contains(last) { t.removeLast() }
            guard !t.isEmpty, !t.contains("://"), t.count <= 120 else { continue }
            let isPath = t.contains("/") && t.contains(where: \.isLetter) && t.first != "/"
            let ext = t.split(separator: ".").last.map { String($0).lowercased() }
            let isFile =
                t.contains(".") && !t.hasPrefix(".") && ext.map(fileExtensions.contains) == true
                && t.split(separator: ".").count >= 2 && !["e.g", "i.e"].contains(t.lowercased())
            let known = ["dockerfile": "Dockerfile", "makefile": "Makefile"][t.lowercased()]
            guard isPath || isFile || known != nil else { continue }
            let path = known ?? t
            if !PlanValidator.isOutsideRepository(path), !found.contains(path) { found.append(path) }
        }
        let lower = clause.lowercased()
        if wordRange(of: "readme", in: lower) != nil, !found.contains(where: { $0.lowercased().hasPrefix("readme") }) {
            found.append("README.md")
        }
        if wordRange(of: "changelog", in: lower) != nil, !found.contains(where: { $0.lowercased().hasPrefix("changelog") }) {
            found.append("CHANGELOG.md")
        }
        if lower.contains("github actions"), !found.contains(where: { $0.hasPrefix(".github") }) {
            found.append(".github/workflows/")
        }
        return found
    }
}
