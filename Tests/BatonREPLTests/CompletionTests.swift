import Testing

@testable import BatonREPL

@Suite struct CompletionTests {
    private func index() -> CompletionIndex {
        let index = CompletionIndex()
        index.update {
            $0.tasks = ["T1", "T2", "T10"]
            $0.agents = ["claude", "codex", "gemini", "human"]
            $0.decisions = ["D1", "D2"]
            $0.sessions = ["s-7f3a", "s-7f40"]
        }
        return index
    }

    @Test func commandNames() {
        #expect(index().complete("/ro") == ["/route"])
        #expect(index().complete("/de") == ["/decide", "/decisions", "/dep"])
        #expect(index().complete("/").count >= 36)
        #expect(index().complete("plain text").isEmpty)
    }

    @Test func argumentsByKind() {
        let i = index()
        #expect(i.complete("/route T1") == ["T1", "T10"])
        #expect(i.complete("/route ") == ["T1", "T2", "T10", "all"])
        #expect(i.complete("/route T2 c") == ["claude", "codex"])
        #expect(i.complete("/decide ") == ["D1", "D2"])
        #expect(i.complete("/resume s-7f4") == ["s-7f40"])
        #expect(i.complete("/edit T2 sc") == ["scope"])
        #expect(i.complete("/policy me") == ["merge"])
        #expect(i.complete("/help ro") == ["route"])
        #expect(i.complete("@T") == ["@T1", "@T2", "@T10"])
        #expect(i.complete("/go ").isEmpty, "/go takes no arguments")
    }
}
