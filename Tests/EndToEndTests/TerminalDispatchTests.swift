import BatonTestSupport
import Foundation
import Testing

/// Baton in a real terminal (tmux) while eight tasks stream: what the user is typing is never
/// disturbed by the live lines printed above it.
@Suite(.enabled(if: TerminalSession.isAvailable, "tmux is not installed"))
struct TerminalDispatchTests {
    /// Eight independent tasks the router spreads over claude (3), codex (3) and gemini (2),
    /// the agents' own limits, so all eight can run at once under /parallel 8.
    static let plan: String = {
        let titles = [
            "Write the CSV exporter core", "Write the XML exporter core", "Write the YAML exporter core",
            "Add the CSV export endpoint", "Add the XML export endpoint", "Add the YAML export endpoint",
            "Write an overview of the CSV export", "Write an overview of the XML export",
        ]
        let tasks = titles.enumerated().map { i, title in
            #"{"id": "T\#(i + 1)", "title": "\#(title)", "kind": "\#(i >= 6 ? "docs" : "code")", "detail": "", "scope": ["t\#(i + 1)/"], "deps": []}"#
        }
        return #"{"tasks": ["# + tasks.joined(separator: ", ") + "]}"
    }()

    /// Each turn streams eight activity lines a second apart, then writes its file.
    static let scenario: String = {
        let turns = (1...8).map { #""T\#($0)": [{"lines": 8, "pace": 1, "write": {"t\#($0)/out.txt": "\#($0)\n"}}]"# }
        return "{" + turns.joined(separator: ", ") + "}"
    }()

    /// The last non-empty line of the screen (the prompt line) and its row.
    static func promptLine(_ t: TerminalSession) throws -> (row: Int, text: String)? {
        let screen = try t.screen()
        guard let row = screen.lastIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
        return (row, screen[row])
    }

    /// Waits (briefly) for some new live output, so typing interleaves with streaming lines.
    static func someOutput(after before: Int, _ t: TerminalSession) async {
        _ = await poll(seconds: 10) { ((try? t.scrollback())?.filter { $0.hasPrefix("[T") }.count ?? 0) > before }
    }

    static func liveLineCount(_ t: TerminalSession) -> Int {
        (try? t.scrollback())?.filter { $0.hasPrefix("[T") }.count ?? 0
    }

    @Test func typedLineSurvivesEightStreamingTasks() async throws {
        let repo = try TestRepository()
        var env = try BatonEnvironment(repository: repo)
        try env.plan(Self.plan)
        try env.scenario(Self.scenario)
        var values = env.values
        values.removeValue(forKey: "NO_COLOR")
        values["TERM"] = "xterm-256color"
        // tmux gives the program the client's PATH whatever `-e PATH=` says: set it with env.
        let argv = ["/usr/bin/env", "PATH=\(values["PATH"] ?? "")", Products.baton]
        let t = try TerminalSession(argv, in: repo.path, environment: values, width: 140, height: 40)
        defer { t.kill() }

        // Type only once the editor shows its prompt (keys sent earlier may be flushed).
        #expect(
            await poll(seconds: 60) { (try? Self.promptLine(t))?.text.hasPrefix("baton ▸") == true },
            "\((try? t.screen())?.joined(separator: "\n") ?? "")")
        #expect(try t.screen().contains { $0.contains("claude ✓ codex ✓ gemini ✓") })
        try t.type("Add exporters")
        try t.keys("Enter")
        #expect(
            await poll(seconds: 60) { (try? t.scrollback().contains { $0.contains("/go to start") }) == true },
            "\((try? t.scrollback())?.joined(separator: "\n") ?? "")")
        // One command at a time, each after the answer to the one before.
        for (line, answer) in [
            ("/parallel 8", "up to 8 tasks at once"), ("/policy merge auto", "policy merge auto"),
            ("/go", "plan approved"),
        ] {
            try t.type(line)
            try t.keys("Enter")
            #expect(
                await poll(seconds: 60) { (try? t.scrollback().contains { $0.hasPrefix(answer) }) == true },
                "\((try? t.scrollback())?.joined(separator: "\n") ?? "")")
        }
        #expect(
            await poll(seconds: 60) { (try? t.scrollback().filter { $0.hasPrefix("started T") }.count) == 8 },
            "\((try? t.scrollback())?.joined(separator: "\n") ?? "")")

        // Type while the tasks stream: UTF-8 text, three steps left, an insertion.
        var seen = Self.liveLineCount(t)
        try t.type("/note h")
        await Self.someOutput(after: seen, t)
        seen = Self.liveLineCount(t)
        try t.type("éllo w")
        await Self.someOutput(after: seen, t)
        seen = Self.liveLineCount(t)
        try t.type("rld")
        try t.keys("Left", "Left", "Left")
        await Self.someOutput(after: seen, t)
        try t.type("ö")

        // All eight finish (merged) while the line waits, unsent.
        let merged = await poll(seconds: 120) {
            let lines = (try? t.scrollback()) ?? []
            return (1...8).allSatisfy { n in lines.contains { $0.contains("merged T\(n) into") } }
        }
        let transcript = (try? t.scrollback())?.joined(separator: "\n") ?? ""
        #expect(merged, "\(transcript)")
        #expect(transcript.filter { $0 == "\n" }.count > 30, "the tasks streamed live lines")

        // The typed line is intact on the prompt line, the cursor just after the insertion.
        let typed = "/note héllo wörld"
        #expect(
            await poll(seconds: 30) { (try? Self.promptLine(t))?.text.hasSuffix("▸ " + typed) == true },
            "\((try? t.screen())?.joined(separator: "\n") ?? "")")
        let prompt = try #require(try Self.promptLine(t))
        #expect(prompt.text.hasPrefix("baton"), "\(prompt.text)")
        let cursor = try t.cursor()
        let insertion = try #require(prompt.text.range(of: "/note héllo wö"))
        #expect(cursor.y == prompt.row, "cursor on row \(cursor.y), prompt on \(prompt.row)")
        #expect(
            cursor.x == prompt.text.distance(from: prompt.text.startIndex, to: insertion.upperBound),
            "cursor at column \(cursor.x) in \(prompt.text)")
        let partial = try t.scrollback().filter { $0.contains("/note") }
        #expect(partial.count == 1, "no stale copies of the line being typed were left above: \(partial)")

        // Enter sends it, exactly as shown.
        try t.keys("Enter")
        #expect(
            await poll(seconds: 60) { (try? t.scrollback().contains { $0.contains("noted as D1") }) == true },
            "\((try? t.scrollback())?.joined(separator: "\n") ?? "")")
        try t.type("/decisions")
        try t.keys("Enter")
        #expect(
            await poll(seconds: 60) { (try? t.scrollback().contains { $0.contains("héllo wörld") && $0.contains("D1") }) == true },
            "\((try? t.scrollback())?.joined(separator: "\n") ?? "")")
        try t.type("/quit")
        try t.keys("Enter")
        #expect(await poll(seconds: 60) { (try? t.paneDead()) == true })
    }
}
