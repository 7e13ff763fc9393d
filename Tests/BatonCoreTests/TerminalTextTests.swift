import Testing

@testable import BatonCore

@Suite struct TerminalTextTests {
    @Test func stripsCSISequences() {
        #expect(TerminalText.sanitize("\u{1B}[31mred\u{1B}[0m \u{1B}[2J\u{1B}[1;1Hhome") == "red home")
        #expect(TerminalText.sanitize("a\u{1B}[?25lb") == "ab")
        #expect(TerminalText.sanitize("a\u{9B}31mb") == "ab")  // 8-bit CSI
    }

    @Test func stripsOSCEndedByBELOrST() {
        #expect(TerminalText.sanitize("x\u{1B}]0;title\u{07}y") == "xy")
        #expect(TerminalText.sanitize("x\u{1B}]8;;http://e.vil\u{1B}\\link\u{1B}]8;;\u{1B}\\y") == "xlinky")
        #expect(TerminalText.sanitize("x\u{9D}2;t\u{9C}y") == "xy")
    }

    @Test func stripsDCSSOSPMAPCStrings() {
        for introducer in ["P", "X", "^", "_"] {
            #expect(TerminalText.sanitize("a\u{1B}\(introducer)payload;1\u{1B}\\b") == "ab", "ESC \(introducer)")
        }
        #expect(TerminalText.sanitize("a\u{90}q#0\u{9C}b") == "ab")
    }

    @Test func stripsOtherEscapesAndC1() {
        #expect(TerminalText.sanitize("a\u{1B}7b\u{1B}8c\u{1B}(Bd\u{1B}=e") == "abcde")
        #expect(TerminalText.sanitize("a\u{85}b\u{8D}c") == "abc")
        #expect(TerminalText.sanitize("trailing\u{1B}") == "trailing")
    }

    @Test func backspaceAndCarriageReturnOverwrite() {
        #expect(TerminalText.sanitize("abc\u{08}\u{08}X") == "aX")
        #expect(TerminalText.sanitize("\u{08}\u{08}a") == "a")
        #expect(TerminalText.sanitize("line1\nprogress 10%\rprogress 100%\ndone") == "line1\nprogress 100%\ndone")
        #expect(TerminalText.sanitize("safe text\rEVIL") == "EVIL")
        #expect(TerminalText.sanitize("a\r\nb") == "a\nb")
    }

    @Test func removesC0ButKeepsNewlineAndTab() {
        #expect(TerminalText.sanitize("a\u{07}b\u{00}c\u{0B}d\u{7F}e\tf\ng") == "abcde\tf\ng")
        #expect(TerminalText.sanitize("héllo → wörld ✓") == "héllo → wörld ✓")
    }

    @Test func oneLineFoldsAndCuts() {
        #expect(TerminalText.oneLine("  a\n\n b\t c  ") == "a b c")
        let cut = TerminalText.oneLine(String(repeating: "x", count: 50), limit: 10)
        #expect(cut == String(repeating: "x", count: 9) + "…")
        #expect(TerminalText.oneLine("exactly10!", limit: 10) == "exactly10!")
        #expect(TerminalText.oneLine("\u{1B}[1mbold\u{1B}[0m\nnext") == "bold next")
        // Text that is already one clean line comes back as it is; anything else is folded.
        #expect(TerminalText.oneLine("a b c", limit: 5) == "a b c")
        #expect(TerminalText.oneLine("a b c", limit: 4) == "a b…")
        #expect(TerminalText.oneLine("a  b") == "a b")
        #expect(TerminalText.oneLine(" a") == "a")
        #expect(TerminalText.oneLine("a ") == "a")
        #expect(TerminalText.oneLine("", limit: 0) == "")
        #expect(TerminalText.oneLine("ab", limit: 0) == "")
    }
}
