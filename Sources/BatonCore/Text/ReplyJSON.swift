import Foundation

/// Where a read-only agent (reviewer, judge) may have put its JSON answer in its reply.
enum ReplyJSON {
    /// The JSON objects in `reply`, most literal first: the whole reply, a ```json fence, and
    /// the outermost `{…}`. The caller takes the first that holds a valid answer.
    static func objects(in reply: String) -> [[String: Any]] {
        var candidates = [reply]
        if let fence = reply.range(of: "```json"), let end = reply.range(of: "```", range: fence.upperBound..<reply.endIndex) {
            candidates.append(String(reply[fence.upperBound..<end.lowerBound]))
        }
        if let open = reply.firstIndex(of: "{"), let close = reply.lastIndex(of: "}"), open < close {
            candidates.append(String(reply[open...close]))
        }
        return candidates.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
