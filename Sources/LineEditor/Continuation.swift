/// Backslash continuation: a line ending in `\` continues on the next line.
enum Continuation {
    /// Prompt shown for continued lines.
    static let prompt = "… "

    /// Splits off a trailing backslash: `"a \\"` → (`"a "`, true).
    static func split(_ line: String) -> (text: String, continues: Bool) {
        if line.hasSuffix("\\") { return (String(line.dropLast()), true) }
        return (line, false)
    }

    /// Joins the lines of one message.
    static func join(_ lines: [String]) -> String {
        lines.joined(separator: "\n")
    }
}
