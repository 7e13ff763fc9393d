import BatonAgents
import BatonCore
import Foundation

/// What `/log` shows for one turn: its stream decoded into text, activity and warning lines;
/// for an agent that wrote no stream line at all (it refused its flags, crashed at start...),
/// the tail of its stderr instead, known noise left out.
public enum TurnTranscript {
    public enum Line: Equatable, Sendable {
        /// The start of turn N (the lines after it are that turn's).
        case turn(Int)
        /// Assistant text, sanitized, one line each.
        case text(String)
        case activity(String)
        case warning(String)
        /// A subagent's text or activity, one line (shown indented under the main agent).
        case subagent(String)
        /// A line of the agent's stderr.
        case stderr(String)
    }

    /// The transcript of one turn from its run files; nil when the turn left no output file.
    public static func lines(of files: RunFiles.Turn, adapter: any AgentAdapter, worktree: String?) -> [Line]? {
        guard let data = FileManager.default.contents(atPath: files.stream) else { return nil }
        return lines(stdout: data, stderrTail: TurnMonitor.tail(of: files.stderr), adapter: adapter, worktree: worktree)
    }

    static func lines(stdout data: Data, stderrTail: String, adapter: any AgentAdapter, worktree: String?) -> [Line] {
        var decoder = worktree.map { adapter.makeDecoder(worktree: $0) } ?? adapter.makeDecoder()
        var lines: [Line] = []
        var wroteALine = false
        for raw in data.split(separator: 0x0A) {
            let line = String(decoding: raw, as: UTF8.self)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { wroteALine = true }
            for event in decoder.decode(line: line) {
                switch event {
                case .text(let t):
                    lines += TerminalText.sanitize(t).split(separator: "\n", omittingEmptySubsequences: false).map { .text(String($0)) }
                case .activity(let a): lines.append(.activity(TerminalText.oneLine(a, limit: 120)))
                case .warning(let w): lines.append(.warning(TerminalText.oneLine(w, limit: 160)))
                case .retrying(let r): lines.append(.warning(TerminalText.oneLine(r, limit: 160)))
                case .notice(let n): lines.append(.warning(TerminalText.oneLine(n, limit: 160)))
                case .drift(let d): lines.append(.warning(TerminalText.oneLine(d.text(), limit: 160)))
                case .subagent(let s):
                    lines += TerminalText.sanitize(s).split(separator: "\n").map { .subagent(String($0)) }
                default: break
                }
            }
        }
        if !wroteALine {
            lines += stderrTail.split(whereSeparator: \.isNewline).compactMap { raw in
                let line = TerminalText.oneLine(String(raw), limit: 160)
                return line.isEmpty || StderrNoise.isNoise(line) ? nil : .stderr(line)
            }
        }
        return lines
    }
}
