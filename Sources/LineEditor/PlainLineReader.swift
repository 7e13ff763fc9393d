/// Reads messages from a non-terminal stdin (pipes, files, `forcePlain`):
/// no prompt, no escape sequences, `\` continuation still joins lines.
final class PlainLineReader {
    private var reachedEnd = false
    private let nextLine: () -> String?

    init(nextLine: @escaping () -> String? = { Swift.readLine(strippingNewline: true) }) {
        self.nextLine = nextLine
    }

    /// Reads one message; a message cut short by the end of input is returned,
    /// and the following call returns `.eof`.
    func readMessage() -> LineInput {
        guard !reachedEnd else { return .eof }
        var lines: [String] = []
        while let raw = nextLine() {
            var text = raw
            if text.hasSuffix("\r") { text.removeLast() }
            let (line, continues) = Continuation.split(text)
            lines.append(line)
            if !continues { return .line(Continuation.join(lines)) }
        }
        reachedEnd = true
        return lines.isEmpty ? .eof : .line(Continuation.join(lines))
    }
}
