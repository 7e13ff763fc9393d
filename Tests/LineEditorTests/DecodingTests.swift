import Testing

@testable import LineEditor

@Suite("Decoding terminal input")
struct DecodingTests {
    @Test func decodesOneToFourByteScalars() {
        let text = "aé✓𝄞"
        #expect(UTF8Decoder.decodeAll(Array(text.utf8)) == text.unicodeScalars.map(\.value))
    }

    @Test func asksForMoreOnAnIncompleteSequence() {
        let bytes = Array("✓".utf8)
        #expect(UTF8Decoder.decode(Array(bytes[0..<2]), at: 0) == .needMore)
        #expect(UTF8Decoder.decode(bytes, at: 0) == .scalar(0x2713, consumed: 3))
        #expect(UTF8Decoder.decode(Array(bytes[0..<2]), at: 0, final: true) == .scalar(0xFFFD, consumed: 2))
    }

    @Test func replacesInvalidBytes() {
        #expect(UTF8Decoder.decodeAll([0xFF, 0x41]) == [0xFFFD, 0x41])
        #expect(UTF8Decoder.decodeAll([0xC3, 0x41]) == [0xFFFD, 0x41])
        #expect(UTF8Decoder.decodeAll([0xED, 0xA0, 0x80]).first == 0xFFFD)  // surrogate
    }

    @Test func scannerAssemblesKeysAcrossReads() {
        var scanner = InputScanner()
        let bytes = Array("é".utf8)
        scanner.append(bytes[0..<1])
        #expect(scanner.next() == .needMore)
        scanner.append(bytes[1...])
        #expect(scanner.next() == .key(0xE9))
        #expect(scanner.next() == .needMore)
    }

    @Test func scannerReturnsABracketedPasteAsOneEvent() {
        var scanner = InputScanner()
        scanner.append(Array("x\u{1B}[200~one\r\ntwo\rthree\n\u{1B}[20".utf8))
        #expect(scanner.next() == .key(0x78))
        #expect(scanner.next() == .needMore)  // paste not finished yet
        scanner.append(Array("1~y".utf8))
        #expect(scanner.next() == .paste("one\ntwo\nthree"))
        #expect(scanner.next() == .key(0x79))
    }

    @Test func scannerPassesOtherEscapeSequencesThrough() {
        var scanner = InputScanner()
        scanner.append([0x1B])
        #expect(scanner.next() == .needMoreSoon)
        #expect(scanner.next(escapeTimedOut: true) == .key(0x1B))
        scanner.append(Array("\u{1B}[D".utf8))
        #expect(scanner.next() == .key(0x1B))
        #expect(scanner.next() == .key(0x5B))
        #expect(scanner.next() == .key(0x44))
    }

    @Test func pastedControlCharactersAreDropped() {
        #expect(InputScanner.normalizePaste(Array("a\u{1B}[31mb\tc\u{7}\n\n".utf8)) == "a[31mb\tc")
    }
}
