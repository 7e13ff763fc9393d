import BatonTestSupport
import Foundation
import Testing

/// The editor in a real terminal (tmux), used the way a person would.
@Suite("Editing in a real terminal", .serialized, .enabled(if: TerminalSession.isAvailable, "tmux is not installed"))
struct TerminalEditingTests {
    static let prompt = "demo ▸"

    private func isTick(_ line: String) -> Bool {
        line.hasPrefix("tick ") && Int(line.dropFirst(5)) != nil
    }

    private func startedDemo(width: Int = 80, _ arguments: [String] = []) async throws -> TerminalSession {
        let tmux = try DemoTerminal.start(width: width, height: 30, arguments: arguments)
        let ready = try await tmux.waitUntil { try tmux.screen().contains { $0.hasPrefix(Self.prompt) } }
        #expect(ready, "the demo never showed its prompt")
        return tmux
    }

    @Test(
        "typed UTF-8 line with cursor moves stays intact while lines are emitted above it",
        arguments: [80, 16])
    func editingWhileTicksArrive(width: Int) async throws {
        let ticks = 300
        let tmux = try await startedDemo(width: width, ["--ticks", "\(ticks)", "--every", "5"])
        defer { tmux.kill() }
        for character in "héllo wörld ✓" { try tmux.type(String(character)) }
        try tmux.keys("Left")
        try tmux.keys("Left")
        try tmux.keys("Left")
        try tmux.type("X")
        try tmux.keys("Home")
        try tmux.type(">")

        let expected = "héllo wörlXd ✓".reduce(">") { $0 + String($1) }
        var strays: [String] = []
        let allTicks = try await tmux.waitUntil {
            let screen = try tmux.screen()
            // Every line on screen is a tick or (part of) the prompt line: nothing stale.
            strays += screen.filter {
                !$0.isEmpty && !isTick($0) && !$0.hasPrefix(Self.prompt) && !"\(Self.prompt) ".hasPrefix($0)
            }
            return try tmux.scrollback().contains("tick \(ticks)")
        }
        #expect(allTicks, "not every tick arrived")
        #expect(strays.isEmpty, "stale text on screen: \(strays)")

        let intact = try await tmux.waitUntil {
            try tmux.screen().last(where: { !$0.isEmpty }) == "\(Self.prompt) \(expected)" && tmux.cursor().x == 8
        }
        let editLine = try tmux.screen().last(where: { !$0.isEmpty }) ?? ""
        let cursor = try tmux.cursor()
        #expect(intact, "edit line: \(editLine) cursor \(cursor)")
        let promptRow = try tmux.rows().lastIndex { $0.hasPrefix("\(Self.prompt) >") }
        #expect(try tmux.cursor().y == promptRow)

        try tmux.keys("Enter")
        #expect(try await tmux.waitUntil { try tmux.screen().contains("got: \(expected)") })

        let all = try tmux.scrollback().filter { !$0.isEmpty }
        for i in 1...ticks {
            #expect(all.filter { $0 == "tick \(i)" }.count == 1, "tick \(i)")
        }
        let others = all.filter { !isTick($0) }
        #expect(others == ["\(Self.prompt) \(expected)", "got: \(expected)", Self.prompt])
    }

    @Test func ctrlCCancelsTheLineAndTheDemoGoesOn() async throws {
        let tmux = try await startedDemo()
        defer { tmux.kill() }
        try tmux.type("drop this")
        #expect(try await tmux.waitUntil { try tmux.screen().contains("\(Self.prompt) drop this") })
        try tmux.keys("C-c")
        #expect(try await tmux.waitUntil { try tmux.screen().contains("cancelled") })
        try tmux.type("keep")
        try tmux.keys("Enter")
        #expect(try await tmux.waitUntil { try tmux.screen().contains("got: keep") })
        #expect(!(try tmux.scrollback().contains { $0.contains("got: drop") }))
    }

    @Test func ctrlDOnAnEmptyLineExits() async throws {
        let tmux = try await startedDemo()
        defer { tmux.kill() }
        try tmux.keys("C-d")
        #expect(try await tmux.waitUntil { try tmux.paneDead() })
        #expect(try tmux.screen().contains("bye"))
    }

    @Test func backslashContinuesOnTheNextLine() async throws {
        let tmux = try await startedDemo()
        defer { tmux.kill() }
        try tmux.type("alpha \\")
        try tmux.keys("Enter")
        #expect(try await tmux.waitUntil { try tmux.screen().contains { $0.hasPrefix("…") } })
        try tmux.type("beta")
        try tmux.keys("Enter")
        #expect(try await tmux.waitUntil { try tmux.screen().contains("got: alpha ⏎beta") })
        #expect(try tmux.scrollback().filter { $0.hasPrefix("got:") } == ["got: alpha ⏎beta"])
    }

    @Test func aPastedBlockArrivesAsOneMessage() async throws {
        let tmux = try await startedDemo()
        defer { tmux.kill() }
        try tmux.paste("first line\nsecond ✓\nthird\n")
        #expect(try await tmux.waitUntil { try tmux.screen().contains("third") })
        try tmux.keys("Enter")
        #expect(try await tmux.waitUntil { try tmux.screen().contains("got: first line⏎second ✓⏎third") })
        #expect(try tmux.scrollback().filter { $0.hasPrefix("got:") } == ["got: first line⏎second ✓⏎third"])
    }

    @Test func tabCompletesAndListsCandidates() async throws {
        let tmux = try await startedDemo(["--complete", "/status,/start,/help"])
        defer { tmux.kill() }
        try tmux.type("/h")
        try tmux.keys("Tab")
        #expect(try await tmux.waitUntil { try tmux.screen().contains("\(Self.prompt) /help") })
        try tmux.keys("C-u")
        try tmux.type("/s")
        try tmux.keys("Tab")
        #expect(
            try await tmux.waitUntil {
                let screen = try tmux.screen()
                return screen.contains { $0.hasPrefix("/start") && $0.contains("/status") }
                    && screen.contains("\(Self.prompt) /sta")
            })
    }

    @Test func colouredPromptKeepsTheCursorInTheRightColumn() async throws {
        let tmux = try await startedDemo(width: 20, ["--color"])
        defer { tmux.kill() }
        try tmux.type("abcdefghijklmnop")  // 7 + 16 columns: wraps once
        try tmux.keys("C-a")
        try tmux.type("<")
        #expect(
            try await tmux.waitUntil {
                try tmux.screen().contains("\(Self.prompt) <abcdefghijklmnop") && tmux.cursor().x == 8
            })
        try tmux.keys("Enter")
        #expect(try await tmux.waitUntil { try tmux.screen().contains("got: <abcdefghijklmnop") })
    }

    @Test func historyIsKeptAcrossRuns() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-le-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state/history").path

        let first = try await startedDemo(["--history", file])
        try first.type("remember me ✓")
        try first.keys("Enter")
        #expect(try await first.waitUntil { try first.screen().contains("got: remember me ✓") })
        try first.keys("C-d")
        #expect(try await first.waitUntil { try first.paneDead() })
        first.kill()
        let mode =
            try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("state").path)[.posixPermissions] as? Int
        #expect(mode == 0o700)

        let second = try await startedDemo(["--history", file])
        defer { second.kill() }
        try second.keys("Up")
        #expect(try await second.waitUntil { try second.screen().contains("\(Self.prompt) remember me ✓") })
    }
}
