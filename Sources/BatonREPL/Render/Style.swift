import Foundation

/// Colour for emphasis only: on a terminal, never with NO_COLOR; the words are the same without.
struct Style: Sendable {
    let color: Bool

    static func detect(isTerminal: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Style(color: isTerminal && !noColor && environment["TERM"] != "dumb")
    }

    private func wrap(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func id(_ s: String) -> String { wrap(s, "1;36") }
    func ok(_ s: String) -> String { wrap(s, "32") }
    func warn(_ s: String) -> String { wrap(s, "33") }
    func bad(_ s: String) -> String { wrap(s, "31") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func bold(_ s: String) -> String { wrap(s, "1") }

    func error(_ line: String) -> String { bad("error:") + " " + line }
    func warning(_ line: String) -> String { warn("warning:") + " " + line }
}
