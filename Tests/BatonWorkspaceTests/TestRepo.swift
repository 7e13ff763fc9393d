import Foundation
import Testing

@testable import BatonWorkspace

/// A throwaway git repository under the temporary directory: `git init -b main`, a local
/// identity, and (by default) one commit with a README. Call `remove()` at the end.
struct TestRepo {
    let path: String
    let client: CommandLineGit

    static func make(initialCommit: Bool = true, identity: Bool = true, client: CommandLineGit = CommandLineGit()) async throws -> TestRepo
    {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-workspace-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let repo = TestRepo(path: Workspace.realPath(folder), client: client)
        try await repo.git("init", "-q", "-b", "main")
        if identity {
            try await repo.git("config", "user.name", "Test User")
            try await repo.git("config", "user.email", "test@example.com")
        }
        if initialCommit {
            try repo.write("README.md", "# Sample\n\nA sample project.\n")
            try await repo.git("add", "README.md")
            try await repo.git("commit", "-q", "-m", "Initial commit")
        }
        return repo
    }

    /// Runs git in the repository (or `directory`), fails the test on a non-zero exit.
    @discardableResult
    func git(_ arguments: String..., in directory: String? = nil) async throws -> String {
        let result = try await client.run(arguments, in: directory ?? path)
        guard result.succeeded else {
            Issue.record("git \(arguments.joined(separator: " ")) failed: \(result.stderr)")
            throw WorkspaceError.gitFailed(arguments: arguments, exitCode: result.exitCode, stderr: result.stderr)
        }
        return result.trimmedOutput
    }

    func workspace() async throws -> Workspace {
        try await Workspace.open(at: path, git: client)
    }

    func write(_ relativePath: String, _ text: String, in directory: String? = nil) throws {
        let full = (directory ?? path) + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    func read(_ relativePath: String, in directory: String? = nil) -> String? {
        try? String(contentsOfFile: (directory ?? path) + "/" + relativePath, encoding: .utf8)
    }

    /// Writes `relativePath`, commits it on the branch checked out in `directory`.
    @discardableResult
    func commitFile(_ relativePath: String, _ text: String, message: String, in directory: String? = nil) async throws -> String {
        try write(relativePath, text, in: directory)
        try await git("add", "--", relativePath, in: directory)
        try await git("commit", "-q", "-m", message, in: directory)
        return try await git("rev-parse", "HEAD", in: directory)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
