import Foundation

/// Any JSON value, decoded without a schema (for lenient reading of agent output).
enum PlanJSONValue: Decodable, Equatable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([PlanJSONValue]), object([String: PlanJSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([PlanJSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: PlanJSONValue].self))
        }
    }

    /// Text of a string, or of a whole number; nil otherwise.
    var text: String? {
        switch self {
        case .string(let s): return s
        case .number(let n) where n == n.rounded() && abs(n) < 1e15: return String(Int(n))
        default: return nil
        }
    }

    /// A list of texts from an array, or one text from a lone string ("a, b" stays one item).
    var texts: [String] {
        switch self {
        case .array(let items): return items.compactMap(\.text)
        case .string(let s): return s.isEmpty ? [] : [s]
        default: return []
        }
    }

    subscript(_ key: String) -> PlanJSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}
