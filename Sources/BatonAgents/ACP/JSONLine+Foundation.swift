import Foundation

/// Reading the Foundation values of ACP messages (`[String: Any]`: Baton writes these
/// messages too, through `JSONSerialization`), as ``JSONLine`` reads parsed ``JSONValue``s.
extension JSONLine {
    static func string(_ any: Any?) -> String? {
        guard let any else { return nil }  // (casting the unwrapped value is much cheaper)
        return any as? String
    }

    static func int(_ any: Any?) -> Int? {
        guard let any else { return nil }
        if let n = any as? Int { return n }
        if let d = any as? Double, d.isFinite, abs(d) < 1e15 { return Int(d) }
        // Only a real NSNumber is cast to one: casting a dictionary or a string to a class
        // would bridge (copy) it first.
        if type(of: any) is NSNumber.Type, let n = any as? NSNumber { return n.intValue }
        return nil
    }

    static func bool(_ any: Any?) -> Bool { (any as? Bool) ?? false }

    static func object(_ any: Any?) -> [String: Any]? {
        guard let any else { return nil }
        return any as? [String: Any]
    }

    static func array(_ any: Any?) -> [Any] {
        guard let any else { return [] }
        return any as? [Any] ?? []
    }
}
