import BatonTestSupport
import Foundation
import Testing

/// The repository map as a user meets it: `/map`, scopes in the offline plan, and the
/// plan-time conflict those scopes reveal.
@Suite struct RepositoryMapEndToEndTests {
    static func fixture() throws -> (TestRepository, BatonEnvironment) {
        let repo = try TestRepository(files: [
            "README.md": "# Shop\n", "Package.swift": "// swift-tools-version:6.0\n",
            "Sources/Reports/Reports.swift": "struct Reports {}\n", "Sources/Auth/Login.swift": "struct Login {}\n",
        ])
        var env = try BatonEnvironment(repository: repo, agents: [])
        env.values["BATON_PLANNER"] = "offline"
        return (repo, env)
    }

    @Test func mapShowsChecksLayoutAndWhatTheWordsName() throws {
        let (repo, env) = try Self.fixture()
        let r = try Baton.run(input: "/map reports page\n", in: repo, environment: env)
        #expect(r.stdout.contains("Test: swift test"), "\(r.stdout)")
        #expect(r.stdout.contains("Layout: (top level) 2, Sources/ 2"))
        #expect(r.stdout.contains("  Sources/Reports/"))
        #expect(r.stdout.contains("initial"))  // the commit that touched it
        let head = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(FileManager.default.fileExists(atPath: repo.path + "/.baton/map/\(head).json"))
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }

    @Test func mapDerivedScopesFlagAPlanTimeConflict() throws {
        let (repo, env) = try Self.fixture()
        let mission = "- Add CSV export to the reports page\n- Add a PDF export to the reports page\n- Fix the login redirect"
        let r = try Baton.run(["plan", mission], input: "", in: repo, environment: env)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("T1") && $0.hasSuffix("Sources/Reports/") })
        #expect(lines.contains { $0.contains("T3") && $0.hasSuffix("Sources/Auth/Login.swift") })
        #expect(r.stdout.contains("warning: T1 and T2 may run at once and both touch Sources/Reports/"), "\(r.stdout)")
        #expect(!r.stdout.contains("T3 may run"))
    }

    @Test func aScopeTheMapFindsLargeRoutesAsBroadWork() throws {
        var files = ["Package.swift": "// swift-tools-version:6.0\n", "Sources/Auth/Login.swift": "struct Login {}\n"]
        for i in 1...120 { files["Sources/Reports/Report\(i).swift"] = "struct Report\(i) {}\n" }
        let repo = try TestRepository(files: files)
        var env = try BatonEnvironment(repository: repo)
        env.values["BATON_PLANNER"] = "offline"
        let r = try Baton.run(input: "Add CSV export to the reports page\n/route\n/route T1\n", in: repo, environment: env)
        // The planner's route says why; the ranking scores the breadth.
        #expect(r.stdout.contains("T1  claude  broad code (Sources/Reports/ holds 120 files)"), "\(r.stdout)")
        #expect(r.stdout.split(separator: "\n").contains { $0.contains("claude") && $0.contains("breadth +3") }, "\(r.stdout)")
    }
}
