import BatonCore
import Foundation
import Testing

@testable import BatonWorkspace

/// The repository map built from real git repositories of each kind.
@Suite struct RepositoryMapTests {
    /// A repository with `files` committed in one commit (plus the README).
    static func repository(_ files: [String: String]) async throws -> TestRepo {
        let repo = try await TestRepo.make()
        for (path, text) in files { try repo.write(path, text) }
        try await repo.git("add", "-A")
        try await repo.git("commit", "-q", "-m", "Add the project")
        return repo
    }

    static func argvs(_ map: RepositoryMap, _ kind: ProjectCheck.Kind) -> [String] {
        map.checks.filter { $0.kind == kind }.map(\.display)
    }

    @Test func swiftPackage() async throws {
        let repo = try await Self.repository([
            "Package.swift": "// swift-tools-version:6.0\n", "Sources/Reports/Reports.swift": "struct Reports {}\n",
            "Sources/App/main.swift": "print(1)\n", "Tests/ReportsTests/ReportsTests.swift": "import Testing\n",
        ])
        defer { repo.remove() }
        let map = try #require(try await repo.workspace().repositoryMap())
        #expect(Self.argvs(map, .build) == ["swift build"])
        #expect(Self.argvs(map, .test) == ["swift test"])
        #expect(Self.argvs(map, .lint) == [])
        #expect(map.languages.first?.name == "Swift")
        #expect(map.languages.first?.files == 4)
        #expect(map.files == 5)
        #expect(map.layout.map(\.path) == ["(top level)", "Sources/", "Tests/"])
        #expect(map.layout.map(\.files) == [2, 2, 1])
    }

    @Test func nodeWithAPnpmLockfile() async throws {
        let repo = try await Self.repository([
            "package.json": #"{"name": "web", "scripts": {"test": "vitest run", "lint": "eslint .", "dev": "vite"}}"#,
            "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "src/reports/page.tsx": "export const x = 1\n",
            "src/app.ts": "export {}\n",
        ])
        defer { repo.remove() }
        let map = try #require(try await repo.workspace().repositoryMap())
        #expect(Self.argvs(map, .test) == ["pnpm test"])
        #expect(Self.argvs(map, .lint) == ["pnpm run lint"])
        #expect(Self.argvs(map, .build) == [])
        #expect(map.languages.first?.name == "TypeScript")
    }

    @Test func pythonWithTests() async throws {
        let repo = try await Self.repository([
            "pyproject.toml": "[project]\nname = \"reports\"\n\n[tool.ruff]\nline-length = 100\n",
            "reports/export.py": "def export():\n    pass\n", "tests/test_export.py": "def test_export():\n    pass\n",
        ])
        defer { repo.remove() }
        let map = try #require(try await repo.workspace().repositoryMap())
        #expect(Self.argvs(map, .test) == ["pytest"])
        #expect(Self.argvs(map, .lint) == ["ruff check ."])
        #expect(map.languages.first?.name == "Python")
    }

    @Test func goModuleWithAMakefile() async throws {
        let repo = try await Self.repository([
            "go.mod": "module example.com/reports\n\ngo 1.22\n", "cmd/server/main.go": "package main\n",
            "internal/reports/csv.go": "package reports\n",
            "Makefile": "GO := go\n\ntest: vet\n\t$(GO) test ./...\n\nvet:\n\tgo vet ./...\n",
        ])
        defer { repo.remove() }
        let map = try #require(try await repo.workspace().repositoryMap())
        #expect(Self.argvs(map, .test) == ["make test"])
        #expect(Self.argvs(map, .build) == ["go build ./..."])
    }

    @Test func monorepoPackagesEachGetTheirChecks() async throws {
        let repo = try await Self.repository([
            "package.json": #"{"private": true, "workspaces": ["packages/*"]}"#,
            "packages/web/package.json": #"{"scripts": {"test": "jest", "build": "next build"}}"#,
            "packages/web/yarn.lock": "# yarn\n",
            "packages/web/src/index.js": "module.exports = {}\n",
            "services/api/go.mod": "module api\n", "services/api/main.go": "package main\n",
            "services/worker/Cargo.toml": "[package]\nname = \"worker\"\n", "services/worker/src/main.rs": "fn main() {}\n",
            "node_modules/dep/package.json": #"{"scripts": {"test": "no"}}"#,
        ])
        defer { repo.remove() }
        let map = try #require(try await repo.workspace().repositoryMap())
        #expect(
            Self.argvs(map, .test) == [
                "(in packages/web/) yarn test", "(in services/api/) go test ./...", "(in services/worker/) cargo test",
            ])
        #expect(
            Self.argvs(map, .build) == [
                "(in packages/web/) yarn build", "(in services/api/) go build ./...", "(in services/worker/) cargo build",
            ])
        #expect(Set(map.languages.map(\.name)) == ["JavaScript", "Go", "Rust", "Markdown"])
    }

    @Test func builtOncePerHeadAndCachedUnderBaton() async throws {
        let repo = try await Self.repository(["Package.swift": "// x\n", "Sources/A/A.swift": "let a = 1\n"])
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let head = try await repo.git("rev-parse", "HEAD")
        let first = try #require(try await workspace.repositoryMap())
        let file = repo.path + "/.baton/map/\(head).json"
        #expect(FileManager.default.fileExists(atPath: file))
        // The cache is what is read back: change it and the change shows.
        var edited = first
        edited.files = 999
        try JSONEncoder().encode(edited).write(to: URL(fileURLWithPath: file))
        #expect(try await workspace.repositoryMap()?.files == 999)
        // A new HEAD builds a new map.
        try await repo.commitFile("Sources/A/B.swift", "let b = 2\n", message: "Add B")
        #expect(try await workspace.repositoryMap()?.files == 4)
        // `.baton/` stays out of git.
        #expect(try await repo.git("status", "--porcelain").isEmpty)
    }

    @Test func theMissionsNounsAndIdentifiersFindItsFiles() async throws {
        let repo = try await Self.repository([
            "Package.swift": "// x\n", "Sources/Reports/Reports.swift": "struct Reports {}\n",
            "Sources/Reports/Table.swift": "struct Table {}\n",
            "Sources/Billing/Invoice.swift": "// uses ReportWriter\nlet w = ReportWriter()\n",
            "Sources/App/main.swift": "print(1)\n",
        ])
        defer { repo.remove() }
        try await repo.commitFile("Sources/Reports/Reports.swift", "struct Reports { var rows = 0 }\n", message: "Count report rows")
        let map = try #require(try await repo.workspace().repositoryMap(mission: "Add CSV export to the reports page using ReportWriter"))
        let focus = try #require(map.focus)
        #expect(focus.paths == ["Sources/Reports/"])
        #expect(focus.contents == ["Sources/Billing/Invoice.swift"])
        #expect(focus.commits.first?.hasSuffix("Count report rows") == true)
        let text = map.render(maxBytes: 3000)
        #expect(text.contains("Test: swift test"))
        #expect(text.contains("  Sources/Reports/"))
        #expect(text.utf8.count <= 3000)
        // The offline planner turns it into a scope.
        let tasks = OfflinePlanner.plan(mission: "Add CSV export to the reports page", knownPaths: map.knownPaths)
        #expect(tasks.map(\.scope) == [["Sources/Reports/"]])
    }

    /// "crash reports" names `Sources/Reports/` only when its files talk about crashes.
    @Test func aQualifiedNounIsConfirmedByTheFolderContents() async throws {
        let repo = try await Self.repository([
            "Sources/Reports/Reports.swift": "struct Reports {}\n", "Sources/Diagnostics/Uploader.swift": "// sends crash logs\n",
        ])
        defer { repo.remove() }
        let workspace = try await repo.workspace()
        let map = try #require(try await workspace.repositoryMap(mission: "Fix the crash reports"))
        #expect(map.focus?.paths == [] && map.confirmedQualifiers.isEmpty, "\(String(describing: map.focus))")
        #expect(OfflinePlanner.plan(mission: "Fix the crash reports", knownPaths: map.knownPaths).map(\.scope) == [[]])
        let page = try #require(try await workspace.repositoryMap(mission: "Add CSV export to the reports page"))
        #expect(page.focus?.paths == ["Sources/Reports/"])

        try await repo.commitFile("Sources/Reports/Upload.swift", "// uploads Crash reports\n", message: "Upload crash reports")
        let confirmed = try #require(try await workspace.repositoryMap(mission: "Fix the crash reports"))
        #expect(confirmed.focus?.paths == ["Sources/Reports/"])
        #expect(confirmed.confirmedQualifiers == ["Sources/Reports/": ["crash"]])
        let tasks = OfflinePlanner.plan(
            mission: "Fix the crash reports", knownPaths: confirmed.knownPaths, confirmed: confirmed.confirmedQualifiers)
        #expect(tasks.map(\.scope) == [["Sources/Reports/"]])
    }

    @Test func aRepositoryWithoutCommitsHasNoMap() async throws {
        let repo = try await TestRepo.make(initialCommit: false)
        defer { repo.remove() }
        #expect(try await repo.workspace().repositoryMap(mission: "Add things") == nil)
    }
}
