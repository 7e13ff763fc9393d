/// Line-by-line reader behind `PlanTextFormat.parse`.
struct PlanTextReader {
    private enum Block { case none, acceptance, detail }

    private var version = 0
    private var versionSeen = false
    private var tasks: [PlanTask] = []
    private var current: PlanTask?
    private var currentLine = 0
    private var seenFields: Set<String> = []
    private var block = Block.none
    private var detailInline: String?
    private var detailBlock: [String] = []

    mutating func read(_ line: String, number: Int) throws(PlanTextError) {
        let trimmed = String(PlanTextValue.trim(Substring(line)))
        let indented = line.unicodeScalars.first.map { $0 == " " || $0 == "\t" } ?? false
        let isHeader = line.hasPrefix("##")
        let isComment = line.hasPrefix("#") && !isHeader

        if isComment { return }
        if block == .detail, !isHeader, line.isEmpty || indented {
            detailBlock.append(line)
            return
        }
        if block == .acceptance, !isHeader, trimmed.isEmpty || trimmed.hasPrefix("-") || trimmed.hasPrefix("*") || trimmed.hasPrefix("•") {
            if !trimmed.isEmpty {
                let bullet = Substring(String(String.UnicodeScalarView(trimmed.unicodeScalars.dropFirst())))
                current?.acceptance.append(Self.value(String(PlanTextValue.trim(bullet))))
            }
            return
        }
        if trimmed.isEmpty { return }
        try endBlock()
        if isHeader { return try startTask(line, number: number) }

        guard let colon = trimmed.firstIndex(of: ":") else {
            throw PlanTextError(
                line: number,
                message: current == nil
                    ? "'\(excerpt(trimmed))' comes before the first task — start each task with a line '## T1 Title'"
                    : "expected 'field: value' — fields are \(PlanTextFormat.fields.joined(separator: ", ")); indent detail lines by two spaces"
            )
        }
        let key = trimmed[..<colon].lowercased().trimmingCharacters(in: .whitespaces)
        let rest = String(PlanTextValue.trim(trimmed[trimmed.index(after: colon)...]))
        guard current != nil else {
            guard key == "version", !versionSeen, let v = Int(rest) else {
                throw PlanTextError(
                    line: number, message: "'\(excerpt(trimmed))' comes before the first task — start each task with a line '## T1 Title'")
            }
            version = v
            versionSeen = true
            return
        }
        guard PlanTextFormat.fields.contains(key) else {
            throw PlanTextError(
                line: number, message: "unknown field '\(excerpt(key))' — fields are \(PlanTextFormat.fields.joined(separator: ", "))")
        }
        guard seenFields.insert(key).inserted else {
            throw PlanTextError(line: number, message: "\(current!.id) has a second '\(key):' line — keep one")
        }
        try apply(key, rest, line: number)
    }

    private mutating func apply(_ key: String, _ rest: String, line: Int) throws(PlanTextError) {
        switch key {
        case "kind":
            guard let kind = TaskKind(lenient: rest) else {
                throw PlanTextError(
                    line: line, message: "unknown kind '\(excerpt(rest))' — use code, refactor, tests, docs, research or ops")
            }
            current!.kind = kind
        case "route":
            var text = rest
            if text.hasSuffix(PlanTextFormat.youChose) {
                current!.routeOverridden = true
                text = String(PlanTextValue.trim(text.dropLast(PlanTextFormat.youChose.count)))
            }
            current!.route = text.isEmpty ? nil : Self.value(text)
        case "reason":
            current!.routeReason = Self.value(rest)
        case "scope":
            current!.scope = try list(rest, line: line, spaces: false)
        case "avoid":
            current!.avoid = try list(rest, line: line, spaces: false)
        case "after":
            current!.deps = try list(rest, line: line, spaces: true).map(Self.normalizeID)
        case "acceptance":
            if !rest.isEmpty { current!.acceptance.append(Self.value(rest)) }
            block = .acceptance
        default:  // detail
            detailInline = rest.isEmpty ? nil : Self.value(rest)
            block = .detail
        }
    }

    private mutating func startTask(_ line: String, number: Int) throws(PlanTextError) {
        try finishTask()
        let body = PlanTextValue.trim(line.dropFirst(2))
        let idEnd = body.unicodeScalars.firstIndex(where: PlanTextValue.isSpace) ?? body.endIndex
        let idText = String(body.unicodeScalars[..<idEnd])
        guard idText.range(of: #"^[Tt]?[0-9]+$"#, options: .regularExpression) != nil else {
            throw PlanTextError(line: number, message: "a task line needs an id — write it as '## T3 Title'")
        }
        let titleText = String(PlanTextValue.trim(Substring(body.unicodeScalars[idEnd...])))
        let title = titleText.isEmpty ? "" : Self.value(titleText)
        current = PlanTask(id: Self.normalizeID(idText), title: title)
        currentLine = number
        seenFields = []
    }

    private mutating func endBlock() throws(PlanTextError) {
        if block == .detail {
            var lines = detailBlock
            while let last = lines.last, !last.unicodeScalars.contains(where: { !PlanTextValue.isSpace($0) }) {
                lines.removeLast()
            }
            let indents = lines.filter { $0.unicodeScalars.contains { !PlanTextValue.isSpace($0) } }
                .map { $0.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count }
            let cut = indents.min() ?? 0
            let body = lines.map { l in
                String(
                    String.UnicodeScalarView(
                        l.unicodeScalars.dropFirst(min(cut, l.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count))))
            }.joined(separator: "\n")
            current?.detail = [detailInline, body.isEmpty ? nil : body].compactMap { $0 }.joined(separator: "\n")
        }
        block = .none
        detailInline = nil
        detailBlock = []
    }

    private mutating func finishTask() throws(PlanTextError) {
        try endBlock()
        if let task = current { tasks.append(task) }
        current = nil
    }

    mutating func finish() throws(PlanTextError) -> Plan {
        try finishTask()
        return Plan(version: version, tasks: tasks)
    }

    /// A plain value as is, or a quoted one decoded. Text that starts with a quote but is
    /// not one complete quoted string is taken literally (people type quotes in titles).
    private static func value(_ text: String) -> String {
        guard text.hasPrefix("\""),
            let (decoded, rest) = PlanTextValue.unquote(Substring(text).unicodeScalars),
            PlanTextValue.trim(Substring(rest)).isEmpty
        else { return text }
        return decoded
    }

    /// Comma-separated items (and whitespace-separated when `spaces`), quoted items allowed.
    private func list(_ text: String, line: Int, spaces: Bool) throws(PlanTextError) -> [String] {
        var items: [String] = []
        var rest = Substring(text).unicodeScalars
        func isSeparator(_ s: Unicode.Scalar) -> Bool { s == "," || (spaces && PlanTextValue.isSpace(s)) }
        while true {
            rest = rest.drop { $0 == "," || PlanTextValue.isSpace($0) }
            guard let first = rest.first else { break }
            if first == "\"" {
                guard let (decoded, after) = PlanTextValue.unquote(rest) else {
                    throw PlanTextError(line: line, message: "a quoted path is not closed — add the closing \"")
                }
                items.append(decoded)
                rest = after
                guard rest.first.map({ isSeparator($0) || PlanTextValue.isSpace($0) }) ?? true else {
                    throw PlanTextError(line: line, message: "put a comma after the quoted path")
                }
            } else {
                let end = rest.firstIndex(where: isSeparator) ?? rest.endIndex
                items.append(String(PlanTextValue.trim(Substring(rest[..<end]))))
                rest = rest[end...]
            }
        }
        return items
    }

    /// `t3` and `3` are read as `T3`.
    static func normalizeID(_ id: String) -> String {
        if let first = id.first, first == "t" || first == "T" { return "T" + id.dropFirst() }
        return id.allSatisfy(\.isNumber) && !id.isEmpty ? "T" + id : id
    }

    private func excerpt(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(39)) + "…" : text
    }
}
