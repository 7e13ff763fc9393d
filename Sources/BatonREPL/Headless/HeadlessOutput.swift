import BatonCore
import BatonRuntime
import Foundation

/// Where `baton run` writes: with `--json` the session's own lines (the log header, then
/// every record as events.jsonl holds it) on stdout and everything for people on stderr;
/// without, the conversation's lines on stdout. Every line is written at once (no buffer),
/// so a reader of the pipe sees events as they happen.
struct HeadlessOutput: Sendable {
    let json: Bool
    let style: Style
    let width: Int

    init(json: Bool) {
        self.json = json
        style = Style.detect(isTerminal: !json && isatty(1) == 1)
        width = Terminal.columns()
    }

    /// Lines for people: stdout, or stderr when stdout carries JSON.
    func say(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        write(lines, to: json ? FileHandle.standardError : FileHandle.standardOutput)
    }

    /// One error line on stderr.
    func problem(_ line: String) {
        write([style.error(line)], to: FileHandle.standardError)
    }

    /// The log's header line (JSON mode only).
    func header(_ header: SessionLogHeader) {
        guard json, let line = try? SessionLog.line(header) else { return }
        write([line], to: FileHandle.standardOutput)
    }

    /// Observes the controller: a JSON line per record, or the conversation's lines.
    func observer() -> @Sendable (SessionNotice) -> Void {
        let renderer = TranscriptRenderer(style: style, width: width)
        return { notice in
            switch notice {
            case .update(let update):
                if json {
                    if let line = try? SessionLog.line(update.record) { write([line], to: FileHandle.standardOutput) }
                } else {
                    // The REPL's hint on editing the plan means nothing here.
                    say(renderer.lines(for: update).filter { $0 != PlanView.editHint })
                }
            case .problem(let line):
                problem(line)
            case .note(let note):
                say([note.isWarning ? style.warning(note.text) : note.text])
            }
        }
    }

    private func write(_ lines: [String], to handle: FileHandle) {
        handle.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
