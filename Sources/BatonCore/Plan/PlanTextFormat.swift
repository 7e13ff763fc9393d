/// The readable plan format used by `/edit` in $EDITOR.
///
/// ```
/// version: 2
///
/// ## T1 Add CSV export endpoint
/// kind: code
/// route: codex (you chose)
/// reason: well-scoped endpoint
/// scope: Sources/Reports/, README.md
/// avoid:
/// after: T2 T3
/// acceptance:
///   - empty reports give a header-only file
/// detail:
///   Free text, indented by two spaces,
///   over as many lines as needed.
/// ```
/// `#` lines are comments. A value that would not read back unchanged (leading quote or
/// space, control characters, a comma inside a path) is written as a JSON string literal.
/// `parse(render(p)) == p` for every plan that passes `PlanValidator`.
public enum PlanTextFormat {
    /// The fields a task may have, in the order they are written.
    public static let fields = ["kind", "route", "reason", "scope", "avoid", "after", "acceptance", "detail"]

    static let youChose = "(you chose)"

    /// The comment block at the top of an edited plan.
    public static let header = """
        # Baton plan — edit it, save, and close the editor to apply.
        # Each task starts with a line "## T<n> Title". Its fields follow, one per line:
        #   kind:       code | refactor | tests | docs | research | ops
        #   route:      the agent that does it; "(you chose)" keeps it through replans
        #   reason:     why that agent was chosen (for your information)
        #   scope:      paths it may touch, comma-separated (folders end with /, globs use *)
        #   avoid:      paths it must not touch
        #   after:      ids of the tasks it waits for, e.g. T1 T2
        #   acceptance: followed by one "  - criterion" line each
        #   detail:     text on the same line, or on the next lines indented by two spaces
        # Text with unusual characters is written "in quotes" with \\n escapes, as in JSON.
        # To drop a task delete its lines; to add one write a new "## T<n>" line.
        # Lines starting with # are ignored.
        """

    /// The plan as editable text (header comment, version line, one block per task).
    public static func render(_ plan: Plan) -> String {
        var lines = [header, "", "version: \(plan.version)"]
        for task in plan.tasks {
            lines.append("")
            lines.append("## \(task.id) \(PlanTextValue.encode(task.title))")
            lines.append("kind: \(task.kind.rawValue)")
            if task.route != nil || task.routeOverridden {
                var value = task.route.map { PlanTextValue.encode($0, forbidden: ["("]) } ?? ""
                if task.routeOverridden { value += value.isEmpty ? youChose : " " + youChose }
                lines.append("route: \(value)")
            }
            if let reason = task.routeReason { lines.append("reason: \(PlanTextValue.encode(reason))") }
            lines.append(field("scope", list(task.scope, separator: ", ", forbidden: [","])))
            lines.append(field("avoid", list(task.avoid, separator: ", ", forbidden: [","])))
            lines.append(field("after", list(task.deps, separator: " ", forbidden: [",", " ", "\u{A0}"])))
            lines.append("acceptance:")
            for item in task.acceptance { lines.append("  - \(PlanTextValue.encode(item))") }
            lines.append(contentsOf: detailLines(task.detail))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func field(_ name: String, _ value: String) -> String {
        value.isEmpty ? "\(name):" : "\(name): \(value)"
    }

    private static func list(_ items: [String], separator: String, forbidden: Set<Character>) -> String {
        items.map { PlanTextValue.encode($0, forbidden: forbidden) }.joined(separator: separator)
    }

    /// Single plain line inline; clean multi-line text as an indented block; else quoted.
    private static func detailLines(_ detail: String) -> [String] {
        if detail.isEmpty { return ["detail:"] }
        let parts = splitLines(detail, stripCR: false)
        if parts.count == 1 { return ["detail: \(PlanTextValue.encode(detail))"] }
        let clean = parts.allSatisfy { line in
            !line.unicodeScalars.contains { $0 != "\t" && PlanTextValue.isUnsafe($0) }
        }
        let first = parts[0].unicodeScalars.first
        let firstOK = first.map { !PlanTextValue.isSpace($0) && !PlanTextValue.isMark($0) } ?? false
        let lastOK = parts[parts.count - 1].unicodeScalars.contains { !PlanTextValue.isSpace($0) }
        let blockable = clean && firstOK && lastOK
        guard blockable else { return ["detail: \(PlanTextValue.quote(detail))"] }
        return ["detail:"] + parts.map { $0.isEmpty ? "" : "  " + $0 }
    }

    /// Splits on `\n` scalars only; optionally drops one trailing `\r` per line (CRLF files).
    static func splitLines(_ text: String, stripCR: Bool) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { slice in
            var s = String(String.UnicodeScalarView(slice))
            if stripCR, s.unicodeScalars.last == "\r" { s.unicodeScalars.removeLast() }
            return s
        }
    }

    /// Reads edited text back into a plan. Errors name the line and what to fix.
    public static func parse(_ text: String) throws(PlanTextError) -> Plan {
        var reader = PlanTextReader()
        for (index, line) in splitLines(text, stripCR: true).enumerated() {
            try reader.read(line, number: index + 1)
        }
        return try reader.finish()
    }
}
