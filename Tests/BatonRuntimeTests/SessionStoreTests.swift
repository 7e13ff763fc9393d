import BatonAgents
import BatonCore
import BatonRuntime
import BatonTestSupport
import BatonWorkspace
import Foundation
import Testing

/// The store: ids and prefixes, the lock, summaries, read-only sessions.
@Suite struct SessionStoreTests {
    @Test func createGivesAFreshIdThatOpensAgain() throws {
        let tmp = TempSessions()
        let id: String
        do {
            let s = try tmp.store.create(repository: "/r", now: 5)
            id = s.id
            #expect(id.range(of: #"^s-[0-9a-f]{4}$"#, options: .regularExpression) != nil)
            try s.log?.append(SessionRecord(seq: 1, at: 6, event: .missionSet(text: "m")))
        }
        #expect(tmp.store.ids() == [id])
        let again = try tmp.store.open(id)
        #expect(again.records.map(\.event) == [.missionSet(text: "m")] && again.header.created == 5)
        #expect(tmp.store.newID() != id)
    }

    @Test func resolveByIdUniquePrefixAmbiguousAndUnknown() throws {
        let tmp = TempSessions()
        for id in ["s-ab12", "s-ab34", "s-cd56"] { try tmp.make(id, events: []) }
        #expect(try tmp.store.resolve("s-ab12") == "s-ab12")
        #expect(try tmp.store.resolve("s-cd") == "s-cd56")
        #expect(try tmp.store.resolve("cd5") == "s-cd56", "the s- may be left out")
        #expect(throws: SessionStoreError.ambiguous("ab", matches: ["s-ab12", "s-ab34"])) { try tmp.store.resolve("ab") }
        #expect(
            SessionStoreError.ambiguous("ab", matches: ["s-ab12", "s-ab34"]).description
                == "ab matches several sessions: s-ab12 s-ab34 — type more of the id")
        #expect(throws: SessionStoreError.notFound("ef", known: ["s-ab12", "s-ab34", "s-cd56"])) { try tmp.store.resolve("ef") }
        #expect(SessionStoreError.notFound("ef", known: ["s-ab12"]).description.contains("sessions are s-ab12"))
        let empty = TempSessions()
        #expect(throws: SessionStoreError.notFound("x", known: [])) { try empty.store.resolve("x") }
        // A folder without a log is not a session.
        try FileManager.default.createDirectory(atPath: tmp.store.sessionDirectory("s-ee00"), withIntermediateDirectories: true)
        #expect(tmp.store.ids() == ["s-ab12", "s-ab34", "s-cd56"])
    }

    @Test func summariesReplayEverySessionNewestFirst() throws {
        let tmp = TempSessions()
        try tmp.make("s-0001", events: [.missionSet(text: "older mission")], at: 100)
        try tmp.make(
            "s-0002",
            events: [
                .missionSet(text: "newer mission"),
                .planProposed(
                    planner: "offline", tasks: [PlanTask(id: "T1", title: "a"), PlanTask(id: "T2", title: "b")], costUSD: 0.5, note: nil),
                .planApproved(integrationBranch: "baton/s-0002/main", baseCommit: "x"),
                .taskMerged(task: "T1", commit: "m"),
            ], at: 200)
        try tmp.make("s-0003", events: [.missionSet(text: "damaged")], at: 50)
        try tmp.appendRaw("s-0003", "garbage\n")

        let all = tmp.store.summaries()
        #expect(all.map(\.id) == ["s-0002", "s-0001", "s-0003"])
        let newer = all[0]
        #expect(newer.state.mission == "newer mission" && newer.state.phase == .running)
        #expect(newer.state.doneCount == 1 && newer.state.plan.tasks.count == 2 && newer.state.totalCostUSD == 0.5)
        #expect(newer.created == 200 && newer.lastEvent == 204 && !newer.damaged)
        #expect(all[1].state.summaryState == "planning")
        #expect(all[2].damaged && all[2].state.mission == "damaged")
    }

    @Test func aSecondOpenOfTheSameSessionFailsNamingTheHolder() throws {
        let tmp = TempSessions()
        let first = try tmp.store.create(repository: "/r", now: 1)
        let pid = getpid()
        #expect(throws: SessionStoreError.locked(session: first.id, pid: pid)) { try tmp.store.open(first.id) }
        #expect(SessionStoreError.locked(session: first.id, pid: pid).description.contains("baton (pid \(pid))"))
        #expect(try String(contentsOfFile: first.directory + "/lock", encoding: .utf8) == "\(pid)\n")
    }

    @Test func theLockIsReleasedWhenTheSessionIsClosed() throws {
        let tmp = TempSessions()
        var id = ""
        do { id = try tmp.store.create(repository: "/r", now: 1).id }
        let reopened = try tmp.store.open(id)
        #expect(reopened.id == id)
    }

    @Test func aStaleLockFromAKilledProcessIsTakenOver() async throws {
        let tmp = TempSessions()
        var id = ""
        do { id = try tmp.store.create(repository: "/r", now: 1).id }
        let lockFile = tmp.store.sessionDirectory(id) + "/lock"
        // Another process holds the session the way baton does: flock + its pid in the file.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            """
            import fcntl, os, sys, time
            f = open(sys.argv[1], "r+")
            fcntl.flock(f, fcntl.LOCK_EX)
            f.truncate(0); f.write("%d\\n" % os.getpid()); f.flush()
            time.sleep(600)
            """, lockFile,
        ]
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        let held = await poll(seconds: 180) {
            (try? String(contentsOfFile: lockFile, encoding: .utf8)) == "\(holder.processIdentifier)\n"
        }
        #expect(held)
        #expect(throws: SessionStoreError.locked(session: id, pid: holder.processIdentifier)) { try tmp.store.open(id) }

        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        // The file still names the dead holder; the kernel released its lock.
        #expect(try String(contentsOfFile: lockFile, encoding: .utf8) == "\(holder.processIdentifier)\n")
        let taken = try tmp.store.open(id)
        #expect(taken.id == id)
        #expect(try String(contentsOfFile: lockFile, encoding: .utf8) == "\(getpid())\n")
    }

    @Test func aDamagedSessionRefusesNewEvents() async throws {
        let tmp = TempSessions()
        let repo = try TestRepository()
        try tmp.make("s-0bad", events: [.missionSet(text: "m"), .noteRecorded(text: "kept")])
        try tmp.appendRaw("s-0bad", "{broken\n")
        let session = try tmp.store.open("s-0bad")
        let context = RuntimeContext(
            repositoryRoot: repo.path, workspace: Workspace(root: repo.path, git: CommandLineGit()),
            store: tmp.store, registry: AgentRegistry(profiles: BuiltinProfiles.all),
            prompts: PromptLibrary(repositoryRoot: repo.path), options: RuntimeOptions())
        let controller = SessionController(context: context, session: session)
        #expect(controller.isReadOnly)
        #expect(await controller.state.notes == ["kept"], "what came before the damage is there")
        await #expect(throws: SessionStoreError.readOnly("s-0bad")) { try await controller.record(.noteRecorded(text: "new")) }
        #expect(tmp.lines("s-0bad").count == 5, "nothing was appended")
    }
}
