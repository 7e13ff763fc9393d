import Foundation
import Testing

@testable import BatonWorkspace

/// Baton finds a plain repository without git, and finds exactly what git finds; whatever is
/// not plain is left to git.
@Suite struct RepositoryDiscoveryTests {
    /// What git says: the top folder and the common git folder, absolute.
    static func gitAnswer(_ repo: TestRepo, from folder: String) async throws -> (root: String, commonDirectory: String) {
        let both = try await repo.git("rev-parse", "--show-toplevel", "--git-common-dir", in: folder).split(separator: "\n").map(
            String.init)
        let common = both[1].hasPrefix("/") ? both[1] : folder + "/" + both[1]
        return (both[0], Workspace.realPath(common))
    }

    static func found(_ folder: String, environment: [String: String] = [:]) -> (root: String, commonDirectory: String)? {
        RepositoryDiscovery.plainRepository(around: folder, environment: environment)
    }

    @Test func aPlainRepositoryIsFoundAsGitFindsIt() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        try FileManager.default.createDirectory(atPath: repo.path + "/Sources/App", withIntermediateDirectories: true)
        let link = repo.path + "-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: repo.path + "/Sources")
        defer { try? FileManager.default.removeItem(atPath: link) }
        for folder in [repo.path, repo.path + "/Sources/App", link + "/App", repo.path + "/Sources/../Sources"] {
            let found = try #require(Self.found(folder), "\(folder)")
            let git = try await Self.gitAnswer(repo, from: folder)
            #expect(found.root == git.root && found.commonDirectory == git.commonDirectory, "\(folder)")
            let workspace = try await Workspace.open(at: folder, git: repo.client)
            #expect(workspace.root == git.root && workspace.commonDirectory == git.commonDirectory)
        }
    }

    @Test func whatIsNotPlainIsLeftToGit() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        // A linked worktree (its .git is a file) and a folder inside .git.
        let side = repo.path + "-side"
        try await repo.git("worktree", "add", "-q", "-b", "side", side)
        defer { try? FileManager.default.removeItem(atPath: side) }
        #expect(Self.found(side) == nil)
        #expect(Self.found(repo.path + "/.git/refs") == nil)
        let workspace = try await Workspace.open(at: side, git: repo.client)
        let git = try await Self.gitAnswer(repo, from: side)
        #expect(workspace.root == git.root && workspace.root == side)
        #expect(workspace.commonDirectory.map(Workspace.realPath) == git.commonDirectory)
        // Variables that move discovery, and a config that moves the work tree.
        #expect(Self.found(repo.path, environment: ["GIT_DIR": repo.path + "/.git"]) == nil)
        #expect(Self.found(repo.path, environment: ["GIT_CEILING_DIRECTORIES": "/tmp"]) == nil)
        #expect(Self.found(repo.path) != nil)
        try await repo.git("config", "core.worktree", repo.path)
        #expect(Self.found(repo.path) == nil)
    }

    @Test func noRepositoryIsLeftToGitToSaySo() throws {
        let folder = Workspace.realPath(FileManager.default.temporaryDirectory.path) + "/baton-norepo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(Self.found(folder + "/a") == nil)
        // A .git folder that is not a repository is not taken for one.
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        #expect(Self.found(folder + "/a") == nil)
        #expect(Self.found(folder + "/missing") == nil)
    }
}
