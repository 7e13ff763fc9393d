import BatonCore
import Foundation

/// For agents without a structured stream (aider, generic commands): all of stdout is the
/// final text (terminal control sequences removed), and the exit status decides success.
public struct PlainTextDecoder: StreamDecoder {
    /// Longest text kept (the tail is kept: the checkpoint block is at the end).
    public static let maxTextBytes = 4 * 1024 * 1024
    private var lines: [String] = []
    private var bytes = 0

    public init() {}

    public mutating func decode(line: String) -> [AgentEvent] {
        if line.utf8.count > JSONLine.maxBytes {
            return [.warning("skipped a \(line.utf8.count / (1024 * 1024)) MiB output line (over 16 MiB)")]
        }
        let clean = TerminalText.sanitize(line)
        lines.append(clean)
        bytes += clean.utf8.count + 1
        while bytes > Self.maxTextBytes, lines.count > 1 {
            bytes -= lines.removeFirst().utf8.count + 1
        }
        let shown = clean.trimmingCharacters(in: .whitespaces)
        return shown.isEmpty ? [] : [.text(clean)]
    }

    public mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult {
        var text = lines.joined(separator: "\n")
        while text.hasSuffix("\n") { text.removeLast() }
        let error = exitCode == 0 ? nil : JSONLine.exitError("exited with status \(exitCode)", stderrTail: stderrTail)
        return TurnResult(exitCode: exitCode, finalText: text, error: error)
    }
}
