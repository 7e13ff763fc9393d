import BatonTestSupport
import Foundation
import Testing

/// A session quits and comes back: the conversation is rebuilt, `baton sessions` lists it,
/// and a plain `baton` points at it.
@Suite struct SessionResumeTests {
    static let mission = "Add CSV export, then write tests for it; update the README"

    @Test func resumeRebuildsTheConversation() throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo)
        let first = try Baton.run(
            ["--planner", "offline"], input: "\(Self.mission)\n/note we use UTC everywhere\n/quit\n", in: repo, environment: env)
        #expect(first.status == 0)
        #expect(first.stdout.contains("noted as D1"))
        let id = try #require(repo.sessionIDs.first)
        #expect(repo.sessionIDs.count == 1)

        let resumed = try Baton.run(["resume"], input: "/quit\n", in: repo, environment: env)
        #expect(resumed.status == 0)
        let out = resumed.stdout
        let start = try #require(out.range(of: "— session \(id), as it was —"))
        let now = try #require(out.range(of: "— now —"))
        #expect(start.upperBound <= now.lowerBound)
        let transcript = String(out[start.upperBound..<now.lowerBound])
        #expect(transcript.contains("baton ▸ \(Self.mission)"), "the mission line")
        #expect(transcript.contains("planner (offline) proposes 3 tasks"))
        #expect(transcript.contains("T1  Add CSV export"), "the plan table")
        #expect(transcript.contains("T3  Update the README"))
        #expect(transcript.contains("noted as D1"), "the note")
        // The same session goes on: a new note is D2, nothing was created.
        let again = try Baton.run(
            ["resume", String(id.dropFirst(2).prefix(3))], input: "/note second\n/decisions\n/quit\n", in: repo, environment: env)
        #expect(again.stdout.contains("noted as D2"))
        #expect(again.stdout.contains("D1  —  Note  we use UTC everywhere"))
        #expect(repo.sessionIDs == [id])
    }

    @Test func sessionsListsIdMissionStateTasksAndCost() throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo)
        _ = try Baton.run(["--planner", "offline"], input: "\(Self.mission)\n/quit\n", in: repo, environment: env)
        let planning = try #require(repo.sessionIDs.first)
        let list = try Baton.run(["sessions"], input: "", in: repo, environment: env)
        #expect(list.status == 0)
        let row = try #require(list.stdout.split(separator: "\n").first { $0.contains(planning) })
        #expect(row.contains(Self.mission) && row.contains("planning") && row.contains("0/3") && row.contains("$0.00"))
        #expect(list.stdout.contains("mission") && list.stdout.contains("state") && list.stdout.contains("cost"))

        // A second session that ran one task (the stand-in claude reports $0.0731 a turn).
        let second = try Baton.run(
            ["--planner", "offline"], input: "/new\nWrite a changelog\n/go\n/wait\n/quit\n", in: repo, environment: env)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        let ran = try #require(repo.sessionIDs.first { $0 != planning })
        let list2 = try Baton.run(["sessions"], input: "", in: repo, environment: env)
        let lines = list2.stdout.split(separator: "\n")
        let ranRow = try #require(lines.first { $0.contains(ran) })
        #expect(ranRow.contains("Write a changelog") && ranRow.contains("$0.07"))
        #expect(ranRow.contains("0/"), "no task merged yet")
        // Newest activity first.
        #expect(lines.firstIndex { $0.contains(ran) }! < lines.firstIndex { $0.contains(planning) }!)
    }

    @Test func plainBatonPointsAtTheUnfinishedSession() throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo)
        _ = try Baton.run(["--planner", "offline"], input: "\(Self.mission)\n/quit\n", in: repo, environment: env)
        let id = try #require(repo.sessionIDs.first)
        let result = try Baton.run([], input: "/quit\n", in: repo, environment: env)
        #expect(result.status == 0)
        #expect(result.stdout.contains("session \(id) is unfinished (planning: Add CSV export"))
        #expect(result.stdout.contains("/resume \(id) to go on"))
        #expect(!result.stdout.contains("as it was"), "a plain baton does not resume by itself")
    }
}
