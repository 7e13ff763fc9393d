import Foundation
import Testing

/// Piped input: no prompt, no escape sequences, messages still joined.
@Suite("Plain mode")
struct PlainModeTests {
    @Test func pipedInputIsReadWithoutEscapeSequences() throws {
        guard let demo = DemoTerminal.path else {
            Issue.record("lineeditor-demo is not built")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: demo)
        process.arguments = ["--ticks", "3", "--every", "1"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("héllo\nfirst \\\nsecond\n".utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        #expect(!data.contains(0x1B))
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("got: ") } == ["got: héllo", "got: first ⏎second"])
        #expect(lines.last == "bye")
        #expect(process.terminationStatus == 0)
    }
}
