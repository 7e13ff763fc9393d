import BatonTestSupport
import Foundation
import Testing

/// Lines at any width (issue 15), in a real terminal: the plan table uses the full width,
/// long live lines wrap at word boundaries under the `[T1 claude] ` prefix, the banner fits,
/// and a resize is honoured.
@Suite(.enabled(if: TerminalSession.isAvailable, "tmux is not installed"))
struct TerminalWidthTests {
    static let title = "Signup form with email validation and hints"
    static let first = "Signup form validates the email and shows password strength"
    static let done = "Signup form finished with inline errors and a strength meter under the password field"
    static let prefix = "[T1 claude] "

    static func start(_ repo: TestRepository, width: Int, height: Int, release: String) throws -> TerminalSession {
        var env = try Review.environment(
            repo, plan: [Review.task("T1", title, scope: ["signup/"])],
            turns: [
                "T1": [
                    [
                        "write": ["signup/form.txt": "form\n"],
                        "checkpoint": ["checkpoint": "first-change", "summary": first, "next": "wire the submit button"],
                    ],
                    ["wait_for": release, "append": ["signup/form.txt": "done\n"], "checkpoint": ["checkpoint": "done", "summary": done]],
                ]
            ])
        env.values.removeValue(forKey: "NO_COLOR")
        env.values["TERM"] = "xterm-256color"
        let argv = ["/usr/bin/env", "PATH=\(env.values["PATH"] ?? "")", Products.baton]
        return try TerminalSession(argv, in: repo.path, environment: env.values, width: width, height: height)
    }

    // The title is 43 characters: the table fits in 80 columns, but only when the coloured
    // id counts as the 2 columns it takes (with its colour codes counted it would be cut).

    /// The joined line (wrapped by the terminal or not) that contains `needle`, and the row after it.
    static func line(_ t: TerminalSession, containing needle: String) -> (line: String, next: String)? {
        guard let rows = try? t.scrollback(), let i = rows.firstIndex(where: { $0.contains(needle) }) else { return nil }
        return (rows[i], i + 1 < rows.count ? rows[i + 1] : "")
    }

    static func prompt(_ t: TerminalSession) async -> Bool {
        await poll(seconds: 60) { (try? t.screen())?.contains { $0.hasPrefix("baton ▸") } == true }
    }

    @Test func eightyColumns() async throws {
        let repo = try TestRepository()
        let release = repo.scratch + "/release"
        let t = try Self.start(repo, width: 80, height: 24, release: release)
        defer { t.kill() }
        #expect(await Self.prompt(t), "\((try? t.screen()) ?? [])")
        // The banner fits: no joined row of the screen is wider than the terminal.
        let banner = try t.screen().prefix(3)
        #expect(banner.allSatisfy { $0.count <= 80 }, "\(banner)")
        try t.type("Build the signup flow")
        try t.keys("Enter")
        // The plan table shows the whole title (it fits in 80 columns).
        #expect(await poll(seconds: 90) { Self.line(t, containing: "  T1  ") != nil }, "\((try? t.scrollback()) ?? [])")
        let row = try #require(Self.line(t, containing: "  T1  ")).line
        #expect(row.contains(Self.title) && row.count <= 80, "\(row)")
        try t.type("/go")
        try t.keys("Enter")
        #expect(
            await poll(seconds: 120) { Self.line(t, containing: "checkpoint 1 · first change") != nil }, "\((try? t.scrollback()) ?? [])")
        // Baton wrapped it (the terminal did not): at most 80 columns, the rest indented under the prefix.
        let (line, next) = try #require(Self.line(t, containing: "checkpoint 1 · first change"))
        #expect(line.hasPrefix(Self.prefix) && line.count <= 80, "\(line)")
        #expect(
            next.hasPrefix(String(repeating: " ", count: Self.prefix.count))
                && !next.hasPrefix(String(repeating: " ", count: Self.prefix.count + 1)), "\(next)")
        // No word is broken across the rows.
        let words = (line + " " + next).split(separator: " ").map(String.init)
        for word in ["Signup", "form", "validates", "next:", "wire", "the", "submit", "button"] {
            #expect(words.contains(word) || words.contains { $0.hasPrefix(word) && $0.hasSuffix("…") }, "\(word) in \(line) / \(next)")
        }
        FileManager.default.createFile(atPath: release, contents: Data())
        #expect(await poll(seconds: 120) { Self.line(t, containing: "] done · ") != nil }, "\((try? t.scrollback()) ?? [])")
    }

    @Test func wideThenResized() async throws {
        let repo = try TestRepository()
        let release = repo.scratch + "/release"
        let t = try Self.start(repo, width: 160, height: 48, release: release)
        defer { t.kill() }
        #expect(await Self.prompt(t))
        try t.type("Build the signup flow")
        try t.keys("Enter")
        #expect(await poll(seconds: 90) { Self.line(t, containing: "  T1  ") != nil })
        try t.type("/go")
        try t.keys("Enter")
        #expect(
            await poll(seconds: 120) { Self.line(t, containing: "checkpoint 1 · first change") != nil }, "\((try? t.scrollback()) ?? [])")
        // At 160 columns the whole checkpoint line, summary included, is one row.
        let (line, _) = try #require(Self.line(t, containing: "checkpoint 1 · first change"))
        #expect(line.contains(Self.first) && line.contains("next: wire the submit button") && line.count <= 160, "\(line)")
        // Narrowed to 80 columns (SIGWINCH): the done line that follows fits the new width.
        try t.resize(width: 80, height: 24)
        FileManager.default.createFile(atPath: release, contents: Data())
        #expect(await poll(seconds: 120) { Self.line(t, containing: "] done · ") != nil }, "\((try? t.scrollback()) ?? [])")
        let (done, next) = try #require(Self.line(t, containing: "] done · "))
        #expect(done.count <= 80, "\(done)")
        #expect(next.hasPrefix(String(repeating: " ", count: Self.prefix.count)), "\(next)")
    }
}
