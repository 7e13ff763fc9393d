import Foundation
import Synchronization

/// The user's git repository as Baton sees it: worktrees and branches per task, an
/// integration branch per session, briefs, checkpoints, diffs, merges and DECISIONS.md.
///
/// All git access goes through ``GitClient``. Methods that change things are idempotent
/// where a resumed session may repeat them.
public struct Workspace: Sendable {
    /// The repository's top folder (absolute, as git reports it).
    public let root: String
    /// The git seam every command goes through.
    public let git: any GitClient
    /// The repository's common git folder (absolute), when ``open(at:git:)`` learned it.
    var commonDirectory: String?
    /// The git settings read once for this workspace (``settings(in:)``).
    let settingsCache = RepositorySettings.Cache()

    /// Wraps a repository whose top folder is already known.
    public init(root: String, git: any GitClient) {
        self.root = root
        self.git = git
    }

    /// Finds the repository containing `path` (`git rev-parse --show-toplevel`; a plain
    /// repository is found without git, see ``RepositoryDiscovery``).
    ///
    /// - Throws: ``WorkspaceError/notARepository(_:)`` when `path` is not inside a work tree.
    public static func open(at path: String, git: any GitClient) async throws -> Workspace {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WorkspaceError.notARepository(path)
        }
        if let client = git as? CommandLineGit,
            let found = RepositoryDiscovery.plainRepository(
                around: path, environment: ProcessInfo.processInfo.environment.merging(client.environment) { $1 })
        {
            var workspace = Workspace(root: found.root, git: git)
            workspace.commonDirectory = found.commonDirectory
            return workspace
        }
        // One git process for both: the top folder, and the common git folder the exclude
        // file lives in (relative to `path` unless absolute).
        let both = try await git.run(["rev-parse", "--show-toplevel", "--git-common-dir"], in: path)
        let lines = both.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard both.succeeded, lines.count == 3, lines[2].isEmpty, !lines[0].isEmpty, !lines[1].isEmpty else {
            // Not a repository, or a path with a line break in it: the top folder alone.
            let result = try await git.run(["rev-parse", "--show-toplevel"], in: path)
            let top = result.trimmedOutput
            guard result.succeeded, !top.isEmpty else { throw WorkspaceError.notARepository(path) }
            return Workspace(root: top, git: git)
        }
        var workspace = Workspace(root: String(lines[0]), git: git)
        workspace.commonDirectory = lines[1].hasPrefix("/") ? String(lines[1]) : path + "/" + lines[1]
        return workspace
    }

    // MARK: Paths and names

    /// `<root>/.baton`.
    public var batonDirectory: String { root + "/.baton" }

    /// The folder of a session's worktree named `name` (a task id or `main`).
    public func worktreePath(session: String, name: String) -> String {
        "\(batonDirectory)/worktrees/\(session)/\(name)"
    }

    /// Throws ``WorkspaceError/invalidName(_:)`` unless `name` is safe in a branch and a path.
    static func checkName(_ name: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.count <= 100, name.allSatisfy({ allowed.contains($0) }),
            !name.hasPrefix("."), !name.hasPrefix("-"), !name.contains(".."),
            !name.hasSuffix(".lock"), !name.hasSuffix(".")
        else { throw WorkspaceError.invalidName(name) }
    }

    // MARK: Running git

    /// Runs git and returns the result whatever the exit code.
    @discardableResult
    func run(_ arguments: [String], in directory: String? = nil) async throws -> GitResult {
        try await git.run(arguments, in: directory ?? root)
    }

    /// Runs git and throws ``WorkspaceError/gitFailed(arguments:exitCode:stderr:)`` on a non-zero exit.
    @discardableResult
    func runChecked(_ arguments: [String], in directory: String? = nil) async throws -> GitResult {
        let result = try await run(arguments, in: directory)
        guard result.succeeded else {
            throw WorkspaceError.gitFailed(arguments: arguments, exitCode: result.exitCode, stderr: result.stderr)
        }
        return result
    }

    /// The repository's git settings Baton acts on, read the first time they are needed
    /// (in `directory`) and kept for this workspace's life.
    func settings(in directory: String? = nil) async throws -> RepositorySettings {
        if let cached = settingsCache.cached { return cached }
        let result = try await run(["config", "--get-regexp", RepositorySettings.query], in: directory)
        return settingsCache.keep(RepositorySettings(configOutput: result.succeeded ? result.stdout : ""))
    }

    /// `-c` options for commands that commit (``RepositorySettings/commitOptions``).
    func commitOptions(in directory: String) async throws -> [String] {
        try await settings(in: directory).commitOptions
    }

    // MARK: Repository state

    /// Adds `.baton/` (and agents' own state files, `.aider*`) to the shared `info/exclude`
    /// (in `git rev-parse --git-common-dir`) once, so Baton's worktrees and sessions never
    /// show in `git status` nor reach a checkpoint commit.
    public func ensureBatonExcluded() async throws {
        try await addBatonExclude()
        Self.excluded.withLock { _ = $0.insert(root) }
    }

    /// ``ensureBatonExcluded()`` once per repository and process (each new worktree asks).
    func ensureBatonExcludedOnce() async throws {
        if Self.excluded.withLock({ $0.contains(root) }) { return }
        try await ensureBatonExcluded()
    }

    /// Repositories whose exclude this process has already checked.
    private static let excluded = Mutex<Set<String>>([])

    private func addBatonExclude() async throws {
        var commonDir: String
        if let known = commonDirectory {
            commonDir = known
        } else {
            commonDir = try await runChecked(["rev-parse", "--git-common-dir"]).trimmedOutput
        }
        if !commonDir.hasPrefix("/") { commonDir = root + "/" + commonDir }
        let infoDir = commonDir + "/info"
        let excludePath = infoDir + "/exclude"
        try FileManager.default.createDirectory(atPath: infoDir, withIntermediateDirectories: true)
        // The user's own excludes are kept: an exclude file that cannot be read is an error.
        let existing = try Self.readIfPresent(excludePath) ?? ""
        let lines = existing.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        var addition = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
        if !(lines.contains(".baton/") || lines.contains(".baton")) {
            addition += "# Baton: worktrees, sessions and briefs\n.baton/\n"
        }
        // Agents' own state (aider's chat history holds the whole brief, its tag cache) never
        // reaches a checkpoint commit.
        if !lines.contains(".aider*") { addition += "# Baton: agents' own state files\n.aider*\n" }
        if addition.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
        try (existing + addition).write(toFile: excludePath, atomically: true, encoding: .utf8)
    }

    /// The main work tree's branch, commit and uncommitted files: one `git status` (its
    /// porcelain v2 headers name the branch and the commit).
    public func headState() async throws -> HeadState {
        let status = try await runChecked(["status", "--porcelain=v2", "--branch", "--no-ahead-behind", "-z"])
        return Self.parseHead(status.stdout)
    }

    /// A ``HeadState`` from `git status --porcelain=v2 --branch -z`: `# branch.oid` (the
    /// commit, `(initial)` before the first), `# branch.head` (`(detached)`), then one entry
    /// per changed path (for renames and copies, the new path; `.baton/` left out).
    static func parseHead(_ text: String) -> HeadState {
        var branch: String?
        var commit: String?
        var files: [String] = []
        var fields = text.split(separator: "\0", omittingEmptySubsequences: true).makeIterator()
        while let field = fields.next() {
            if field.hasPrefix("# branch.oid ") {
                let oid = field.dropFirst("# branch.oid ".count)
                commit = oid == "(initial)" ? nil : String(oid)
            } else if field.hasPrefix("# branch.head ") {
                let head = field.dropFirst("# branch.head ".count)
                branch = head == "(detached)" ? nil : String(head)
            } else if let path = statusPath(field) {
                files.append(String(path))
                if field.hasPrefix("2 ") { _ = fields.next() }  // the rename's or copy's old path
            }
        }
        return HeadState(
            branch: branch, commit: commit, dirtyFiles: files.filter { !$0.hasPrefix(".baton/") && $0 != ".baton" },
            hasCommits: commit != nil)
    }

    /// The path of one porcelain v2 entry: after 8 fields (`1`, changed), 9 (`2`, renamed or
    /// copied), 10 (`u`, unmerged) or 1 (`?`, untracked; `!`, ignored).
    private static func statusPath(_ field: Substring) -> Substring? {
        let before: Int
        switch field.first {
        case "1": before = 8
        case "2": before = 9
        case "u": before = 10
        case "?", "!": before = 1
        default: return nil
        }
        let parts = field.split(separator: " ", maxSplits: before, omittingEmptySubsequences: false)
        return parts.count == before + 1 ? parts[before] : nil
    }

    /// True when the local branch `name` exists.
    public func branchExists(_ name: String) async throws -> Bool {
        try await run(["show-ref", "--verify", "--quiet", "refs/heads/\(name)"]).succeeded
    }

    /// The commit a branch (or any revision) points at; nil when it does not exist.
    public func lastCommit(branch: String) async throws -> String? {
        let result = try await run(["rev-parse", "--verify", "--quiet", "\(branch)^{commit}"])
        return result.succeeded ? result.trimmedOutput : nil
    }

    /// True when commit `a` is an ancestor of (or equal to) `b`.
    public func isAncestor(_ a: String, of b: String) async throws -> Bool {
        let arguments = ["merge-base", "--is-ancestor", a, b]
        let result = try await run(arguments)
        switch result.exitCode {
        case 0: return true
        case 1: return false
        default:
            throw WorkspaceError.gitFailed(arguments: arguments, exitCode: result.exitCode, stderr: result.stderr)
        }
    }
}
