import BatonTestSupport
import Foundation
import Testing

@testable import BatonCore

@Suite struct JSONValueTests {
    private func parse(_ text: String, keeping filter: JSONFilter = .all) -> JSONValue? {
        JSONLineParser.parseValue(text, keeping: filter)
    }

    /// The Foundation-valued parse of the same text (the session log's replay reads that one).
    private func parseAny(_ text: String) -> Any? {
        var text = text
        return text.withUTF8 { JSONLineParser.parse(bytes: $0) }
    }

    @Test func valuesAreTyped() {
        let value = parse(#" {"s":"a","n":1,"d":1.5,"t":true,"f":false,"z":null,"a":[1,"x"],"o":{"k":[]}} "#)
        #expect(
            value == [
                "s": "a", "n": 1, "d": 1.5, "t": true, "f": false, "z": .null, "a": [1, "x"], "o": ["k": []],
            ])
        guard case .object(let object)? = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.members.map(\.name) == ["s", "n", "d", "t", "f", "z", "a", "o"])
        #expect(object["missing"] == nil)
        #expect(object["z"] == .null)
    }

    @Test func theLastOfDuplicateNamesWins() {
        guard case .object(let object)? = parse(#"{"a":1,"b":2,"a":3}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(object["a"] == 3)
        #expect(object.members.count == 3)
        #expect(object.distinctMembers.map(\.name) == ["b", "a"])
        #expect(object.anyDictionary["a"] as? Int == 3)
        // Kept members too, with a filter.
        #expect(parse(#"{"a":1,"b":2,"a":{"x":1,"y":2}}"#, keeping: .keep(["a": .keep("y")])) == ["a": 1, "a": ["y": 2]])
    }

    @Test func integralNumbersAreIntsAndTheRestDoubles() {
        #expect(parse("0") == 0)
        #expect(parse("-12") == -12)
        #expect(parse("9223372036854775807") == .int(Int.max))
        #expect(parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(parse("1.0") == .double(1))
        #expect(parse("1e2") == .double(100))
        #expect(parse("-0.5E-1") == .double(-0.05))
        for bad in ["01", "1.", ".5", "-", "1e", "+1", "0x10", "1.5.2", "NaN", "Infinity"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
    }

    @Test func escapesAndSurrogates() {
        #expect(parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        #expect(parse(#""\u00e9\u4E2D""#) == .string("é中"))
        #expect(parse(#""\ud83d\ude00""#) == .string("😀"))
        // A lone or mismatched surrogate becomes U+FFFD.
        #expect(parse(#""\ud83dx""#) == .string("\u{FFFD}x"))
        #expect(parse(#""\ude00""#) == .string("\u{FFFD}"))
        #expect(parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
        for bad in [#""\x""#, #""\u12""#, #""\u12g4""#, "\"a\u{01}\"", #""open"#, #""\ud83d\u12""#] {
            #expect(parse(bad) == nil, "\(bad)")
        }
        // An escaped member name is matched by the filter like a plain one.
        #expect(parse(#"{"t\u0079pe":"x","other":1}"#, keeping: .keep("type")) == ["type": "x"])
    }

    /// Strings are scanned eight bytes at a time: an escape, a quote or a control character
    /// is found wherever it falls, in a string read or skipped.
    @Test func stringsAreScannedWhateverTheOffset() {
        for before in 0..<20 {
            for after in 0..<12 {
                let head = String(repeating: before % 2 == 0 ? "a" : "é", count: before)
                let tail = String(repeating: "b", count: after)
                #expect(parse("\"\(head)\\n\(tail)\"") == .string(head + "\n" + tail))
                #expect(parse("\"\(head)\(tail)\"") == .string(head + tail))
                #expect(parse("\"\(head)\u{01}\(tail)\"") == nil)
                #expect(parse("\"\(head)\(tail)") == nil)
                let skipped = "{\"x\":\"\(head)\\\"\(tail)\",\"\(head)\":1,\"k\":2}"
                #expect(parse(skipped, keeping: .keep("k")) == ["k": 2])
                #expect(parse("{\"x\":\"\(head)\u{1F}\(tail)\",\"k\":2}", keeping: .keep("k")) == nil)
            }
        }
    }

    @Test func invalidJSONIsNil() {
        let bad = [
            "", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "{a:1}", "{'a':1}", "tru", "nul",
            "true false", "{} x", "[", "{\"a\":1", "\"a\" \"b\"", "{\"a\":1}}",
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ]
        for text in bad {
            #expect(parse(text) == nil, "\(text)")
            #expect(parseAny(text) == nil, "\(text)")
            // A filter skips what it does not keep, but just as strictly.
            #expect(parse(text, keeping: .keep("a")) == nil, "\(text)")
        }
        #expect(parse(#"{"a":1,"b":[1,}"#, keeping: .keep("a")) == nil)
        #expect(parse(#"{"a":1,"b":"\q"}"#, keeping: .keep("a")) == nil)
        #expect(parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) != nil)
    }

    @Test func aFilterKeepsOnlyTheNamedMembers() {
        let line = #"{"type":"item","skip":{"deep":[1,2,{"x":"y"}]},"item":{"id":"i1","big":"…","n":2},"list":[{"a":1,"b":2},{"b":3}]}"#
        let filter = JSONFilter.keep(["type": .all, "item": .keep("id", "n"), "list": .keep("b")])
        #expect(parse(line, keeping: filter) == ["type": "item", "item": ["id": "i1", "n": 2], "list": [["b": 2], ["b": 3]]])
        // Not an object where one was expected: kept whole.
        #expect(parse(#"{"item":"text"}"#, keeping: filter) == ["item": "text"])
        #expect(parse(#"[{"type":1,"z":2}]"#, keeping: .keep("type")) == [["type": 1]])
    }

    /// The typed parse and the Foundation-valued one read the same lines the same way.
    @Test func typedAndFoundationValuesAgree() {
        var random = SeededRandom(seed: 18)
        let seeds = [
            #"{"type":"assistant","message":{"id":"m","content":[{"type":"text","text":"hi \u00e9"}],"usage":{"input_tokens":3}}}"#,
            #"{"a":[1,2.5,-3e2,true,false,null,"x\n"],"b":{"c":{"d":"\ud83d\ude00"}},"a":0}"#,
        ]
        for seed in seeds {
            for _ in 0..<300 {
                var bytes = Array(seed.utf8)
                for _ in 0..<random.below(3) {
                    let at = random.below(bytes.count)
                    switch random.below(3) {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(Array(#"{}[]",:\0e-."#.utf8)[random.below(12)], at: at)
                    default: bytes[at] = Array(#"{}[]",:\0e-."#.utf8)[random.below(12)]
                    }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                let typed = parse(text)
                let any = parseAny(text)
                #expect((typed == nil) == (any == nil), "\(text)")
                if let typed, let any { #expect(same(typed.any, any), "\(text)") }
            }
        }
    }

    private func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
        case (let x as [Any], let y as [Any]): return x.count == y.count && zip(x, y).allSatisfy(same)
        case (let x as String, let y as String): return x == y
        case (let x as Int, let y as Int): return x == y
        case (let x as Double, let y as Double): return x == y
        case (let x as Bool, let y as Bool): return x == y
        case (is NSNull, is NSNull): return true
        default: return false
        }
    }
}
