@preconcurrency import Glibc

/// Where history lives on disk (libedit's own format, written with H_SAVE).
enum HistoryFile {
    /// Creates the missing parent directories of `path` with mode 0700.
    static func createParentDirectory(of path: String) {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard components.count > 1 else { return }
        components.removeLast()
        var current = path.hasPrefix("/") ? "" : "."
        for component in components where !component.isEmpty {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST { return }
        }
    }
}
