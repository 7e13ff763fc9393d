// A tiny driver for LineEditor used by the tmux tests:
// reads messages with the prompt `demo ▸ `, prints `got: <message>` (newlines
// shown as ⏎), `cancelled` on Ctrl-C, `bye` at end of input. With
// `--ticks N --every MS` it emits `tick 1` … `tick N` in the background.
// `--history FILE` keeps history; `--complete w1,w2,…` offers completions;
// `--color` colours the prompt; `--plain` forces plain mode.
import LineEditor

var ticks = 0
var everyMilliseconds = 10
var historyFile: String?
var words: [String] = []
var forcePlain = false
var prompt = "demo ▸ "
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--ticks": ticks = Int(arguments.next() ?? "") ?? 0
    case "--every": everyMilliseconds = Int(arguments.next() ?? "") ?? 10
    case "--history": historyFile = arguments.next()
    case "--complete": words = (arguments.next() ?? "").split(separator: ",").map(String.init)
    case "--plain": forcePlain = true
    case "--color": prompt = "\u{1B}[1;36mdemo\u{1B}[0m ▸ "
    default: break
    }
}

let editor = LineEditor(historyFile: historyFile, forcePlain: forcePlain)
let completionWords = words
editor.setCompletion { _ in completionWords }

let tickTask = Task.detached { [ticks, everyMilliseconds] in
    guard ticks > 0 else { return }
    for i in 1...ticks {
        do { try await Task.sleep(for: .milliseconds(everyMilliseconds)) } catch { return }
        editor.emit("tick \(i)")
    }
}

loop: while true {
    switch await editor.readLine(prompt: prompt) {
    case .line(let text):
        editor.emit("got: " + text.replacingNewlines())
    case .cancelled:
        editor.emit("cancelled")
    case .eof:
        break loop
    }
}
tickTask.cancel()
await tickTask.value  // no tick after "bye"
editor.emit("bye")
editor.close()

extension String {
    func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "⏎")
    }
}
