import Foundation

extension RepositoryMap {
    /// The map as text for a planner's prompt and for `/map`, never longer than `maxBytes`
    /// (UTF-8; whole lines, a last "…" when cut).
    public func render(maxBytes: Int = 3000) -> String {
        var lines = ["Repository map at \(head.prefix(7)): \(files) tracked files, \(Self.size(bytes))"]
        if !languages.isEmpty {
            lines.append(
                "Languages: " + languages.prefix(6).map { "\($0.name) \($0.files) files (\(Self.size($0.bytes)))" }.joined(separator: ", "))
        }
        for kind in ProjectCheck.Kind.allCases {
            let found = checks.filter { $0.kind == kind }
            lines.append(
                "\(kind.rawValue.capitalized): "
                    + (found.isEmpty ? "(none found)" : found.prefix(4).map(\.display).joined(separator: " · ")))
        }
        if !layout.isEmpty {
            var items = layout.prefix(20).map { "\($0.path) \($0.files)" }
            if layout.count > 20 { items.append("… \(layout.count - 20) more") }
            lines.append("Layout: " + items.joined(separator: ", "))
        }
        if let focus {
            lines.append("")
            lines.append("For this mission (\(focus.terms.prefix(8).joined(separator: ", "))):")
            if focus.paths.isEmpty && focus.contents.isEmpty { lines.append("  (no file or folder matches its words)") }
            lines += focus.paths.map { "  \($0)" }
            if !focus.contents.isEmpty { lines.append("  Named inside: " + focus.contents.joined(separator: ", ")) }
            if !focus.commits.isEmpty {
                lines.append("Recent commits there:")
                lines += focus.commits.map { "  \($0)" }
            }
        }
        return Self.bounded(lines, maxBytes: maxBytes)
    }

    /// "820 B", "12.4 KB", "3.1 MB".
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }

    static func bounded(_ lines: [String], maxBytes: Int) -> String {
        var text = ""
        for (i, line) in lines.enumerated() {
            let piece = (text.isEmpty ? "" : "\n") + line
            let reserve = i == lines.count - 1 ? 0 : 4
            if text.utf8.count + piece.utf8.count + reserve > maxBytes { return text + (text.isEmpty ? "…" : "\n…") }
            text += piece
        }
        return text
    }
}
