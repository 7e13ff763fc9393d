import BatonAgents
import BatonCore
import Foundation

/// Test helpers: fixtures and running a decoder over a whole output.
enum Support {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let standInBin = testsDirectory.deletingLastPathComponent().appendingPathComponent("StandIns/bin")

    static func fixture(_ name: String) -> String {
        let url = testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name)
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    static let fixtureNames = [
        "claude-api-error.jsonl", "claude-turn-checkpoint.jsonl", "claude-turn-denied.jsonl",
        "codex-turn-checkpoint.jsonl", "codex-turn-failed.jsonl", "gemini-turn.jsonl", "planner-claude-json-result.json",
    ]

    /// Feeds every line to `decoder`, then finishes it.
    static func run(
        _ decoder: some StreamDecoder, _ text: String, exitCode: Int32 = 0, stderr: String = ""
    )
        -> (events: [AgentEvent], result: TurnResult)
    {
        var decoder = decoder
        var events: [AgentEvent] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            events += decoder.decode(line: String(line))
        }
        return (events, decoder.finish(exitCode: exitCode, stderrTail: stderr))
    }
}
