/// Gitignored files of the main checkout that every new task worktree gets (`.env`,
/// `config/local/*`): from `.worktreeinclude` (gitignore syntax) and the `"include"` list of
/// `.baton/agents.json`. Copied, or linked with `"include_mode": "symlink"`; never committed.
public struct WorktreeInclude: Sendable, Equatable {
    /// How the files reach a worktree.
    public enum Mode: String, Sendable, Equatable, CaseIterable { case copy, symlink }

    /// Gitignore-syntax patterns (`.env`, `config/local/*`, `!keep.me`).
    public var patterns: [String]
    public var mode: Mode

    public init(patterns: [String], mode: Mode = .copy) {
        self.patterns = patterns
        self.mode = mode
    }

    /// True when there is nothing to bring.
    public var isEmpty: Bool { patterns.isEmpty }

    /// The patterns of a `.worktreeinclude` file: one per line; blank lines and `#` comments skipped.
    public static func patterns(worktreeinclude text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}

extension AgentsConfig {
    /// `"sparse": true`: task worktrees check out only their task's scopes (plus the root's
    /// files and the manifests the repository map names). False when absent.
    public static func sparseCheckout(data: String, file: String) throws(AgentsConfigError) -> Bool {
        guard !data.allSatisfy(\.isWhitespace) else { return false }
        let root: LocatedJSON
        do { root = try LocatedJSON.parse(data) } catch {
            throw AgentsConfigError(kind: .invalidJSON, file: file, line: error.line, field: nil, reason: "invalid JSON: \(error.message)")
        }
        guard case .object(let top) = root.value, let member = top.first(where: { $0.key == "sparse" }) else { return false }
        guard case .bool(let value) = member.value.value else {
            throw AgentsConfigError(kind: .wrongType, file: file, line: member.line, field: "sparse", reason: "must be true or false")
        }
        return value
    }

    /// `"include": [".env", "config/local/*"]` and `"include_mode": "copy" | "symlink"` of
    /// agents.json (nil when neither is given). Errors name file, line and field.
    public static func worktreeInclude(data: String, file: String) throws(AgentsConfigError) -> WorktreeInclude? {
        guard !data.allSatisfy(\.isWhitespace) else { return nil }
        let root: LocatedJSON
        do { root = try LocatedJSON.parse(data) } catch {
            throw AgentsConfigError(kind: .invalidJSON, file: file, line: error.line, field: nil, reason: "invalid JSON: \(error.message)")
        }
        guard case .object(let top) = root.value else { return nil }
        let list = top.first { $0.key == "include" }
        let modeMember = top.first { $0.key == "include_mode" }
        guard list != nil || modeMember != nil else { return nil }
        var patterns: [String] = []
        if let list {
            let wrong = AgentsConfigError(
                kind: .wrongType, file: file, line: list.line, field: "include",
                reason: "must be a list of gitignore patterns, e.g. [\".env\", \"config/local/*\"]")
            guard case .array(let items) = list.value.value else { throw wrong }
            for item in items {
                guard case .string(let text) = item.value else { throw wrong }
                let pattern = text.trimmingCharacters(in: .whitespaces)
                guard !pattern.isEmpty, !pattern.contains(".."), !pattern.hasPrefix("~") else {
                    throw AgentsConfigError(
                        kind: .wrongType, file: file, line: item.line, field: "include",
                        reason: "\"\(text)\" is not a path inside the repository — give patterns like \".env\"")
                }
                patterns.append(pattern)
            }
        }
        var mode = WorktreeInclude.Mode.copy
        if let modeMember {
            guard case .string(let text) = modeMember.value.value, let chosen = WorktreeInclude.Mode(rawValue: text) else {
                throw AgentsConfigError(
                    kind: .wrongType, file: file, line: modeMember.line, field: "include_mode",
                    reason: "must be \"copy\" or \"symlink\"")
            }
            mode = chosen
        }
        return WorktreeInclude(patterns: patterns, mode: mode)
    }
}
