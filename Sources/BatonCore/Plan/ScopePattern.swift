/// How Baton reads a scope entry: `Sources/API/` (a folder), `Sources/API/Verify.swift`
/// (a file, or a folder when it is one), `Sources/Onboarding/Signup*` (a glob: everything
/// starting with the text before the first `*`, `?` or `[`). `.` or an empty entry means
/// the whole repository.
public struct ScopePattern: Equatable, Sendable {
    /// Normalized text before any glob character.
    public var base: String
    /// True when anything starting with `base` matches (folders and globs).
    public var isPrefix: Bool

    public init(_ text: String) {
        var t = text.trimmingCharacters(in: .whitespaces)
        while t.hasPrefix("./") { t.removeFirst(2) }
        while t.contains("//") { t = t.replacingOccurrences(of: "//", with: "/") }
        if t == "." { t = "" }
        if let glob = t.firstIndex(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
            base = String(t[..<glob])
            isPrefix = true
        } else {
            base = t
            isPrefix = t.isEmpty || t.hasSuffix("/")
        }
    }

    /// True when some path matches both patterns.
    public func overlaps(_ other: ScopePattern) -> Bool {
        switch (isPrefix, other.isPrefix) {
        case (true, true):
            return base.hasPrefix(other.base) || other.base.hasPrefix(base)
        case (true, false):
            return Self.prefix(base, meets: other.base)
        case (false, true):
            return Self.prefix(other.base, meets: base)
        case (false, false):
            return base == other.base || base.hasPrefix(other.base + "/") || other.base.hasPrefix(base + "/")
        }
    }

    /// Whether the matching path `path` (itself or anything under it) can start with `prefix`.
    private static func prefix(_ prefix: String, meets path: String) -> Bool {
        path.hasPrefix(prefix) || (path + "/").hasPrefix(prefix) || prefix.hasPrefix(path + "/")
    }

    /// When `a` and `b` overlap, the narrower of the two entries (the one to show the user).
    public static func overlap(_ a: String, _ b: String) -> String? {
        overlap((a, ScopePattern(a)), (b, ScopePattern(b)))
    }

    /// ``overlap(_:_:)`` of entries already read.
    static func overlap(_ first: (String, ScopePattern), _ second: (String, ScopePattern)) -> String? {
        let (a, pa) = first
        let (b, pb) = second
        guard pa.overlaps(pb) else { return nil }
        if pa.base.count != pb.base.count { return pa.base.count > pb.base.count ? a : b }
        return pa.isPrefix && !pb.isPrefix ? b : a
    }
}
