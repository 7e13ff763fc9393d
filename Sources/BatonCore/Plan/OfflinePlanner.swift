import Foundation

/// The built-in planner used when no agent planner is available: turns an ordinary mission
/// ("Add CSV export, then write tests for it; update the README") into a small plan by
/// reading its lists, sentences and ordering words. Its plans always pass `PlanValidator`.
public enum OfflinePlanner {
    /// Longest title, in characters.
    public static let maxTitleLength = 72

    /// Tasks for the mission, numbered T1…, with kinds, deps, scope and acceptance guessed
    /// from the wording. An empty mission gives no tasks.
    ///
    /// `knownPaths` are repository paths (folders end in `/`) from the repository map: a task
    /// that names no path gets the ones its nouns name ("the reports page" → `Sources/Reports/`).
    /// `confirmed` (folder → qualifiers its files hold) lets a qualified noun name a folder
    /// ("crash reports" names `Sources/Reports/` only when its files talk about crashes).
    public static func plan(mission: String, knownPaths: [String] = [], confirmed: [String: [String]] = [:]) -> [PlanTask] {
        var drafts: [Draft] = []
        var pendingConstraints: [String] = []
        for clause in clauses(of: mission) {
            var text = clause.text
            var acceptance: [String] = []
            if let r = text.range(of: #"(?i),?\s+so that\s+"#, options: .regularExpression) {
                acceptance.append(sentenceCase(String(text[r.upperBound...])))
                text = String(text[..<r.lowerBound])
            }
            if isConstraint(text) {
                // "Keep the public API unchanged.": a criterion of the tasks it follows.
                let criterion = constraintText(text)
                if drafts.isEmpty { pendingConstraints.append(criterion) }
                for i in drafts.indices { drafts[i].acceptance.append(criterion) }
                continue
            }
            if let (head, constraint) = splitConstraint(text) {
                text = head
                acceptance.append(constraintText(constraint))
            }
            if isRequirement(text), !drafts.isEmpty {
                drafts[drafts.count - 1].acceptance.append(sentenceCase(text))
                continue
            }
            if isPipelineStep(text), let last = drafts.last, last.kind == .ops {
                // "Set up CI. Run the lint and the tests on every push.": what the pipeline does.
                drafts[drafts.count - 1].acceptance.append(sentenceCase(text))
                continue
            }
            let title = cleanTitle(text)
            guard !title.isEmpty else { continue }
            let named = OfflinePlannerWords.scope(of: clause.text)
            drafts.append(
                Draft(
                    title: title, clause: clause.text, kind: OfflinePlannerWords.kind(of: text),
                    scope: named.isEmpty ? mapScope(of: text, knownPaths: knownPaths, confirmed: confirmed) : named,
                    acceptance: pendingConstraints + acceptance,
                    marker: clause.marker, context: clause.context
                ))
        }
        if drafts.isEmpty {
            let title = cleanTitle(mission)
            guard !title.isEmpty, !isConstraint(mission) else { return [] }
            let named = OfflinePlannerWords.scope(of: mission)
            drafts = [
                Draft(
                    title: title, clause: mission, kind: OfflinePlannerWords.kind(of: mission),
                    scope: named.isEmpty ? mapScope(of: mission, knownPaths: knownPaths, confirmed: confirmed) : named,
                    acceptance: [], marker: .none, context: nil)
            ]
        }
        complete(&drafts)
        return number(drafts)
    }

    struct Draft {
        var title: String
        var clause: String
        var kind: TaskKind
        var scope: [String]
        var acceptance: [String]
        var marker: Marker
        var context: String?
        /// Indexes (into the final order) of the drafts this one waits for.
        var after: [Int] = []
    }

    /// "It must …", "The export should …": a requirement on the task before it.
    static func isRequirement(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard !OfflinePlannerWords.startsWithVerb(text) else { return false }
        return lower.range(of: #"\b(must|should|needs to|has to|have to)\b"#, options: .regularExpression) != nil
            || lower.hasPrefix("make sure") || lower.hasPrefix("ensure")
    }

    /// Fills vague titles ("tests", "write tests for it", "README"), moves docs last, sets deps.
    static func complete(_ drafts: inout [Draft]) {
        var lastContext: String?
        for i in drafts.indices {
            if drafts[i].context == nil { drafts[i].context = lastContext } else { lastContext = drafts[i].context }
            let codeBefore = drafts[..<i].filter { $0.kind == .code || $0.kind == .refactor }
            drafts[i].title = clarify(drafts[i], codeBefore: Array(codeBefore))
        }
        // Docs last (stable), remembering where each came from for "then".
        let order = drafts.indices.filter { drafts[$0].kind != .docs } + drafts.indices.filter { drafts[$0].kind == .docs }
        var sorted = order.map { drafts[$0] }
        for i in sorted.indices {
            sorted[i].after = dependencies(of: i, in: sorted, original: order)
        }
        drafts = sorted
    }

    /// Turns "tests", "write tests for it" or "README" into a title that says what for.
    static func clarify(_ draft: Draft, codeBefore: [Draft]) -> String {
        var title = draft.title
        let lower = title.lowercased()
        let subject: String? = {
            if codeBefore.count == 1 { return "the " + object(of: codeBefore[0].title) }
            if let context = draft.context { return "the " + object(of: context) }
            if codeBefore.count == 2 { return codeBefore.map { object(of: $0.title) }.joined(separator: " and ") }
            return codeBefore.isEmpty ? nil : "the changes above"
        }()
        for pronoun in [" it", " them", " this", " that", " both", " all of them", " these"] where lower.hasSuffix(pronoun) {
            if let subject { title = String(title.dropLast(pronoun.count)) + " " + subject }
            return limit(title)
        }
        let bare = [
            "tests", "test", "unit tests", "add tests", "write tests", "more tests", "add unit tests", "write unit tests",
            "integration tests",
        ]
        if draft.kind == .tests, bare.contains(lower) {
            let base = lower.hasPrefix("add") || lower.hasPrefix("write") ? title : "Write " + lower
            return limit(subject.map { base + " for " + $0 } ?? base)
        }
        if draft.kind == .docs, !OfflinePlannerWords.startsWithVerb(title), title.split(separator: " ").count <= 4 {
            let verb = lower.contains("release notes") ? "Write" : "Update"
            let firstWord = title.split(separator: " ").first.map(String.init) ?? ""
            let keepCase = firstWord.dropFirst().contains(where: \.isUppercase)
            return limit(verb + " " + (keepCase ? title : firstWord.lowercased() + title.dropFirst(firstWord.count)))
        }
        return title
    }

    /// "Add CSV export to the reports page" → "CSV export".
    static func object(of title: String) -> String {
        var words = title.split(separator: " ").map(String.init)
        if let first = words.first,
            OfflinePlannerWords.startsWithVerb(title) || OfflinePlannerWords.strongVerbs.contains(first.lowercased())
        {
            words.removeFirst()
        }
        if let first = words.first?.lowercased(), ["a", "an", "the"].contains(first) { words.removeFirst() }
        if let cut = words.firstIndex(where: { OfflinePlannerWords.objectEnders.contains($0.lowercased()) }), cut > 0 {
            words = Array(words[..<cut])
        }
        guard let first = words.first else { return title.lowercased() }
        let keepCase = first.dropFirst().contains(where: \.isUppercase) || first.allSatisfy { $0.isUppercase || !$0.isLetter }
        return ([keepCase ? first : first.lowercased()] + words.dropFirst()).joined(separator: " ")
    }

    static func number(_ drafts: [Draft]) -> [PlanTask] {
        drafts.enumerated().map { i, d in
            var acceptance: [String] = []
            for a in d.acceptance where !a.isEmpty && !acceptance.contains(a) { acceptance.append(a) }
            let detail =
                d.clause.count > maxTitleLength || !d.acceptance.isEmpty
                ? d.clause.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression) : ""
            return PlanTask(
                id: "T\(i + 1)", title: d.title, detail: detail, kind: d.kind, scope: d.scope,
                deps: d.after.map { "T\($0 + 1)" }, acceptance: acceptance
            )
        }
    }
}
