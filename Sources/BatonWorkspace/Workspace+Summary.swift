import Foundation

extension Workspace {
    /// A compact summary of the repository for the planner, never longer than `maxBytes`
    /// (UTF-8): top-level folders with tracked file counts, file extension counts, the first
    /// lines of the README and the last 10 commit subjects.
    public func repositorySummary(maxBytes: Int = 4000) async throws -> String {
        let files = try await runChecked(["ls-files", "-z"]).stdout.split(separator: "\0").map(String.init)
        var folders: [String: Int] = [:]
        var extensions: [String: Int] = [:]
        for file in files {
            let parts = file.split(separator: "/", maxSplits: 1)
            folders[parts.count > 1 ? String(parts[0]) + "/" : "(top level)", default: 0] += 1
            let name = file.split(separator: "/").last.map(String.init) ?? file
            if let dot = name.lastIndex(of: "."), dot != name.startIndex {
                extensions[String(name[dot...]).lowercased(), default: 0] += 1
            }
        }
        var lines = ["Repository: \((root as NSString).lastPathComponent) · \(files.count) tracked files"]
        if !folders.isEmpty {
            lines.append("Folders: " + Self.ranked(folders, limit: 25).joined(separator: ", "))
        }
        if !extensions.isEmpty {
            lines.append("File types: " + Self.ranked(extensions, limit: 12).joined(separator: ", "))
        }
        let readmes = files.filter { !$0.contains("/") && $0.lowercased().hasPrefix("readme") }.sorted()
        if let readme = readmes.first(where: { $0.lowercased() == "readme.md" }) ?? readmes.first,
            let text = try? String(contentsOfFile: root + "/" + readme, encoding: .utf8)
        {
            lines.append("")
            lines.append("\(readme) (first lines):")
            lines += text.split(separator: "\n", omittingEmptySubsequences: false).prefix(15).map { "  " + $0 }
        }
        if try await headState().hasCommits {
            let subjects = try await commitSubjects(branch: "HEAD", limit: 10)
            lines.append("")
            lines.append("Recent commits:")
            lines += subjects.map { "  - " + $0 }
        }
        return Self.bounded(lines, maxBytes: maxBytes)
    }

    /// Subjects (`<short id> <subject>`) of the newest `limit` commits touching `paths`
    /// (git pathspecs; globs allowed), newest first. Empty `paths` means the whole repository.
    public func recentCommits(touching paths: [String], limit: Int = 10) async throws -> [String] {
        let arguments = ["log", "--format=%h %s", "-n", String(max(limit, 0)), "HEAD", "--"] + paths
        let result = try await run(arguments)
        guard result.succeeded else {
            // No commits yet: nothing to list (asked only now, to spare a `git status` per brief).
            if try await lastCommit(branch: "HEAD") == nil { return [] }
            throw WorkspaceError.gitFailed(arguments: arguments, exitCode: result.exitCode, stderr: result.stderr)
        }
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// Up to `limit` tracked files under `paths` (git pathspecs; globs allowed), sorted.
    public func trackedFiles(under paths: [String], limit: Int = 200) async throws -> [String] {
        let result = try await runChecked(["ls-files", "-z", "--"] + paths)
        return Array(result.stdout.split(separator: "\0").map(String.init).prefix(max(limit, 0)))
    }

    // MARK: Helpers

    /// "key count" items, biggest count first, then by name; `limit` items then "…".
    static func ranked(_ counts: [String: Int], limit: Int) -> [String] {
        let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var items = sorted.prefix(limit).map { "\($0.key) \($0.value)" }
        if sorted.count > limit { items.append("… \(sorted.count - limit) more") }
        return items
    }

    /// Joins whole lines while they fit in `maxBytes`; marks a cut with a last line "…".
    static func bounded(_ lines: [String], maxBytes: Int) -> String {
        let full = lines.joined(separator: "\n")
        if full.utf8.count <= maxBytes { return full }
        var text = ""
        for line in lines {
            let piece = (text.isEmpty ? "" : "\n") + line
            if text.utf8.count + piece.utf8.count + 4 > maxBytes { break }
            text += piece
        }
        let marker = (text.isEmpty ? "" : "\n") + "…"
        return text.utf8.count + marker.utf8.count <= maxBytes ? text + marker : text
    }
}
