import Testing

@testable import LineEditor

@Suite("Terminal text widths and rows")
struct TerminalLayoutTests {
    init() { TerminalLayout.ensureUTF8Locale() }

    private func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    @Test func visibleWidthIgnoresColourAndCountsWideCharacters() {
        #expect(TerminalLayout.visibleWidth("\u{1B}[1;36mbaton\u{1B}[0m ▸ ") == 8)
        #expect(TerminalLayout.visibleWidth("界面") == 4)
        #expect(TerminalLayout.visibleWidth("héllo ✓") == 7)
        #expect(TerminalLayout.visibleWidth("e\u{301}") == 1)  // combining accent
    }

    @Test func marksEscapeSequencesInvisibleForLibedit() {
        #expect(TerminalLayout.markInvisible("\u{1B}[32mok\u{1B}[0m > ") == "\u{1}\u{1B}[32m\u{1}ok\u{1}\u{1B}[0m\u{1} > ")
        #expect(TerminalLayout.markInvisible("plain > ") == "plain > ")
        #expect(TerminalLayout.stripANSI("\u{1B}]0;title\u{7}a\u{1B}[Kb") == "ab")
    }

    @Test func cursorRowFollowsWrapping() {
        let prompt = "\u{1B}[1mdemo\u{1B}[0m ▸ "  // 7 columns
        #expect(TerminalLayout.cursorPosition(prompt: prompt, text: scalars("abc"), columns: 80) == (0, 10))
        #expect(TerminalLayout.cursorPosition(prompt: prompt, text: scalars(String(repeating: "x", count: 73)), columns: 80) == (1, 0))
        #expect(TerminalLayout.cursorPosition(prompt: prompt, text: scalars(String(repeating: "x", count: 72)), columns: 80) == (0, 79))
        #expect(TerminalLayout.cursorPosition(prompt: prompt, text: scalars(String(repeating: "y", count: 50)), columns: 20) == (2, 17))
    }

    @Test func wideCharacterThatDoesNotFitMovesToTheNextRow() {
        // 9 columns used, a 2-column character does not fit in 10.
        #expect(TerminalLayout.cursorPosition(prompt: "", text: scalars("123456789界"), columns: 10) == (1, 2))
    }

    @Test func newlinesAndControlCharactersInTheBuffer() {
        #expect(TerminalLayout.cursorPosition(prompt: "> ", text: scalars("ab\ncd"), columns: 80) == (1, 2))
        #expect(TerminalLayout.cursorPosition(prompt: "> ", text: [0x01], columns: 80) == (0, 4))  // shown as ^A
        #expect(TerminalLayout.rowsUsed(prompt: "> ", text: scalars("ab\ncd"), columns: 80) == 2)
    }

    @Test func eraseClearsEveryRowOfTheAreaAndReturnsToItsTop() {
        #expect(TerminalLayout.eraseSequence(cursorRow: 0, totalRows: 1) == "\r\u{1B}[2K")
        #expect(
            TerminalLayout.eraseSequence(cursorRow: 1, totalRows: 3)
                == "\r\u{1B}[1A\u{1B}[2K\u{1B}[B\u{1B}[2K\u{1B}[B\u{1B}[2K\u{1B}[2A")
    }
}
