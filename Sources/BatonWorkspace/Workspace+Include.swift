import BatonCore
import Foundation

extension Workspace {
    /// Where a worktree lists the files it was given from the main checkout (ignored via `.baton/`).
    static let includedListPath = ".baton/included"

    /// Brings the main checkout's gitignored files that `.worktreeinclude` (gitignore syntax,
    /// at the root) or `configured` (agents.json's `"include"`) name into `worktree`: copied,
    /// or linked when the mode is `symlink`. Only files git ignores are taken, so a checkpoint
    /// never commits them; a file the worktree already has is left alone. The list is kept in
    /// the worktree's `.baton/included`. Returns the paths (relative), sorted.
    @discardableResult
    public func bringIncludedFiles(_ configured: WorktreeInclude?, into worktree: String) async throws -> [String] {
        var patterns = configured?.patterns ?? []
        if let text = try? String(contentsOfFile: root + "/.worktreeinclude", encoding: .utf8) {
            patterns = WorktreeInclude.patterns(worktreeinclude: text) + patterns
        }
        guard !patterns.isEmpty else { return [] }
        let matching = try await runChecked(["ls-files", "--others", "--ignored", "-z"] + patterns.flatMap { ["-x", $0] })
            .stdout.split(separator: "\0").map(String.init)
            .filter { !$0.hasPrefix(".baton/") && !$0.hasPrefix(".git/") }
        guard !matching.isEmpty else { return [] }
        // Of those, the ones the repository itself ignores (.gitignore, info/exclude…).
        let ignored = try await runChecked(
            ["ls-files", "--others", "--ignored", "--exclude-standard", "-z", "--"]
                + matching.prefix(2000).map { ":(top,literal)" + $0 }
        )
        .stdout.split(separator: "\0").map(String.init).sorted()
        let files = FileManager.default
        var brought: [String] = []
        for path in ignored {
            let source = root + "/" + path
            let target = worktree + "/" + path
            if files.fileExists(atPath: target) || (try? files.destinationOfSymbolicLink(atPath: target)) != nil { continue }
            try files.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if configured?.mode == .symlink {
                try files.createSymbolicLink(atPath: target, withDestinationPath: source)
            } else {
                try files.copyItem(atPath: source, toPath: target)
            }
            brought.append(path)
        }
        try files.createDirectory(atPath: worktree + "/.baton", withIntermediateDirectories: true)
        try (brought.joined(separator: "\n") + "\n").write(
            toFile: worktree + "/" + Self.includedListPath, atomically: true, encoding: .utf8)
        return brought
    }

    /// The files ``bringIncludedFiles(_:into:)`` brought into `worktree` (empty when none).
    public func includedFiles(in worktree: String) -> [String] {
        guard let text = try? String(contentsOfFile: worktree + "/" + Self.includedListPath, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    }
}
