import Foundation

/// One JSON value as ``JSONLineParser/parseValue(bytes:keeping:)`` reads it: typed, so a
/// reader switches on it instead of casting `Any` (which costs a dynamic cast per member).
/// A number is an `int` when it is integral and fits an `Int`, else a `double`.
package enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value as `JSONSerialization` gives it (`[String: Any]` with the last of duplicate
    /// names, `[Any]`, `String`, `Int`, `Double`, `Bool`, `NSNull`), for code that hands it on
    /// to Foundation.
    package var any: Any {
        switch self {
        case .null: NSNull()
        case .bool(let b): b
        case .int(let n): n
        case .double(let d): d
        case .string(let s): s
        case .array(let a): a.map(\.any)
        case .object(let o): o.anyDictionary
        }
    }
}

/// A JSON object: its members in the order written, duplicate names included. Looking a
/// name up gives the LAST member of that name, as a dictionary built in order would. Agent
/// events have few members, so a lookup is a linear scan.
package struct JSONObject: Sendable, Equatable {
    /// One `"name": value` pair.
    package struct Member: Sendable, Equatable {
        package var name: String
        package var value: JSONValue
    }

    /// Every member, in order (duplicate names included).
    package private(set) var members: [Member] = []

    package init() {}

    /// Appends a member (a later member of the same name hides an earlier one).
    package mutating func append(_ name: String, _ value: JSONValue) {
        members.append(Member(name: name, value: value))
    }

    package mutating func reserveCapacity(_ count: Int) { members.reserveCapacity(count) }

    /// The value of the last member named `name`, nil when there is none.
    package subscript(name: String) -> JSONValue? {
        let length = name.utf8.count  // (cheaper than comparing most names that differ)
        var k = members.count
        while k > 0 {
            k -= 1
            if members[k].name.utf8.count == length, members[k].name == name { return members[k].value }
        }
        return nil
    }

    /// True when no member is there.
    package var isEmpty: Bool { members.isEmpty }

    /// The members a dictionary would keep: for each name its last member, in the order of
    /// those last members.
    package var distinctMembers: [Member] {
        members.enumerated().filter { k, member in !members[(k + 1)...].contains { $0.name == member.name } }.map(\.element)
    }

    /// The object as `JSONSerialization` gives it (the last of duplicate names kept).
    package var anyDictionary: [String: Any] {
        var result = [String: Any](minimumCapacity: members.count)
        for member in members { result[member.name] = member.value.any }
        return result
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = elements.map { Member(name: $0.0, value: $0.1) }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(floatLiteral value: Double) { self = .double(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (name, value) in elements { object.append(name, value) }
        self = .object(object)
    }
}
