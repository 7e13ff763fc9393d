import Foundation

extension Workspace {
    /// Marks a worktree made by ``checkOutSparsely(_:paths:)`` (ignored via `.baton/`).
    static let sparseMarkerPath = ".baton/sparse"

    /// Fills a worktree made with `--no-checkout` with only `paths` (folders end in `/`, globs
    /// allowed) plus the files at the repository's root: `git sparse-checkout set --no-cone`
    /// (a per-worktree setting; the main checkout stays whole), then `git read-tree -mu HEAD`.
    func checkOutSparsely(_ worktree: String, paths: [String]) async throws {
        try await runChecked(["sparse-checkout", "set", "--no-cone", "--"] + Self.sparsePatterns(paths), in: worktree)
        try await runChecked(try await settings().checkoutOptions + ["read-tree", "-mu", "HEAD"], in: worktree)
        try FileManager.default.createDirectory(atPath: worktree + "/.baton", withIntermediateDirectories: true)
        try (paths.joined(separator: "\n") + "\n").write(toFile: worktree + "/" + Self.sparseMarkerPath, atomically: true, encoding: .utf8)
    }

    /// Non-cone sparse patterns: the root's files, then each path anchored at the root.
    static func sparsePatterns(_ paths: [String]) -> [String] {
        var patterns = ["/*", "!/*/"]
        for path in paths {
            var p = path
            while p.hasPrefix("./") { p.removeFirst(2) }
            while p.hasPrefix("/") { p.removeFirst() }
            guard !p.isEmpty, !p.hasPrefix("!"), !p.hasPrefix("#") else { continue }
            let pattern = "/" + p
            if !patterns.contains(pattern) { patterns.append(pattern) }
        }
        return patterns
    }

    /// True when the worktree was checked out sparsely by Baton.
    static func isSparse(_ worktree: String) -> Bool {
        FileManager.default.fileExists(atPath: worktree + "/" + sparseMarkerPath)
    }
}
