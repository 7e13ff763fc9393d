import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Text from agents and planners is untrusted: it never reaches the terminal as control
/// bytes, never names paths outside the repository, and secrets stay out of the session.
@Suite struct SafetyTests {
    /// ESC[2J (clear screen), OSC 52 (clipboard write), BEL, backspaces, a CR overwrite.
    static let hostile = "ok\u{1B}[2J\u{1B}]52;c;cm0gLXJmIH4=\u{07}ring\u{07}\u{08}\u{08}xx\rFAKE DONE"

    static func containsControlBytes(_ text: String) -> [String] {
        var found: [String] = []
        if text.contains("\u{1B}") { found.append("ESC") }
        if text.contains("\u{07}") { found.append("BEL") }
        if text.contains("\u{08}") { found.append("BS") }
        if text.unicodeScalars.contains(where: { $0 == "\r" }) { found.append("CR") }
        if text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) { found.append("C1") }
        return found
    }

    @Test func agentTextWithControlSequencesNeverReachesTheOutput() throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        let summary = Self.hostile.unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
        try env.scenario(
            """
            {"*": [
              {"write": {"a.txt": "1\\n"}, "lines": 2, "checkpoint": {"checkpoint": "first-change", "summary": "\(summary)", "next": "\(summary)"}},
              {"append": {"a.txt": "2\\n"}, "checkpoint": {"checkpoint": "needs-decision", "summary": "\(summary)", "question": "\(summary)?", "options": ["\(summary)", "b"]}},
              {"append": {"a.txt": "3\\n"}, "checkpoint": {"checkpoint": "done", "summary": "\(summary)"}}
            ]}
            """)
        try env.plan(#"{"tasks": [{"id": "T1", "title": "Only task", "kind": "code", "scope": ["a.txt"]}]}"#)
        let result = try Baton.run(
            input: "Write a.txt\n/go\n/wait\n/decide D1 1\n/wait\n/log T1\n/diff T1\n/status\n/decisions\n/quit\n", in: repo,
            environment: env)
        #expect(result.stdout.contains("FAKE DONE"), "the text itself is shown: \(result.stdout)")
        #expect(Self.containsControlBytes(result.stdout).isEmpty, "found \(Self.containsControlBytes(result.stdout))")
        #expect(Self.containsControlBytes(result.stderr).isEmpty)
        // Resuming re-renders the transcript: still clean.
        let again = try Baton.run(["resume"], input: "/status\n/quit\n", in: repo, environment: env)
        #expect(again.stdout.contains("FAKE DONE"))
        #expect(Self.containsControlBytes(again.stdout).isEmpty, "found \(Self.containsControlBytes(again.stdout))")
    }

    @Test func plannerTitlesWithControlSequencesAreRejectedOrStripped() throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        try env.plan(
            #"{"tasks": [{"id": "T1", "title": "Evil \u001b[2J\u001b]52;c;eA==\u0007title\r\b", "kind": "code", "scope": ["src/"]}]}"#)
        let result = try Baton.run(input: "Do something\n/plan\n/quit\n", in: repo, environment: env)
        #expect(Self.containsControlBytes(result.stdout).isEmpty, "found \(Self.containsControlBytes(result.stdout))")
        let plan = try Baton.run(["plan", "Do something", "--json"], input: "", in: repo, environment: env)
        #expect(Self.containsControlBytes(plan.stdout + plan.stderr).isEmpty)
    }

    /// Planner plans that leave the repository are never dispatched: Baton says why in one
    /// line and uses the offline planner.
    @Test(arguments: [
        ("scope /etc", #"{"id": "T1", "title": "Etc", "scope": ["/etc"]}"#),
        ("scope ../x", #"{"id": "T1", "title": "Up", "scope": ["../x"]}"#),
        ("scope ~/x", #"{"id": "T1", "title": "Home", "scope": ["~/x"]}"#),
        ("id ../T1", #"{"id": "../T1", "title": "Bad id", "scope": ["src/"]}"#),
        ("id T1/../../x", #"{"id": "T1/../../x", "title": "Bad id", "scope": ["src/"]}"#),
        ("symlink out", #"{"id": "T1", "title": "Through a link", "scope": ["outside/"]}"#),
    ])
    func plansLeavingTheRepositoryAreRejected(_ name: String, _ task: String) throws {
        let repo = try TestRepository()
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/outside", withDestinationPath: "/etc")
        try repo.git("add", "outside")
        try repo.git("commit", "-q", "-m", "a link")
        var env = try BatonEnvironment(repository: repo)
        try env.plan(#"{"tasks": ["# + task + #"]}"#)
        let result = try Baton.run(input: "Do the thing\n/plan\n/quit\n", in: repo, environment: env)
        let warnings = result.stdout.split(separator: "\n").filter { $0.contains("gave no usable plan") }
        #expect(warnings.count == 1, "\(name): \(result.stdout)")
        #expect(warnings.first?.contains("used the offline planner instead") == true)
        #expect(result.stdout.contains("planner (offline") || result.stdout.contains("offline"), "\(name)")
        #expect(!result.stdout.contains("Through a link") && !result.stdout.contains("Bad id") && !result.stdout.contains("  T1  Etc"))
        // Nothing ran: no task agent was called.
        #expect(
            env.calls().filter { $0.argv.contains("stream-json") || ($0.argv.contains("exec") && !$0.argv.contains("read-only")) }.isEmpty)
    }

    @Test func noPermissionBypassUnlessConfirmedAndSecretsStayOutOfTheSession() throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo, extra: ["FAKE_API_KEY": "sekrit-123"])
        try env.plan(
            #"{"tasks": [{"id": "T1", "title": "One", "scope": ["a/"], "route": "claude"}, {"id": "T2", "title": "Two", "scope": ["b/"], "route": "codex"}, {"id": "T3", "title": "Three", "scope": ["c/"], "route": "gemini"}]}"#
        )
        let result = try Baton.run(input: "Do three things\n/permissions bypass on\n/go\n/wait\n/quit\n", in: repo, environment: env)
        #expect(result.stdout.contains("error: turning bypass on needs a confirmation at a terminal"))
        let banned = ["--dangerously-skip-permissions", "bypassPermissions", "danger-full-access", "yolo", "--yolo"]
        let calls = env.calls()
        #expect(calls.count >= 4)
        for call in calls {
            for flag in banned { #expect(!call.argv.contains { $0.contains(flag) && !$0.contains("\n") }, "\(call.argv)") }
        }
        // Session files 0600, folders 0700; the secret nowhere in them.
        let sessions = repo.path + "/.baton/Sessions"
        let walker = try #require(FileManager.default.enumerator(atPath: sessions))
        var files = 0
        for case let relative as String in walker {
            let path = sessions + "/" + relative
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? Int ?? 0) & 0o777
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                #expect(mode == 0o700, "\(relative) is \(String(mode, radix: 8))")
            } else {
                files += 1
                #expect(mode == 0o600, "\(relative) is \(String(mode, radix: 8))")
                let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
                #expect(!text.contains("sekrit-123"), "\(relative) holds the secret")
            }
        }
        #expect(files > 5)
        #expect(!result.stdout.contains("sekrit-123"))
    }
}
