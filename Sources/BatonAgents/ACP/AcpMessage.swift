import BatonCore
import Foundation

/// A JSON-RPC 2.0 request id: a number or a string, sent back exactly as received.
public enum JSONRPCID: Hashable, Sendable, CustomStringConvertible {
    case number(Int)
    case string(String)

    /// The id as JSON (`5` or `"abc"`).
    var json: Any {
        switch self {
        case .number(let n): n
        case .string(let s): s
        }
    }

    init?(_ any: Any?) {
        if let n = JSONLine.int(any), !(any is Bool) {
            self = .number(n)
        } else if let s = JSONLine.string(any) {
            self = .string(s)
        } else {
            return nil
        }
    }

    /// `5` / `s:abc`: how the id is kept in events (``parse(_:)`` reads it back).
    public var description: String {
        switch self {
        case .number(let n): String(n)
        case .string(let s): "s:" + s
        }
    }

    /// The id ``description`` wrote.
    public static func parse(_ text: String) -> JSONRPCID? {
        if text.hasPrefix("s:") { return .string(String(text.dropFirst(2))) }
        return Int(text).map(JSONRPCID.number)
    }
}

/// One line of an ACP connection (JSON-RPC 2.0, one object per line), either direction.
public enum AcpMessage: @unchecked Sendable {
    /// A call that wants an answer (`id` set).
    case request(id: JSONRPCID, method: String, params: [String: Any])
    /// A call without an answer.
    case notification(method: String, params: [String: Any])
    /// A successful answer (`result` may be any JSON value; null as `NSNull`).
    case response(id: JSONRPCID, result: Any)
    /// A failed answer.
    case failure(id: JSONRPCID?, code: Int, message: String)

    /// Reads one line; nil for a line that is not a JSON-RPC message (blank, debug output,
    /// corrupt JSON).
    public static func parse(_ line: String) -> AcpMessage? {
        guard case .object(let object) = JSONLine.parse(line) else { return nil }
        return parse(object: object.anyDictionary)
    }

    static func parse(object: [String: Any]) -> AcpMessage? {
        let id = JSONRPCID(object["id"])
        if let method = JSONLine.string(object["method"]) {
            let params = JSONLine.object(object["params"]) ?? [:]
            if let id { return .request(id: id, method: method, params: params) }
            return .notification(method: method, params: params)
        }
        if let error = JSONLine.object(object["error"]) {
            return .failure(
                id: id, code: JSONLine.int(error["code"]) ?? 0,
                message: JSONLine.string(error["message"]) ?? "unknown error")
        }
        if let id, object.keys.contains("result") { return .response(id: id, result: object["result"] ?? NSNull()) }
        return nil
    }

    /// The message as one line of JSON (no newline).
    public var line: String {
        var object: [String: Any] = ["jsonrpc": "2.0"]
        switch self {
        case .request(let id, let method, let params):
            object["id"] = id.json
            object["method"] = method
            object["params"] = params
        case .notification(let method, let params):
            object["method"] = method
            object["params"] = params
        case .response(let id, let result):
            object["id"] = id.json
            object["result"] = result
        case .failure(let id, let code, let message):
            object["id"] = id?.json ?? NSNull()
            object["error"] = ["code": code, "message": message]
        }
        return Self.encode(object)
    }

    static func encode(_ object: [String: Any]) -> String {
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// JSON-RPC error codes Baton answers with.
public enum JSONRPCError {
    /// The method is not one Baton serves.
    public static let methodNotFound = -32601
    /// The params are wrong (e.g. a path outside the worktree).
    public static let invalidParams = -32602
    /// Serving the call failed (e.g. the file cannot be read).
    public static let internalError = -32603
}
