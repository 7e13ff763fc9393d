import BatonCore
import Foundation

/// The questions of a codex `request_user_input` (`questions[{id, header, question,
/// options[{label, description}]}]`), turned into a needs-decision checkpoint: the decision
/// shows them with the first question's options, and the answer reaches codex in the next
/// turn, which continues the thread (`exec resume`).
struct CodexUserInput {
    var questions: [(header: String, question: String, options: [String])]

    init(questions raw: [JSONValue]) {
        questions = raw.compactMap { any in
            guard case .object(let q) = any else { return nil }
            let text = JSONLine.string(q["question"]) ?? ""
            guard !text.isEmpty else { return nil }
            let options = JSONLine.array(q["options"]).compactMap { JSONLine.string(JSONLine.object($0)?["label"]) }
            return (JSONLine.string(q["header"]) ?? "", text, options.map { TerminalText.oneLine($0, limit: 80) })
        }
    }

    /// `text` ending with a needs-decision baton block that asks the questions (the agent's
    /// own block, if any, gives way to it: the agent is waiting for these answers).
    func asCheckpoint(after text: String) -> String {
        guard !questions.isEmpty else { return text }
        let asked = questions.map { q in q.header.isEmpty || q.question.hasPrefix(q.header) ? q.question : "\(q.header): \(q.question)" }
        let block: [String: Any] = [
            "checkpoint": "needs-decision",
            "summary": TerminalText.oneLine(asked.joined(separator: " "), limit: 200),
            "next": "Go on with the user's answer.",
            "question": TerminalText.oneLine(asked.joined(separator: " — "), limit: 400),
            "options": questions.first { !$0.options.isEmpty }?.options ?? [],
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: block, options: [.sortedKeys]) else { return text }
        let body = text.replacingOccurrences(of: "```baton", with: "```text")
        return body + "\n\n```baton\n" + String(decoding: data, as: UTF8.self) + "\n```"
    }
}
