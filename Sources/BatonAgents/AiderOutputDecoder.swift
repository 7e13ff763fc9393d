import BatonCore

/// Aider's plain output (see ``PlainTextDecoder``), plus what aider's exit status hides: it
/// exits 0 even when every model call failed (it retries for about 80 s, printing litellm's
/// errors). A turn that edited no file (no "Applied edit to" line) and printed such error
/// lines is a failed turn, with the last of them as its error. Its usage lines (`Tokens: 1.2k
/// sent, 50 received. Cost: $0.0030 message, $0.0030 session.`, one per model reply) give the
/// turn's tokens (rounded by aider: approximate) and cost (each turn is a new aider process,
/// so its "session" is the turn).
public struct AiderOutputDecoder: StreamDecoder {
    private var text = PlainTextDecoder()
    private var applied = false
    private var lastError: String?
    private var tokens = 0
    private var cachedTokens = 0
    private var cost: Double?
    private var approximate = false

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
        if let usage = Self.usage(clean) {
            tokens += usage.tokens
            cachedTokens += usage.cached
            cost = usage.cost ?? cost
            approximate = approximate || usage.rounded
            return events + [.usage(tokens: tokens, costUSD: cost, approximate: approximate)]
        }
        if Self.isAPIError(clean), !clean.hasPrefix("Retrying in ") { lastError = clean }
        return events
    }

    /// One usage line: tokens sent + received, cache hits, the session cost so far, and
    /// whether aider rounded a figure (`1.2k`); nil for any other line.
    static func usage(_ line: String) -> (tokens: Int, cached: Int, cost: Double?, rounded: Bool)? {
        guard line.hasPrefix("Tokens: "), let end = line.range(of: " received.") else { return nil }
        var tokens = 0
        var cached = 0
        var rounded = false
        for part in line[line.index(line.startIndex, offsetBy: 8)..<end.upperBound].split(separator: ",") {
            let words = part.split(separator: " ")
            guard let figure = words.first, let kind = words.dropFirst().first else { return nil }
            var number = Substring(figure)
            var scale = 1.0
            if let unit = number.last, unit == "k" || unit == "M" {
                scale = unit == "k" ? 1_000 : 1_000_000
                number = number.dropLast()
                rounded = true
            }
            guard let value = Double(number) else { return nil }
            let count = Int((value * scale).rounded())
            switch kind {
            case "sent", "received", "received.": tokens += count
            case "cache": if words.dropFirst(2).first == "hit" { cached += count }
            default: return nil
            }
        }
        var cost: Double?
        if let session = line.range(of: " session.", options: .backwards),
            let dollar = line[..<session.lowerBound].range(of: "$", options: .backwards)
        {
            cost = Double(line[dollar.upperBound..<session.lowerBound])
        }
        return (tokens, cached, cost, rounded)
    }

    public mutating func finish(exitCode: Int32, stderrTail: String) -> TurnResult {
        var result = text.finish(exitCode: exitCode, stderrTail: stderrTail)
        result.agentSessionID = AiderAdapter.chatHistory
        result.tokens = tokens
        result.costUSD = cost
        result.tokensApproximate = approximate ? true : nil
        result.cachedTokens = cachedTokens > 0 ? cachedTokens : nil
        if result.error == nil, !applied, let lastError {
            result.error = "the model API failed: \(lastError)"
        }
        return result
    }
}
