import BatonTestSupport
import Testing

@testable import BatonCore

/// Seeded, reproducible random inputs through the checkpoint parser and the sanitizer.
@Suite struct TextFuzzTests {
    static let seeds: [String] = [
        "Done.\n\n```baton\n{\"checkpoint\":\"done\",\"summary\":\"x\",\"next\":\"\",\"question\":null,\"options\":[]}\n```",
        "a\u{1B}[31mred\u{1B}]0;t\u{07}\r\n\u{08}\u{9B}1m\u{1B}P1\u{1B}\\",
        "```baton\n{\"checkpoint\":\"needs-decision\",\"question\":\"q\",\"options\":[\"a\",\"b\"]}\n```\n```baton\n",
    ]

    @Test func tenThousandInputsNeverCrash() {
        var rng = SeededRandom(seed: 0xBA70)
        let alphabet: [Character] = [
            "`", "{", "}", "\"", "\n", "\r", "\u{1B}", "[", "]", "\u{07}", "\u{08}", "\u{9B}",
            "\u{9C}", "P", "\\", "a", " ", ":", ",", "é", "🙂", "\u{0}", "\t",
        ]
        for i in 0..<10_000 {
            var text: String
            if i % 2 == 0 {
                text = String((0..<Int(rng.next() % 200)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            } else {
                var scalars = Array(Self.seeds[i % Self.seeds.count].unicodeScalars)
                for _ in 0..<Int(rng.next() % 6) where !scalars.isEmpty {
                    let at = Int(rng.next() % UInt64(scalars.count))
                    switch rng.next() % 3 {
                    case 0: scalars[at] = Unicode.Scalar(UInt8(truncatingIfNeeded: rng.next()))
                    case 1: scalars.removeSubrange(at...)
                    default: scalars.insert(contentsOf: Array(Self.seeds[Int(rng.next() % 3)].unicodeScalars), at: at)
                    }
                }
                text = String(String.UnicodeScalarView(scalars))
            }
            let clean = TerminalText.sanitize(text)
            #expect(!clean.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) || $0.value == 0x07 })
            #expect(TerminalText.oneLine(text, limit: 40).count <= 40)
            let report = CheckpointBlockParser.parse(finalText: text)
            #expect(report.summary.count <= max(CheckpointBlockParser.summaryLimit, text.count))
        }
    }
}
