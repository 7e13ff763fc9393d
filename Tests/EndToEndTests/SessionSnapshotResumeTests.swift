import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// A session run to its end keeps a snapshot beside its log; `baton resume` starts from it
/// and shows the same session as a replay of the whole log; a damaged one costs one warning.
@Suite struct SessionSnapshotResumeTests {
    @Test func resumeStartsFromTheSnapshotAndADamagedOneFallsBackToTheLog() throws {
        let repo = try TestRepository()
        // A snapshot every 4 events, so this short mission writes several.
        let env = try BatonEnvironment(repository: repo, extra: ["BATON_SNAPSHOT_EVERY": "4"])
        let first = try Baton.run(
            ["--planner", "offline"], input: "\(SessionResumeTests.mission)\n/policy merge auto\n/go\n/wait\n/quit\n", in: repo,
            environment: env)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let id = try #require(repo.sessionIDs.first)
        let directory = repo.path + "/.baton/Sessions/" + id
        let snapshotFile = directory + "/snapshot.json"
        let data = try #require(FileManager.default.contents(atPath: snapshotFile), "a snapshot was written")
        let snapshot = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(snapshot?["baton"] as? String == "snapshot" && (snapshot?["seq"] as? Int ?? 0) >= 4)
        let full = try #require(SessionFile.state(repo))
        #expect(full.plan.tasks.allSatisfy { full.status(of: $0.id) == .merged })

        let resumed = try Baton.run(["resume"], input: "/status\n/quit\n", in: repo, environment: env)
        #expect(resumed.status == 0)
        #expect(!resumed.stdout.contains("warning") && !resumed.stderr.contains("warning"), "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains("— now —"))
        #expect(resumed.stdout.contains("T3") && resumed.stdout.contains("merged"))

        try Data("{\"baton\":\"snapshot\",\"format\":1,\"sta".utf8).write(to: URL(fileURLWithPath: snapshotFile))
        let damaged = try Baton.run(["resume"], input: "/status\n/quit\n", in: repo, environment: env)
        #expect(damaged.status == 0)
        let warnings = (damaged.stdout + damaged.stderr).split(separator: "\n").filter { $0.contains("ignored the snapshot") }
        #expect(warnings.count == 1, "\(damaged.stdout)\(damaged.stderr)")
        #expect(warnings.first?.contains("session \(id) (it is damaged) — replayed the whole log instead") == true)
        #expect(damaged.stdout.contains("T3") && damaged.stdout.contains("merged"))
        #expect(try #require(SessionFile.state(repo)) == full, "the log alone gives the same session")
    }
}
