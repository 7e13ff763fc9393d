import BatonTestSupport
import Foundation
import Testing

/// The built-in `antigravity` profile drives the stand-in `agy` in both of its versions: the
/// 1.0 plain `--print` text, and the later stream-json with `--conversation` resume. Baton
/// reads `agy --help` once (per version) to choose.
@Suite struct AntigravityTests {
    static func run(version: String, turns: [[String: Any]]) throws -> (out: String, agy: [[String]]) {
        let repo = try TestRepository()
        let env = try Review.environment(
            repo, agents: ["claude", "agy"], plan: [Review.task("T1", "Survey the docs", scope: ["docs/"], kind: "docs")],
            turns: ["T1": turns])
        var values = env
        values.values["BATON_STANDIN_AGY"] = version
        let input = ["Survey the docs", "/route T1 antigravity", "/go", "/wait", "/agents"].joined(separator: "\n") + "\n"
        let result = try Baton.run(input: input, in: repo, environment: values)
        return (result.stdout, values.calls().filter { $0.agent == "agy" }.map(\.argv))
    }

    @Test func laterVersionsStreamJSONAndResumeByConversationID() throws {
        let (out, agy) = try Self.run(
            version: "1.2", turns: [["write": ["docs/a.md": "a\n"], "checkpoint": ["checkpoint": "first-change", "summary": "Started."]]])
        #expect(out.contains("[T1 antigravity] checkpoint 1 · first change"), "\(out)")
        #expect(out.contains("[T1 antigravity] done"), "\(out)")
        let turns = agy.filter { $0.contains("--print") }
        try #require(turns.count == 2, "\(agy)")
        #expect(turns[0].contains("stream-json") && !turns[0].contains("--conversation"), "\(turns[0])")
        let i = try #require(turns[1].firstIndex(of: "--conversation"), "\(turns[1])")
        #expect(turns[1][i + 1].count > 8, "its own conversation id: \(turns[1])")
        #expect(agy.filter { $0 == ["agy", "--help"] }.count == 1, "the help is read once: \(agy)")
        #expect(out.contains("note: gemini CLI stopped serving on 2026-06-18 upstream — its successor is antigravity (agy)"), "\(out)")
    }

    @Test func version1PrintsPlainTextAndEachTurnStartsAfresh() throws {
        let (out, agy) = try Self.run(version: "1.0", turns: [["write": ["docs/a.md": "a\n"]]])
        #expect(out.contains("[T1 antigravity] done"), "\(out)")
        let turns = agy.filter { $0.contains("--print") }
        try #require(turns.count == 1, "\(agy)")
        #expect(!turns[0].contains("--output-format") && !turns[0].contains("--conversation"), "\(turns[0])")
    }
}
