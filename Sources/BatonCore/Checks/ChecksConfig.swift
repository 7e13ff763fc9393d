extension AgentsConfig {
    /// `"checks": [{"name": "unit", "run": ["swift", "test"], "timeout": "15m", "dir": "web"}]` of
    /// agents.json: the repository's own checks, replacing the detected ones (an empty list
    /// turns checks off). nil when the file does not say.
    public static func checks(data: String, file: String) throws(AgentsConfigError) -> [CheckSpec]? {
        guard !data.allSatisfy(\.isWhitespace) else { return nil }
        let root: LocatedJSON
        do { root = try LocatedJSON.parse(data) } catch {
            throw AgentsConfigError(kind: .invalidJSON, file: file, line: error.line, field: nil, reason: "invalid JSON: \(error.message)")
        }
        guard case .object(let top) = root.value, let member = top.first(where: { $0.key == "checks" }) else { return nil }
        let example = "e.g. [{\"name\": \"unit\", \"run\": [\"swift\", \"test\"], \"timeout\": \"15m\"}]"
        guard case .array(let items) = member.value.value else {
            throw AgentsConfigError(
                kind: .wrongType, file: file, line: member.line, field: "checks", reason: "must be a list of checks, \(example)")
        }
        var result: [CheckSpec] = []
        for (i, item) in items.enumerated() {
            let field = "checks[\(i)]"
            guard case .object(let fields) = item.value else {
                throw AgentsConfigError(
                    kind: .wrongType, file: file, line: item.line, field: field, reason: "must be an object, \(example)")
            }
            var name: String?
            var argv: [String] = []
            var timeout = CheckSpec.defaultTimeout
            var directory = ""
            for f in fields {
                switch (f.key, f.value.value) {
                case ("name", .string(let s)) where !s.isEmpty: name = s
                case ("run", .array(let parts)):
                    argv = try parts.map { part throws(AgentsConfigError) -> String in
                        guard case .string(let s) = part.value else {
                            throw AgentsConfigError(
                                kind: .wrongType, file: file, line: part.line, field: field + ".run",
                                reason: "must be a list of strings, the command and its arguments")
                        }
                        return s
                    }
                case ("dir", .string(let s)): directory = s
                case ("timeout", .string(let s)):
                    guard let seconds = Self.duration(s) else {
                        throw AgentsConfigError(
                            kind: .wrongType, file: file, line: f.line, field: field + ".timeout",
                            reason: "a duration like \"90s\", \"15m\" or \"1h\" (got \(s))")
                    }
                    timeout = seconds
                case ("timeout", .number(let n)) where n > 0: timeout = n
                case ("name", _), ("run", _), ("dir", _), ("timeout", _):
                    throw AgentsConfigError(
                        kind: .wrongType, file: file, line: f.line, field: field + "." + f.key, reason: "has the wrong type, \(example)")
                default:
                    throw AgentsConfigError(
                        kind: .unknownField, file: file, line: f.line, field: field + "." + f.key,
                        reason: "unknown field — a check has \"name\", \"run\", \"timeout\" and \"dir\"")
                }
            }
            guard let first = argv.first, !first.isEmpty else {
                throw AgentsConfigError(
                    kind: .emptyCommand, file: file, line: item.line, field: field + ".run", reason: "the command is empty, \(example)")
            }
            result.append(
                CheckSpec(
                    name: name ?? argv.prefix(2).joined(separator: " "), argv: argv, directory: directory, timeoutSeconds: timeout,
                    source: file))
        }
        return result
    }

    /// `90s`, `15m`, `1h`, `1h30m` or plain seconds → seconds; nil when unreadable.
    static func duration(_ text: String) -> Double? {
        if let n = Double(text), n > 0 { return n }
        var total = 0.0
        var number = ""
        for c in text {
            if c.isNumber || c == "." {
                number.append(c)
            } else {
                guard let n = Double(number) else { return nil }
                switch c {
                case "s": total += n
                case "m": total += n * 60
                case "h": total += n * 3600
                default: return nil
                }
                number = ""
            }
        }
        return number.isEmpty && total > 0 ? total : nil
    }
}
