import BatonCore
import Foundation

/// Reads claude's `rate_limit_event`s: one notice per window when its utilization reaches
/// 90% (with the reset time), and the rejection that fails the turn ("resets at 14:05").
struct ClaudeRateLimit {
    /// Utilization from which a warning is shown.
    static let warnAt = 0.9
    /// The failure text once a limit was rejected.
    private(set) var rejection: String?
    /// When the rejected (or nearly used) window resets, seconds since 1970.
    private(set) var resetsAt: Double?
    private var warnedWindows: Set<String> = []

    /// The notices for one `rate_limit_info` object (empty, or one line).
    mutating func read(_ info: JSONObject) -> [String] {
        let status = JSONLine.string(info["status"]) ?? ""
        let reset = JSONLine.double(info["resetsAt"])
        let window = Self.windowName(JSONLine.string(info["rateLimitType"]))
        let at = reset.map { " — resets at \(Self.clock($0))" } ?? ""
        switch status {
        case "rejected":
            resetsAt = reset
            rejection = "rate limited (\(window) limit reached)\(at)"
            return []
        case "allowed_warning", "allowed":
            guard let used = JSONLine.double(info["utilization"]), used >= Self.warnAt else { return [] }
            let key = "\(window)@\(reset.map { String(Int($0)) } ?? "")"
            guard warnedWindows.insert(key).inserted else { return [] }
            // No percentage in the text: the runtime shows each text once, so once per window.
            return ["claude has used over \(Int(Self.warnAt * 100))% of its \(window) limit\(at)"]
        default:
            return []
        }
    }

    /// `five_hour` → `five-hour`.
    static func windowName(_ type: String?) -> String {
        guard let type, !type.isEmpty else { return "usage" }
        return TerminalText.oneLine(type.replacingOccurrences(of: "_", with: "-"), limit: 30)
    }

    /// `14:05` in local time.
    static func clock(_ epoch: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: epoch))
    }
}
