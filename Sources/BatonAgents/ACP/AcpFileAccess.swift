import Foundation

/// Which paths an ACP agent may read and write through `fs/*`: only inside the task's
/// worktree (symlinks resolved, `..` followed), never its `.git`.
public enum AcpFileAccess {
    /// The real path to serve for `path`, or why it is refused (one line, for the agent).
    public static func resolve(_ path: String, worktree: String) -> Result<String, AcpFileRefusal> {
        guard path.hasPrefix("/") else { return .failure(AcpFileRefusal("\(path): give an absolute path inside \(worktree)")) }
        let root = real(worktree)
        let target = real(path)
        guard target == root || target.hasPrefix(root == "/" ? "/" : root + "/") else {
            return .failure(AcpFileRefusal("\(path) is outside the task's worktree \(worktree) — Baton serves files only there"))
        }
        let inside = target.dropFirst(root.count).split(separator: "/")
        if inside.first == ".git" { return .failure(AcpFileRefusal("\(path) is git's own data — Baton does not serve it")) }
        return .success(target)
    }

    /// `path` with `.`/`..` removed and symlinks resolved as far as the path exists (the rest,
    /// a file still to be written, appended as given).
    static func real(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path).standardized.path
        var existing = standard
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing), existing != "/" {
            let url = URL(fileURLWithPath: existing)
            rest.insert(url.lastPathComponent, at: 0)
            existing = url.deletingLastPathComponent().path
        }
        var resolved = existing
        if let target = realpath(existing, nil) {
            resolved = String(cString: target)
            free(target)
        }
        return rest.isEmpty ? resolved : (resolved == "/" ? "" : resolved) + "/" + rest.joined(separator: "/")
    }
}

/// Why an `fs/*` call was refused.
public struct AcpFileRefusal: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
