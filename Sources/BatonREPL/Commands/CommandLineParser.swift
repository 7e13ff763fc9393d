import ArgumentParser
import BatonCore

/// Turns one input line into a slash command, or a one-line error that says what to do.
enum CommandLineParser {
    enum Outcome {
        case command(any SlashCommand)
        case error(String)
    }

    /// Parses `/route T3 codex`; the line must start with `/`.
    static func parse(_ line: String) -> Outcome {
        let tokens = tokenize(String(line.dropFirst()))
        guard let name = tokens.first, !name.isEmpty else {
            return .error("a command name must follow / — type /help for the list")
        }
        guard let type = CommandRegistry.command(named: name) else {
            return .error(unknown(name))
        }
        if tokens.count == 1, type.takesNoArguments { return .command(type.init()) }
        do {
            let parsed = try SlashRoot.parseAsRoot([type.name] + tokens.dropFirst())
            guard let command = parsed as? any SlashCommand else {
                return .error("usage: \(type.usage)")
            }
            return .command(command)
        } catch {
            let message =
                SlashRoot.message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "bad arguments"
            return .error(lowerFirst(message) + " — usage: \(type.usage)")
        }
    }

    /// `unknown command /rout — did you mean /route?`
    static func unknown(_ name: String) -> String {
        if let near = Suggestion.nearest(name, in: CommandRegistry.names) {
            return "unknown command /\(name) — did you mean /\(near)?"
        }
        return "unknown command /\(name) — type /help for the list"
    }

    /// Splits on spaces, honouring "double" and 'single' quotes that start a word and
    /// backslash escapes. A quote inside a word (`don't`) is an apostrophe; a quote never
    /// closed is kept as typed.
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inToken = false
        var quote: Character?
        var quoteStart = ""
        var escaped = false
        for ch in text {
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            if ch == "\\" && quote != "'" {
                escaped = true
                inToken = true
                continue
            }
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if (ch == "\"" || ch == "'") && !inToken {
                quote = ch
                quoteStart = current
                inToken = true
            } else if ch == " " || ch == "\t" || ch == "\n" {
                if inToken { tokens.append(current) }
                current = ""
                inToken = false
            } else {
                current.append(ch)
                inToken = true
            }
        }
        if let q = quote {
            // Never closed: the quote was meant literally; split the rest as plain words.
            let rest = String(current.dropFirst(quoteStart.count))
            let words = rest.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            tokens.append(quoteStart + String(q) + (words.first ?? ""))
            tokens += words.dropFirst()
            return tokens
        }
        if inToken { tokens.append(current) }
        return tokens
    }

    private static func lowerFirst(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.lowercased() + s.dropFirst()
    }
}
