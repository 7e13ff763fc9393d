/// Prompt templates: plain text with `{{name}}` placeholders.
///
/// Names are letters, digits and `_` (spaces inside the braces are allowed:
/// `{{ mission }}`). A placeholder with no value is left exactly as written, so a typo
/// stays visible in the rendered prompt instead of silently vanishing. Values are inserted
/// verbatim and never scanned again (a value holding `{{x}}` is not expanded).
public enum PromptTemplate {
    /// The template with every known placeholder replaced by its value.
    public static func render(_ template: String, values: [String: String]) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            if let (name, end) = placeholder(in: after), let value = values[name] {
                out += value
                rest = after[end...]
            } else {
                out += "{{"
                rest = after
            }
        }
        return out + rest
    }

    /// The distinct placeholder names in the template, in order of first appearance.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            let after = rest[open.upperBound...]
            if let (name, end) = placeholder(in: after) {
                if !names.contains(name) { names.append(name) }
                rest = after[end...]
            } else {
                rest = after
            }
        }
        return names
    }

    /// `name }}` at the start of `text`: the name and the index after the closing braces.
    private static func placeholder(in text: Substring) -> (String, String.Index)? {
        guard let close = text.range(of: "}}") else { return nil }
        let name = text[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        return (name, close.upperBound)
    }
}
