/// Checks a plan before it may be dispatched. A plan with any error is never run.
public enum PlanValidator {
    /// Every problem of the plan, in plan order (cycles last). Empty means valid.
    public static func validate(_ plan: Plan) -> [PlanError] {
        var errors: [PlanError] = []
        let ids = plan.ids
        var seen: Set<String> = []
        var reportedDuplicate: Set<String> = []
        for id in ids {
            if seen.contains(id), !reportedDuplicate.contains(id) {
                errors.append(.duplicateID(id))
                reportedDuplicate.insert(id)
            }
            seen.insert(id)
        }
        for id in ids where !isWellFormedID(id) { errors.append(.badID(id)) }
        var uniqueIDs: [String] = []
        var added: Set<String> = []
        for id in ids where added.insert(id).inserted { uniqueIDs.append(id) }
        for task in plan.tasks {
            if task.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                errors.append(.emptyTitle(task.id))
            } else if hasControlCharacters(task.title) {
                errors.append(.controlCharacters(task.id))
            }
            var reportedDeps: Set<String> = []
            for dep in task.deps where reportedDeps.insert(dep).inserted {
                if dep == task.id {
                    errors.append(.selfDep(task.id))
                } else if !seen.contains(dep) {
                    errors.append(.unknownDep(task: task.id, dep: dep, known: uniqueIDs))
                }
            }
            for (field, paths) in [("scope", task.scope), ("avoid", task.avoid)] {
                for path in paths where isOutsideRepository(path) {
                    errors.append(.pathOutsideRepository(task: task.id, field: field, path: path))
                }
            }
        }
        for cycle in PlanGraph(plan).cycles() { errors.append(.cycle(cycle)) }
        return errors
    }

    /// `T` followed by a positive number without leading zeros.
    public static func isWellFormedID(_ id: String) -> Bool {
        guard id.hasPrefix("T") else { return false }
        let digits = id.dropFirst()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return digits.first != "0"
    }

    /// True when the text holds C0/C1 controls or line/paragraph separators.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            switch s.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    /// Absolute paths, `~` paths and paths with a `..` component leave the repository.
    public static func isOutsideRepository(_ path: String) -> Bool {
        let p = path.trimmingCharacters(in: .whitespaces)
        if p.hasPrefix("/") || p.hasPrefix("\\") || p.hasPrefix("~") { return true }
        if p.count >= 2, p.dropFirst().first == ":", p.first?.isLetter == true { return true }  // C:\
        let components = p.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        return components.contains("..")
    }
}
