/// Checks on the paths in a task's scope (and any other repository-relative path that
/// comes from a planner or an agent, which is untrusted text).
public enum ScopePath {
    /// Why `path` cannot be used as a repository-relative path, or nil when it can.
    ///
    /// Rejects empty paths, absolute paths (`/x`, `~/x`, `C:\x`), `..` components, and
    /// control characters. Globs (`Sources/API/Verify*`) are fine.
    public static func validate(_ path: String) -> String? {
        let trimmed = path.trimmingWhitespace
        if trimmed.isEmpty { return "the path is empty" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "\"\(printable(path))\" contains control characters"
        }
        if path.hasPrefix("/") || path.hasPrefix("~") || path.hasPrefix("\\") {
            return "\"\(path)\" is absolute — use a path relative to the repository root"
        }
        let scalars = Array(path.unicodeScalars)
        if scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic {
            return "\"\(path)\" is absolute — use a path relative to the repository root"
        }
        let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if components.contains("..") {
            return "\"\(path)\" goes up with `..` — scope paths must stay inside the repository"
        }
        return nil
    }

    private static func printable(_ path: String) -> String {
        String(String.UnicodeScalarView(path.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }
}

extension String {
    fileprivate var trimmingWhitespace: Substring {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
