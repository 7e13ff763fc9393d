import Testing

@testable import BatonCore

/// The pure parts of the repository map: check detection, search terms, path matching, text.
@Suite struct RepositoryMapTextTests {
    @Test func nodeToolComesFromThePackageManagerOrTheLockfile() {
        let manifest = #"{"scripts": {"test": "bun test", "lint": "biome check"}}"#
        let bun = ProjectChecks.detect(paths: ["package.json", "bun.lockb"]) { $0 == "package.json" ? manifest : nil }
        #expect(bun.map(\.display) == ["bun run test", "bun run lint"])
        let npm = ProjectChecks.detect(paths: ["package.json", "package-lock.json"]) { _ in manifest }
        #expect(npm.map(\.display) == ["npm test", "npm run lint"])
        let declared = ProjectChecks.detect(paths: ["package.json"]) { _ in #"{"packageManager": "pnpm@9.1.0", "scripts": {"test": "x"}}"# }
        #expect(declared.map(\.display) == ["pnpm test"])
        let placeholder = ProjectChecks.detect(paths: ["package.json"]) { _ in
            #"{"scripts": {"test": "echo \"Error: no test specified\" && exit 1"}}"#
        }
        #expect(placeholder.isEmpty)
    }

    @Test func makefileTargetsWinOverTheSameKind() {
        let checks = ProjectChecks.detect(paths: ["Makefile", "Cargo.toml"]) { _ in "lint:\n\tcargo clippy\nX := 1\n.PHONY: test\n" }
        #expect(checks.map(\.display) == ["make lint", "cargo build", "cargo test"])
    }

    @Test func searchTermsAreNounsAndIdentifiers() {
        let terms = RepositoryMap.searchTerms(mission: "Add CSV export to the reports page using ReportWriter and `parse_rows`")
        #expect(terms.nouns == ["csv", "export", "reports", "reportwriter", "rows"])
        #expect(terms.identifiers == ["parse_rows", "ReportWriter"])
    }

    @Test func matchingPathsPreferFoldersAndRunTogetherNames() {
        let files = [
            "Sources/Reports/Reports.swift", "Sources/Reports/Table.swift", "Sources/Export/CSVExport.swift",
            "web/reports/index.ts", "Sources/App/Reporting.swift",
        ]
        #expect(
            RepositoryMap.matchingPaths(files: files, mission: "Add CSV export to the reports page")
                == ["web/reports/", "Sources/Export/", "Sources/Reports/"])
        #expect(RepositoryMap.matchingPaths(files: files, mission: "Speed up the CSV exporter") == [])
        #expect(RepositoryMap.matchingPaths(files: files, mission: "Fix the table layout") == ["Sources/Reports/Table.swift"])
    }

    @Test func aQualifiedNounNeedsEvidenceForAFolderOrFile() {
        let files = ["Sources/Reports/Reports.swift", "Sources/Reports/Table.swift", "Sources/Auth/Login.swift"]
        #expect(RepositoryMap.matchingPaths(files: files, mission: "Fix the crash reports") == [])
        #expect(
            RepositoryMap.qualifiedPaths(files: files, mission: "Fix the crash reports") == [
                "Sources/Reports/": ["crash"], "Sources/Reports/Reports.swift": ["crash"],
            ])
        #expect(
            RepositoryMap.matchingPaths(files: files, mission: "Fix the crash reports", confirmed: ["Sources/Reports/": ["crash"]])
                == ["Sources/Reports/"])
        #expect(RepositoryMap.matchingPaths(files: files, mission: "Add CSV export to the reports page") == ["Sources/Reports/"])
        #expect(RepositoryMap.qualifiedPaths(files: files, mission: "Add CSV export to the reports page").isEmpty)
        let crashFiles = files + ["Sources/Reports/CrashUpload.swift"]
        #expect(RepositoryMap.matchingPaths(files: crashFiles, mission: "Fix the crash reports") == ["Sources/Reports/"])
        #expect(
            RepositoryMap.qualifiedPaths(files: crashFiles, mission: "Fix the crash reports").keys.sorted() == [
                "Sources/Reports/Reports.swift"
            ])
    }

    @Test func textIsBounded() {
        let layout = (0..<200).map { RepositoryMap.Entry(path: "folder\($0)/", files: $0) }
        var map = RepositoryMap(head: "0123456789abcdef", files: 100_000, bytes: 5_000_000, languages: [], checks: [], layout: layout)
        map.focus = .init(terms: ["reports"], paths: (0..<100).map { "Sources/Reports\($0)/" })
        let text = map.render(maxBytes: 1500)
        #expect(text.utf8.count <= 1500)
        #expect(text.hasPrefix("Repository map at 0123456: 100000 tracked files, 4.8 MB"))
        #expect(text.hasSuffix("…"))
    }
}
