import ArgumentParser

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
        do {
            let parsed = try SlashRoot.parseAsRoot([type.name] + tokens.dropFirst())
            guard let command = parsed as? any SlashCommand else {
                return .error("usage: \(type.usage)")
            }
            return .command(command)
        } catch {
            let message = SlashRoot.message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "bad arguments"
            return .error(lowerFirst(message) + " — usage: \(type.usage)")
        }
    }

    /// `unknown command /rout — did you mean /route?`
    static func unknown(_ name: String) -> String {
        if let near = nearest(name, in: CommandRegistry.names) {
            return "unknown command /\(name) — did you mean /\(near)?"
        }
        return "unknown command /\(name) — type /help for the list"
    }

    /// The closest candidate by edit distance (prefixes count as close), if close enough.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        if let p = candidates.first(where: { $0.hasPrefix(w) && !w.isEmpty }) { return p }
        let scored = candidates.map { ($0, editDistance(w, $0)) }.sorted { $0.1 < $1.1 }
        guard let best = scored.first, best.1 <= max(1, min(3, w.count / 2)) else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var prev = row[0]
            row[0] = i
            for j in 1...b.count {
                let cur = row[j]
                row[j] = a[i - 1] == b[j - 1] ? prev : 1 + min(prev, row[j], row[j - 1])
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { row[j] = min(row[j], prev) }
                prev = cur
            }
        }
        return row[b.count]
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
