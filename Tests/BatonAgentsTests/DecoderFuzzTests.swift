import BatonCore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonAgents

/// Seeded, reproducible mutations of the fixtures (byte flips, truncation, splicing, huge
/// lines) through every decoder, the planner extractor and the checkpoint parser: no crash,
/// and results stay well formed.
@Suite struct DecoderFuzzTests {
    static func decoders() -> [any StreamDecoder] {
        [ClaudeStreamDecoder(), CodexStreamDecoder(), GeminiStreamDecoder(), OpencodeStreamDecoder(), PlainTextDecoder()]
    }

    @Test func tenThousandMutatedStreams() {
        var rng = SeededRandom(seed: 20_260_101)
        let fixtures = Support.fixtureNames.map { Array(Support.fixture($0).utf8) }
        #expect(fixtures.allSatisfy { !$0.isEmpty })
        for iteration in 0..<10_000 {
            var bytes = fixtures[iteration % fixtures.count]
            switch rng.below(5) {
            case 0:  // byte flips
                for _ in 0...rng.below(8) where !bytes.isEmpty { bytes[rng.below(bytes.count)] ^= UInt8(1 << rng.below(8)) }
            case 1:  // truncation
                bytes = Array(bytes.prefix(rng.below(bytes.count + 1)))
            case 2:  // splice two fixtures at random points
                let other = fixtures[rng.below(fixtures.count)]
                bytes = Array(bytes.prefix(rng.below(bytes.count + 1))) + Array(other.suffix(rng.below(other.count + 1)))
            case 3:  // random bytes inserted
                let junk = (0..<rng.below(64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                bytes.insert(contentsOf: junk, at: rng.below(bytes.count + 1))
            default:  // duplicated and shuffled lines
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                lines.shuffle(using: &rng)
                if let first = lines.first { lines.append(first) }
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            }
            let text = String(decoding: bytes, as: UTF8.self)
            check(text, exitCode: Int32(rng.below(3)))
        }
    }

    @Test func hugeAndPathologicalLines() {
        let huge = "{\"type\":\"result\",\"result\":\"" + String(repeating: "x", count: JSONLine.maxBytes + 10) + "\"}"
        let deep = String(repeating: "[", count: 100_000)
        let nested = "{\"a\":" + String(repeating: "{\"a\":", count: 5_000) + "1" + String(repeating: "}", count: 5_001)
        for text in [
            huge, "{" + deep, nested, "{\"type\":\"assistant\",\"message\":{\"content\":[null,1,\"x\",{}]}}",
            "{\"type\":\"result\",\"total_cost_usd\":1e400,\"duration_ms\":-1e300,\"usage\":{\"input_tokens\":\"x\"}}",
        ] {
            check(text, exitCode: 0)
        }
    }

    private func check(_ text: String, exitCode: Int32) {
        for decoder in Self.decoders() {
            var decoder = decoder
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                for event in decoder.decode(line: String(line)) {
                    if case .activity(let a) = event { #expect(a.count <= ActivitySummary.limit && !a.contains("\n")) }
                }
            }
            let result = decoder.finish(exitCode: exitCode, stderrTail: text.count < 4096 ? text : "")
            #expect(result.exitCode == exitCode)
            if let error = result.error { #expect(!error.contains("\n")) }
            if exitCode != 0 { #expect(!result.succeeded) }
            _ = CheckpointBlockParser.parse(finalText: result.finalText)
        }
        for agent in ["claude", "codex", "gemini"] {
            _ = PlannerCommand.extract(agent: agent, stdout: text, exitCode: exitCode)
        }
    }
}
