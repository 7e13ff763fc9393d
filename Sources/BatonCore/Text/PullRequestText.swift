import Foundation

/// Checks what a writer agent replied for PR.md: its ```baton blocks are removed, and a reply
/// that asks a question or is not a PR description is refused with one line saying why (the
/// caller then writes the template).
public enum PullRequestText {
    /// The description to write, or why the reply cannot be one.
    public static func validate(_ reply: String) -> Result<String, Rejection> {
        let text = withoutBatonBlocks(TerminalText.sanitize(reply)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .failure(.empty) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        let last = lines.last ?? ""
        let first = lines.first ?? ""
        let hasTitle = first.hasPrefix("# ")
        if last.hasSuffix("?") || (!hasTitle && first.hasSuffix("?")) { return .failure(.question) }
        // A description: a `# ` title line and something under it.
        guard hasTitle, lines.count >= 2 else { return .failure(.notADescription) }
        return .success(text + "\n")
    }

    /// Why a writer's reply was not used.
    public enum Rejection: Error, Equatable, Sendable {
        case empty, question, notADescription

        /// The one line the user sees.
        public var line: String {
            let what =
                switch self {
                case .empty: "was empty"
                case .question: "asked a question instead of describing the change"
                case .notADescription: "was not a PR description (no `# ` title and text under it)"
                }
            return "the writer's reply \(what) — PR.md is Baton's template: mission, each task's summary, decisions, checks, reviews"
        }
    }

    /// `text` without fenced ```baton blocks (an unclosed one runs to the end).
    public static func withoutBatonBlocks(_ text: String) -> String {
        var out: [Substring] = []
        var inBlock = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces).lowercased()
            if inBlock {
                if trimmed.hasPrefix("```") { inBlock = false }
            } else if trimmed.hasPrefix("```"), trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces) == "baton" {
                inBlock = true
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }
}
