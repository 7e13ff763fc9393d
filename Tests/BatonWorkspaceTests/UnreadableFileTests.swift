import Foundation
import Testing

@testable import BatonWorkspace

/// Failures that must not be swallowed: Baton never rewrites a DECISIONS.md it cannot read,
/// and never guesses where a brief goes when git cannot say.
@Suite struct UnreadableFileTests {
    @Test func anUnreadableDecisionsFileIsAnErrorAndIsLeftAsItIs() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let integration = try await workspace.prepareIntegration(session: "s1", from: "main")
        let path = integration.path + "/DECISIONS.md"
        // Not UTF-8: the file cannot be read as text.
        let damaged = Data([0x23, 0x20, 0xFF, 0xFE, 0x0A, 0x44, 0x31, 0x0A])
        try damaged.write(to: URL(fileURLWithPath: path))

        let expected = WorkspaceError.unreadableFile(path: path, reason: "not UTF-8 text")
        await #expect(throws: expected) { try await workspace.readDecisions(in: integration) }
        await #expect(throws: expected) {
            try await workspace.appendDecision("## D1 Opaque tokens?\nyes", in: integration)
        }
        #expect(FileManager.default.contents(atPath: path) == damaged, "the file is not rewritten from scratch")
        #expect(try await repo.git("log", "-1", "--format=%s", integration.branch) == "Initial commit", "nothing was committed")
        #expect(expected.description.hasSuffix("fix or move the file; Baton leaves it as it is"))
    }

    @Test func aDecisionsFileThatIsAFolderIsAnError() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let integration = try await workspace.prepareIntegration(session: "s1", from: "main")
        try FileManager.default.createDirectory(atPath: integration.path + "/DECISIONS.md", withIntermediateDirectories: true)
        await #expect(throws: WorkspaceError.self) { try await workspace.readDecisions(in: integration) }
        await #expect(throws: WorkspaceError.self) { try await workspace.appendDecision("## D1 x\ny", in: integration) }
    }

    @Test func aBriefPathGitCannotCheckIsAnErrorNotAGuess() async throws {
        let repo = try await TestRepo.make()
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        // A folder git knows nothing about: `git ls-tree HEAD` fails there.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-not-a-worktree-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        await #expect(throws: WorkspaceError.self) { try await workspace.briefPath(in: folder) }
        await #expect(throws: WorkspaceError.self) { try await workspace.writeBrief("brief", in: folder) }
        #expect(!FileManager.default.fileExists(atPath: folder + "/CONTEXT.md"), "no CONTEXT.md written on a guess")
    }
}
