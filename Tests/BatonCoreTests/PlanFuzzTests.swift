import BatonTestSupport
import Foundation
import Testing

@testable import BatonCore

/// Seeded, reproducible random and mutated inputs through the planner-reply parser
/// (`PlanJSON.extractPlan`) and the `/edit` text parser (`PlanTextFormat.parse`): no input
/// crashes them, and whatever they accept is well-formed enough to validate and render.
@Suite struct PlanFuzzTests {
    static let jsonSeeds: [String] = [
        #"```json\n{"tasks":[{"id":"T1","title":"Core","kind":"code","scope":["src/"],"deps":[]},{"id":"T2","title":"Tests","kind":"tests","deps":["T1"],"acceptance":["passes"]}]}\n```"#,
        #"Here is the plan: {"plan":{"tasks":[{"title":"A","detail":"x\ny","route":"codex","route_reason":"fast"}]}} done"#,
        #"[{"name":"One","deps":"T2"},{"id":"t2","title":"Two","deps":["T1"],"scope":"/etc"}]"#,
        #"{"tasks":[{"id":"../T1","title":"\u001b[2Jboom","scope":["../x","~/y"],"avoid":[null,1,{"a":[]}]}]}"#,
        #"{"tasks": [], "note": "\ud800"}"#,
    ]

    static let alphabet: [Character] = [
        "{", "}", "[", "]", "\"", ":", ",", "\\", "u", "n", "`", "T", "1", "-", "0", "e",
        "t", "a", "s", "k", " ", "\n", "\u{1B}", "\u{0}", "é", "🙂", "i", "d", "l", "#",
    ]

    @Test func tenThousandPlannerRepliesNeverCrashTheJSONReader() {
        var rng = SeededRandom(seed: 0x91A7)
        var accepted = 0
        for i in 0..<10_000 {
            let text = i % 3 == 0 ? Self.random(&rng, length: 300) : Self.mutate(Self.jsonSeeds[i % Self.jsonSeeds.count], &rng)
            guard let tasks = try? PlanJSON.extractPlan(from: text) else { continue }
            accepted += 1
            #expect(!tasks.isEmpty)
            #expect(tasks.allSatisfy { !$0.title.isEmpty })
            // Whatever was read can be validated and rendered without trouble.
            _ = PlanValidator.validate(Plan(version: 1, tasks: tasks))
            _ = PlanTextFormat.render(Plan(version: 1, tasks: tasks))
        }
        #expect(accepted > 100, "the mutations keep some replies readable: \(accepted)")
    }

    @Test func tenThousandEditedPlansNeverCrashTheTextReader() throws {
        var rng = SeededRandom(seed: 0x7E47)
        let seeds =
            try Self.jsonSeeds.prefix(2).map { PlanTextFormat.render(Plan(version: 3, tasks: try PlanJSON.extractPlan(from: $0))) }
            + ["version: 1\n\n## T1 Only\nkind: code\nscope: \"a,b\", c/\nafter: T1 T9\nacceptance:\n  - one\ndetail:\n  two\n  lines\n"]
        var accepted = 0
        for i in 0..<10_000 {
            let text = i % 3 == 0 ? Self.random(&rng, length: 400, lines: true) : Self.mutate(seeds[i % seeds.count], &rng)
            guard let plan = try? PlanTextFormat.parse(text) else { continue }
            accepted += 1
            // A plan that validates renders back to text that reads back the same.
            if PlanValidator.validate(plan).isEmpty {
                #expect(try PlanTextFormat.parse(PlanTextFormat.render(plan)) == plan)
            }
        }
        #expect(accepted > 100, "the mutations keep some plans readable: \(accepted)")
    }

    static func random(_ rng: inout SeededRandom, length: Int, lines: Bool = false) -> String {
        let words = ["## T1 ", "kind: ", "scope: ", "after: ", "acceptance:\n  - ", "detail:\n  ", "version: 2\n", "\r\n", "\"\\u0000\""]
        var text = ""
        for _ in 0..<Int(rng.next() % UInt64(length)) {
            if lines, rng.next() % 5 == 0 { text += words[Int(rng.next() % UInt64(words.count))] }
            text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
        }
        return text
    }

    /// Flips, cuts, duplicates or splices a seed at a few random places.
    static func mutate(_ seed: String, _ rng: inout SeededRandom) -> String {
        var scalars = Array(seed.unicodeScalars)
        for _ in 0..<(1 + Int(rng.next() % 5)) where !scalars.isEmpty {
            let at = Int(rng.next() % UInt64(scalars.count))
            switch rng.next() % 5 {
            case 0: scalars[at] = Unicode.Scalar(UInt8(truncatingIfNeeded: rng.next()))
            case 1: scalars.removeSubrange(at...)
            case 2: scalars.remove(at: at)
            case 3: scalars.insert(contentsOf: scalars[at...].prefix(20), at: at)
            default: scalars.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))].unicodeScalars.first!, at: at)
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
