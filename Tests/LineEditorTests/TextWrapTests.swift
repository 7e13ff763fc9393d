import Testing

@testable import LineEditor

/// Fitting finished lines to the terminal: cuts and word wrapping with a hanging indent.
@Suite struct TextWrapTests {
    init() { TerminalLayout.ensureUTF8Locale() }

    @Test func aLineThatFitsIsLeftAsItIs() {
        let line = "\u{1B}[2m[\u{1B}[0mT1 claude\u{1B}[2m]\u{1B}[0m checkpoint 1"
        #expect(TextWrap.wrap(line, width: 30, indent: 12) == [line])
    }

    @Test func wrapsAtWordsWithAHangingIndent() {
        let line = "[T2 codex ] checkpoint 1 · first change · Finish the core logic. · +84 −0 in 2 files"
        let rows = TextWrap.wrap(line, width: 40, indent: 12)
        #expect(
            rows == ["[T2 codex ] checkpoint 1 · first change", "            · Finish the core logic. ·", "            +84 −0 in 2 files"])
        #expect(rows.allSatisfy { TextWrap.visibleWidth($0) <= 40 })
        // Every word survives whole.
        #expect(rows.joined(separator: " ").split(separator: " ") == line.split(separator: " "))
    }

    @Test func colourTakesNoColumnsAndAWordWiderThanALineIsCut() {
        let coloured = "\u{1B}[1;36mT1\u{1B}[0m " + String(repeating: "x", count: 25)
        let rows = TextWrap.wrap(coloured, width: 10, indent: 2)
        #expect(rows.map(TextWrap.visibleWidth).allSatisfy { $0 <= 10 }, "\(rows)")
        #expect(rows.map(TextWrap.plain).joined().filter { $0 == "x" }.count == 25)
    }

    @Test func cutsKeepColourAndEndInAnEllipsis() {
        #expect(TextWrap.cut("Signup form with email validation", to: 12) == "Signup form…")
        #expect(TextWrap.cut("short", to: 12) == "short")
        let cut = TextWrap.cut("\u{1B}[1mbold words here\u{1B}[0m", to: 6)
        #expect(TextWrap.plain(cut) == "bold …" && cut.hasSuffix("\u{1B}[0m"))
        #expect(TextWrap.visibleWidth("\u{1B}[1;36mT1\u{1B}[0m") == 2)
    }
}
