import LineEditor

/// Aligned columns without borders that fit the terminal: the flexible column (the title)
/// is cut with … only when the table would be wider than the terminal. Widths are measured
/// on screen, so coloured ids take only their letters.
struct TextTable {
    var rows: [[String]]
    /// The column that gives way when the table is too wide.
    var flexibleColumn: Int?
    var indent = "  "

    func render(width: Int) -> [String] {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
        var widths = (0..<columns).map { c in rows.map { c < $0.count ? Self.width($0[c]) : 0 }.max() ?? 0 }
        let total = indent.count + widths.reduce(0, +) + 2 * (columns - 1)
        if let flex = flexibleColumn, flex < columns, total > width {
            widths[flex] = max(8, widths[flex] - (total - width))
        }
        return rows.map { row in
            var cells: [String] = []
            for c in 0..<columns {
                let cell = c < row.count ? row[c] : ""
                let fitted = Self.fit(cell, widths[c])
                cells.append(c == columns - 1 ? fitted : fitted + String(repeating: " ", count: max(0, widths[c] - Self.width(fitted))))
            }
            var line = indent + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Columns a cell takes on screen (colour sequences take none).
    static func width(_ s: String) -> Int { TextWrap.visibleWidth(s) }

    static func fit(_ s: String, _ width: Int) -> String { TextWrap.cut(s, to: width) }
}
