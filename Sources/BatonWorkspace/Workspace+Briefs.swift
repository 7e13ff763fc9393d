import BatonCore
import Foundation

#if canImport(Glibc)
    import Glibc
    private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Glibc.open(path, flags, mode) }
#elseif canImport(Darwin)
    import Darwin
    private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Darwin.open(path, flags, mode) }
#endif

extension Workspace {
    /// Where the brief of the worktree lives.
    ///
    /// Policy: `CONTEXT.md` at the worktree root, excluded by pathspec from every checkpoint
    /// commit — unless the repository itself tracks a `CONTEXT.md` there (in HEAD), in which
    /// case the brief goes to `<worktree>/.baton/CONTEXT.md` (ignored through `.baton/`), so a
    /// user's file is never clobbered and no brief is ever committed.
    public func briefPath(in worktree: String) async throws -> String {
        try await tracksRootContext(in: worktree) ? worktree + "/.baton/CONTEXT.md" : worktree + "/CONTEXT.md"
    }

    /// ``briefPath(in:)`` for a worktree that may be new (``TaskWorkspace/isNew``). A checkout
    /// writes every file HEAD tracks at the root (a sparse one too), so in a new worktree with
    /// nothing named `CONTEXT.md` at its root the repository tracks none there: git is not asked.
    public func briefPath(in worktree: String, isNew: Bool) async throws -> String {
        let atRoot = worktree + "/CONTEXT.md"
        if isNew, (try? FileManager.default.attributesOfItem(atPath: atRoot)) == nil { return atRoot }
        return try await briefPath(in: worktree)
    }

    /// Writes the task's brief (mode 0600) following ``briefPath(in:)``; returns its path.
    @discardableResult
    public func writeBrief(_ text: String, in worktree: String) async throws -> String {
        try await writeBrief(text, to: try await briefPath(in: worktree))
    }

    /// Writes the brief (mode 0600) to `path`, a ``briefPath(in:)`` already asked; returns it.
    @discardableResult
    public func writeBrief(_ text: String, to path: String) async throws -> String {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.writePrivateFile(text, to: path)
        return path
    }

    /// Commits everything in the worktree except the brief and `.baton/` as one checkpoint
    /// (`git add -A` with exclude pathspecs, then `git commit`). Uses the identity
    /// Baton <baton@localhost> only for what the repository has not configured; skips hooks.
    /// - Parameter scope: what ``checkpointScope(in:)`` answered, when asked already.
    /// - Returns: the new commit id, or nil when there was nothing to commit.
    public func commitCheckpoint(in worktree: String, message: String, scope: CheckpointScope? = nil) async throws -> String? {
        try await commitCheckpoint(in: worktree, message: message, scope: scope, statSince: nil).commit
    }

    /// ``commitCheckpoint(in:message:scope:)``, and with `base` what the branch changed since
    /// then once committed (``diffStat(in:from:)``), read from the index while git is asked
    /// what is staged: one git process fewer one after the other.
    public func commitCheckpoint(
        in worktree: String, message: String, scope: CheckpointScope?, statSince base: String?
    )
        async throws -> (commit: String?, stat: DiffStat?)
    {
        let asked: CheckpointScope
        if let scope { asked = scope } else { asked = try await checkpointScope(in: worktree) }
        let briefAtRoot = asked.briefAtRoot
        let pathspecs = asked.pathspecs
        // A sparse worktree's new files outside its checkout still belong to the checkpoint.
        let sparse = Self.isSparse(worktree) ? ["--sparse"] : []
        try await runChecked(["add"] + sparse + ["-A", "--"] + pathspecs, in: worktree)
        async let stagedNow = stagedPaths(in: worktree)
        async let statNow = stagedStat(in: worktree, since: base)
        var staged = try await stagedNow
        var stat = try await statNow
        let stagedAtFirst = staged.count
        if briefAtRoot, staged.contains("CONTEXT.md") {
            // Whatever staged the brief (an agent running `git add .`), it never gets committed.
            try await runChecked(["rm", "--cached", "--force", "--quiet", "--ignore-unmatch", "--", ":(top)CONTEXT.md"], in: worktree)
            staged.removeAll { $0 == "CONTEXT.md" }
        }
        // Files brought from the main checkout (.env…) are never committed, even when forced in.
        let included = includedFiles(in: worktree)
        if !included.isEmpty {
            try await runChecked(
                ["rm", "--cached", "--force", "--quiet", "--ignore-unmatch", "--"] + included.map { ":(top,literal)" + $0 }, in: worktree)
            staged = try await stagedPaths(in: worktree)
        }
        // Something was taken out of the index again: the stat is read anew.
        if let base, staged.count != stagedAtFirst || !included.isEmpty { stat = try await stagedStat(in: worktree, since: base) }
        if staged.isEmpty { return (nil, stat) }
        let options = try await commitOptions(in: worktree)
        try await runChecked(options + ["commit", "--quiet", "--no-verify", "-m", message], in: worktree)
        if let commit = Self.checkedOutCommit(worktree: worktree) { return (commit, stat) }
        return (try await runChecked(["rev-parse", "HEAD"], in: worktree).trimmedOutput, stat)
    }

    /// What the index holds against `base` (`git diff --cached --numstat`): once committed,
    /// the branch's ``diffStat(in:from:)``.
    private func stagedStat(in worktree: String, since base: String?) async throws -> DiffStat? {
        guard let base else { return nil }
        return Self.parseNumstat(try await runChecked(["diff", "--cached", "--numstat", "-z", base], in: worktree).stdout)
    }

    /// What a checkpoint in `worktree` leaves out: two questions to git, side by side.
    public func checkpointScope(in worktree: String) async throws -> CheckpointScope {
        async let tracksContext = tracksRootContext(in: worktree)
        async let ignoreCheck = run(["check-ignore", "--quiet", ".baton/"], in: worktree)
        let briefAtRoot = try await !tracksContext
        var pathspecs = [":/"]
        // Ignored (the normal case) means `git add` skips it; an exclude pathspec naming an
        // ignored folder would make git fail, so it is only given when .baton/ is not ignored.
        if try await !ignoreCheck.succeeded {
            pathspecs.append(":(top,exclude).baton")
        }
        if briefAtRoot { pathspecs.append(":(top,exclude)CONTEXT.md") }
        return CheckpointScope(briefAtRoot: briefAtRoot, pathspecs: pathspecs)
    }

    /// What a checkpoint commit takes: `git add` pathspecs that leave out `.baton/` and a
    /// brief at the root (``checkpointScope(in:)``).
    public struct CheckpointScope: Sendable {
        /// The brief is an untracked CONTEXT.md at the worktree's root.
        var briefAtRoot: Bool
        var pathspecs: [String]
    }

    /// Paths staged in `worktree` (index against HEAD), from the repository's top.
    private func stagedPaths(in worktree: String) async throws -> [String] {
        try await runChecked(["diff", "--cached", "--name-only", "-z"], in: worktree).stdout.split(separator: "\0").map(String.init)
    }

    /// Appends `entry` to DECISIONS.md at the integration worktree's root (creating it with a
    /// `# Decisions` header) and commits only that file. Returns the commit id.
    @discardableResult
    public func appendDecision(_ entry: String, in integration: IntegrationWorkspace) async throws -> String {
        let path = integration.path + "/DECISIONS.md"
        // A file that exists but cannot be read is an error, never rewritten from scratch.
        var text = try Self.readIfPresent(path) ?? "# Decisions\n"
        if !text.hasSuffix("\n") { text += "\n" }
        text += "\n" + entry.trimmingCharacters(in: .newlines) + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try await runChecked(["add", "--", ":(top)DECISIONS.md"], in: integration.path)
        let title = Self.decisionTitle(entry)
        let options = try await commitOptions(in: integration.path)
        try await runChecked(
            options + ["commit", "--quiet", "--no-verify", "-m", "baton: record decision \(title)", "--", ":(top)DECISIONS.md"],
            in: integration.path)
        return try await runChecked(["rev-parse", "HEAD"], in: integration.path).trimmedOutput
    }

    /// Commits a DECISIONS.md that a crash left written (or staged) but not committed, so the
    /// log on the integration branch holds every entry the file holds and a later merge does
    /// not find local changes. True when there was one.
    @discardableResult
    public func commitInterruptedDecisions(in integration: IntegrationWorkspace) async throws -> Bool {
        let status = try await runChecked(["status", "--porcelain", "--", ":(top)DECISIONS.md"], in: integration.path)
        guard !status.trimmedOutput.isEmpty else { return false }
        try await runChecked(["add", "--", ":(top)DECISIONS.md"], in: integration.path)
        let options = try await commitOptions(in: integration.path)
        try await runChecked(
            options + [
                "commit", "--quiet", "--no-verify", "-m", "baton: record decisions (written before a crash)", "--", ":(top)DECISIONS.md",
            ],
            in: integration.path)
        return true
    }

    /// The integration worktree's DECISIONS.md ("" when there is none yet). Throws
    /// ``WorkspaceError/unreadableFile(path:reason:)`` when it exists but cannot be read.
    public func readDecisions(in integration: IntegrationWorkspace) async throws -> String {
        try Self.readIfPresent(integration.path + "/DECISIONS.md") ?? ""
    }

    // MARK: Helpers

    /// True when HEAD of `worktree` tracks a CONTEXT.md at its root. Throws when git cannot
    /// tell (a failed check must never send the brief over a tracked CONTEXT.md).
    func tracksRootContext(in worktree: String) async throws -> Bool {
        !(try await runChecked(["ls-tree", "--name-only", "HEAD", "--", "CONTEXT.md"], in: worktree).trimmedOutput.isEmpty)
    }

    /// The UTF-8 text of `path`; nil when there is no such file; throws
    /// ``WorkspaceError/unreadableFile(path:reason:)`` when it exists but cannot be read.
    static func readIfPresent(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkspaceError.unreadableFile(path: path, reason: "no permission, or it is not a file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw WorkspaceError.unreadableFile(path: path, reason: "not UTF-8 text")
        }
        return text
    }

    /// First line of a decision entry without markdown markers, at most 72 characters.
    static func decisionTitle(_ entry: String) -> String {
        let firstLine = entry.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = firstLine.trimmingCharacters(in: CharacterSet(charactersIn: "#-* \t"))
        return trimmed.count > 72 ? String(trimmed.prefix(71)) + "…" : trimmed
    }

    /// Writes `text` to `path` with mode 0600 (also tightening an existing file).
    static func writePrivateFile(_ text: String, to path: String) throws {
        let fd = systemOpen(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
