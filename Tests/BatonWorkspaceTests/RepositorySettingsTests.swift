import Foundation
import Testing

@testable import BatonWorkspace

@Suite struct RepositorySettingsTests {
    @Test func readsWhatGitConfigPrints() {
        let none = RepositorySettings(configOutput: "")
        #expect(
            none.commitOptions == [
                "-c", "commit.gpgsign=false", "-c", "maintenance.auto=false", "-c", "user.name=Baton", "-c", "user.email=baton@localhost",
            ])
        #expect(none.checkoutOptions == ["-c", "checkout.workers=0"])

        let all = RepositorySettings(configOutput: "user.name Ada Lovelace\nuser.email ada@example.com\ncheckout.workers 1\n")
        #expect(all.commitOptions == ["-c", "commit.gpgsign=false", "-c", "maintenance.auto=false"])
        #expect(all.checkoutOptions.isEmpty)

        // An empty value counts as unset (git would refuse to commit with an empty name).
        let empty = RepositorySettings(configOutput: "user.name\nuser.email \n")
        #expect(!empty.hasName && !empty.hasEmail)
    }

    @Test func newWorktreesUseEveryCoreUnlessTheUserChoseOtherwise() async throws {
        for chosen in [nil, "1"] {
            let repo = try await TestRepo.make()
            defer { repo.remove() }
            if let chosen { try await repo.git("config", "checkout.workers", chosen) }
            let git = ForwardingGit(repo.client)
            let workspace = Workspace(root: repo.path, git: git)
            _ = try await workspace.createIntegrationBranch(session: "s1", from: "HEAD")
            let task = try await workspace.createTaskWorktree(session: "s1", task: "T1", from: "main")
            #expect(repo.read("README.md", in: task.path) == "# Sample\n\nA sample project.\n")
            let add = try #require(git.arguments.first { $0.contains("worktree") })
            #expect(add.starts(with: ["-c", "checkout.workers=0"]) == (chosen == nil))
            // The settings were read once, while /go made the integration branch.
            #expect(git.arguments.filter { $0.contains("--get-regexp") }.count == 1)
        }
    }
}

/// Runs real git and records the arguments of every call.
final class ForwardingGit: GitClient, @unchecked Sendable {
    private let real: CommandLineGit
    private let lock = NSLock()
    private var recorded: [[String]] = []

    init(_ real: CommandLineGit) { self.real = real }

    var arguments: [[String]] { lock.withLock { recorded } }

    func run(_ arguments: [String], in directory: String) async throws -> GitResult {
        lock.withLock { recorded.append(arguments) }
        return try await real.run(arguments, in: directory)
    }
}
