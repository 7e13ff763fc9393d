import BatonCore

/// Aider's plain output (see ``PlainTextDecoder``), plus what aider's exit status hides: it
/// exits 0 even when every model call failed (it retries for about 80 s, printing litellm's
/// errors). A turn that edited no file (no "Applied edit to" line) and printed such error
/// lines is a failed turn, with the last of them as its error.
public struct AiderOutputDecoder: StreamDecoder {
    private var text = PlainTextDecoder()
    private var applied = false
    private var lastError: String?

    public init() {}

    /// Lines aider (through litellm) prints when a model call fails.
    static func isAPIError(_ line: String) -> Bool {
        line.hasPrefix("litellm.") || line.contains("APIError") || line.contains("InternalServerError")
            || line.contains("APIConnectionError") || line.contains("AuthenticationError") || line.contains("RateLimitError")
            || line.contains("ServiceUnavailableError") || line.hasPrefix("The API provider") || line.hasPrefix("Retrying in ")
    }

    public mutating func decode(line: String) -> [AgentEvent] {
        let events = text.decode(line: line)
        let clean = TerminalText.oneLine(TerminalText.sanitize(line), limit: 200)
        if clean.hasPrefix("Applied edit to ") {
            applied = true
            return events + [.fileChanged(String(clean.dropFirst("Applied edit to ".count)))]
        }
        if Self.isAPIError(clean), !clean.hasPrefix("Retrying in ") { lastError = clean }
        return events
    }

    public mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult {
        var result = text.finish(exitCode: exitCode, stderrTail: stderrTail)
        result.agentSessionID = AiderAdapter.chatHistory
        if result.error == nil, !applied, let lastError {
            result.error = "the model API failed: \(lastError)"
        }
        return result
    }
}
