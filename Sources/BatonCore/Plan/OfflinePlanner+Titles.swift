import Foundation

extension OfflinePlanner {
    /// A short imperative title: lead-ins ("please", "we need to", "also") dropped, one line,
    /// capitalized, no trailing punctuation, at most `maxTitleLength` characters.
    static func cleanTitle(_ text: String) -> String {
        var t = text.unicodeScalars.map { s -> String in
            PlanValidator.hasControlCharacters(String(s)) ? " " : String(s)
        }.joined()
        t = t.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        var changed = true
        while changed {
            changed = false
            t = t.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:-–—*•\t"))
            let lower = t.lowercased()
            for leadIn in OfflinePlannerWords.leadIns where lower.hasPrefix(leadIn) {
                let after = lower.dropFirst(leadIn.count)
                guard after.isEmpty || after.first == " " || after.first == "," else { continue }
                t = String(t.dropFirst(leadIn.count))
                changed = true
                break
            }
        }
        while let last = t.last, ".!?;:,".contains(last) || last == " " { t.removeLast() }
        guard let first = t.first else { return "" }
        t = first.uppercased() + t.dropFirst()
        return limit(t)
    }

    /// Cuts at a word boundary and adds "…" when longer than `maxTitleLength`.
    static func limit(_ title: String) -> String {
        guard title.count > maxTitleLength else { return title }
        let head = title.prefix(maxTitleLength - 1)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:")) + "…"
    }

    /// First letter capitalized, trailing punctuation dropped.
    static func sentenceCase(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespaces)
        while let last = t.last, ".;,".contains(last) { t.removeLast() }
        guard let first = t.first else { return "" }
        return first.uppercased() + t.dropFirst()
    }
}
