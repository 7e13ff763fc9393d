import Foundation

/// Reads the checkpoint an agent reported at the end of its final message: the LAST fenced
/// ```` ```baton ```` block holding one JSON object
/// `{"checkpoint","summary","next","question","options"}`.
///
/// Lenient by design: a missing block, a malformed one, or an unknown checkpoint kind gives an
/// `.unstructured` report whose summary is the last non-empty paragraph of the message outside
/// any block (one line, at most ~300 characters). It never throws. All strings are sanitized
/// with `TerminalText` (agent text is untrusted).
public enum CheckpointBlockParser {
    /// Longest summary kept for an unstructured report.
    public static let summaryLimit = 300

    public static func parse(finalText: String) -> CheckpointReport {
        let lines = finalText.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var outside: [Substring] = []
        var lastBlock: [Substring]?
        var current: [Substring]?
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current != nil {
                if trimmed.hasPrefix("```") {
                    lastBlock = current
                    current = nil
                } else {
                    current?.append(line)
                }
            } else if isBatonFence(trimmed) {
                current = []
                outside.append("")  // a block separates paragraphs
            } else {
                outside.append(line)
            }
        }
        if let unclosed = current { lastBlock = unclosed }

        let fallback = lastParagraph(outside)
        guard let block = lastBlock, let raw = decode(block.joined(separator: "\n")),
            let kindText = raw.checkpoint,
            let kind = CheckpointKind(rawValue: kindText.trimmingCharacters(in: .whitespaces).lowercased()),
            kind != .unstructured
        else {
            return CheckpointReport(kind: .unstructured, summary: fallback)
        }
        var summary = TerminalText.sanitize(raw.summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty { summary = fallback }
        let question = raw.question.map { TerminalText.sanitize($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        return CheckpointReport(
            kind: kind,
            summary: summary,
            next: TerminalText.sanitize(raw.next ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            question: (question?.isEmpty ?? true) ? nil : question,
            options: (raw.options ?? []).map { TerminalText.oneLine($0, limit: 200) }.filter { !$0.isEmpty }
        )
    }

    /// ```` ```baton ```` (optionally followed by spaces); case-insensitive.
    private static func isBatonFence(_ trimmed: String) -> Bool {
        guard trimmed.hasPrefix("```") else { return false }
        return trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased() == "baton"
    }

    /// The last non-empty paragraph (blank-line separated), folded to one line.
    private static func lastParagraph(_ lines: [Substring]) -> String {
        var paragraph: [Substring] = []
        var collecting: [Substring] = []
        for line in lines {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !collecting.isEmpty {
                    paragraph = collecting
                    collecting = []
                }
            } else {
                collecting.append(line)
            }
        }
        if !collecting.isEmpty { paragraph = collecting }
        return TerminalText.oneLine(paragraph.joined(separator: " "), limit: summaryLimit)
    }

    private static func decode(_ json: String) -> RawBlock? {
        // Leniently: a block printed through a wrapping console (aider's rich at 80 columns)
        // has raw newlines inside its strings. Valid JSON has none there, and between tokens
        // a newline is only a space: joining the lines with one space changes nothing else.
        let unwrapped = json.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        guard let data = unwrapped.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(RawBlock.self, from: data)
    }

    /// The block's fields, each decoded on its own so one odd field does not lose the rest.
    private struct RawBlock: Decodable {
        var checkpoint: String?
        var summary: String?
        var next: String?
        var question: String?
        var options: [String]?

        enum CodingKeys: String, CodingKey { case checkpoint, summary, next, question, options }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            checkpoint = try? c.decodeIfPresent(String.self, forKey: .checkpoint)
            summary = try? c.decodeIfPresent(String.self, forKey: .summary)
            next = try? c.decodeIfPresent(String.self, forKey: .next)
            question = try? c.decodeIfPresent(String.self, forKey: .question)
            options = try? c.decodeIfPresent([String].self, forKey: .options)
        }
    }
}
