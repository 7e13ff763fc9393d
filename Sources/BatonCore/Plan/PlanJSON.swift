import Foundation

/// The plan as JSON: reading a planner's reply, and the public `/plan --json` output.
public enum PlanJSON {
    /// Finds the JSON object in a planner reply (a ```json fence and prose around it are
    /// fine) and reads its `tasks` leniently: optional fields may be missing, kinds are read
    /// loosely, strings are trimmed, ids are kept (a missing id becomes `T<position>`).
    public static func extractPlan(from text: String) throws(PlanParseError) -> [PlanTask] {
        let root = try findRoot(in: text)
        let list: [PlanJSONValue]
        switch root {
        case .array(let items): list = items
        case .object(let o):
            if case .array(let items)? = o["tasks"] {
                list = items
            } else if case .array(let items)? = o["plan"]?["tasks"] ?? o["plan"] {
                list = items
            } else {
                throw .noTasksList
            }
        default: throw .noJSONObject
        }
        guard !list.isEmpty else { throw .emptyPlan }
        var tasks: [PlanTask] = []
        for (index, item) in list.enumerated() {
            guard case .object = item else { throw .taskNotObject(index + 1) }
            tasks.append(try task(item, position: index + 1))
        }
        return tasks
    }

    private static func task(_ v: PlanJSONValue, position: Int) throws(PlanParseError) -> PlanTask {
        func string(_ keys: String...) -> String? {
            for k in keys { if let t = v[k]?.text { return trim(t) } }
            return nil
        }
        func strings(_ keys: String...) -> [String] {
            for k in keys { if let value = v[k] { return value.texts.map(trim).filter { !$0.isEmpty } } }
            return []
        }
        guard let title = string("title", "name"), !title.isEmpty else { throw .taskWithoutTitle(position) }
        let id = string("id").flatMap { $0.isEmpty ? nil : normalizeID($0) } ?? "T\(position)"
        let reason = string("route_reason", "routeReason")
        return PlanTask(
            id: id, title: title, detail: string("detail", "description") ?? "",
            kind: string("kind", "type").flatMap { TaskKind(lenient: $0) } ?? .code,
            scope: strings("scope", "paths", "files"), avoid: strings("avoid"),
            deps: strings("deps", "depends_on", "dependencies", "after").map(normalizeID),
            route: string("route").flatMap { $0.isEmpty ? nil : $0 },
            routeReason: reason?.isEmpty == true ? nil : reason,
            acceptance: strings("acceptance", "acceptance_criteria")
        )
    }

    private static func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// A bare number `3` is read as `T3`; `t3` as `T3`.
    private static func normalizeID(_ id: String) -> String { PlanTextReader.normalizeID(id) }

    /// The first JSON object (or array) in the text that parses, fenced blocks first.
    private static func findRoot(in text: String) throws(PlanParseError) -> PlanJSONValue {
        var candidates: [Substring] = []
        for fence in fencedBlocks(text) { candidates.append(contentsOf: balancedSpans(fence)) }
        candidates.append(contentsOf: balancedSpans(Substring(text)))
        var firstError: String?
        var fallback: PlanJSONValue?
        for span in candidates {
            do {
                let value = try JSONDecoder().decode(PlanJSONValue.self, from: Data(span.utf8))
                if value["tasks"] != nil || value["plan"] != nil { return value }
                if case .array(let items) = value, items.contains(where: { $0["title"] != nil }) { return value }
                if fallback == nil, case .object = value { fallback = value }
            } catch {
                if firstError == nil, span.first == "{" { firstError = describe(error) }
            }
        }
        if let fallback { return fallback }
        if let firstError { throw .malformedJSON(firstError) }
        throw .noJSONObject
    }

    /// Contents of ``` fences (any info string), in order.
    private static func fencedBlocks(_ text: String) -> [Substring] {
        var blocks: [Substring] = []
        var rest = text[...]
        while let open = rest.range(of: "```") {
            let afterOpen = rest[open.upperBound...]
            guard let lineEnd = afterOpen.firstIndex(of: "\n"), let close = afterOpen[lineEnd...].range(of: "```") else { break }
            blocks.append(afterOpen[lineEnd..<close.lowerBound])
            rest = afterOpen[close.upperBound...]
        }
        return blocks
    }

    /// Each `{…}` or `[…]` span with balanced brackets (strings respected), outermost only.
    private static func balancedSpans(_ text: Substring) -> [Substring] {
        var spans: [Substring] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            guard c == "{" || c == "[" else {
                i = text.index(after: i)
                continue
            }
            var depth = 0
            var inString = false
            var escaped = false
            var j = i
            var end: String.Index?
            while j < text.endIndex {
                let d = text[j]
                if inString {
                    if escaped { escaped = false } else if d == "\\" { escaped = true } else if d == "\"" { inString = false }
                } else if d == "\"" {
                    inString = true
                } else if d == "{" || d == "[" {
                    depth += 1
                } else if d == "}" || d == "]" {
                    depth -= 1
                    if depth == 0 {
                        end = j
                        break
                    }
                }
                j = text.index(after: j)
            }
            if let end {
                spans.append(text[i...end])
                i = text.index(after: end)
            } else {
                spans.append(text[i...])  // unbalanced: let the decoder say what is wrong
                break
            }
        }
        return spans
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "not valid JSON"
    }
}
