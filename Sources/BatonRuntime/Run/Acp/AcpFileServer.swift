import BatonAgents
import Foundation

/// Serves an ACP agent's `fs/read_text_file` and `fs/write_text_file` inside the task's
/// worktree; anything else is refused with a JSON-RPC error the agent sees.
struct AcpFileServer {
    var worktree: String

    /// The answer to send, and the refusal to tell the user about (nil when served).
    func serve(id: JSONRPCID, method: String, params wrapped: AcpValue) -> (message: AcpMessage, refusal: String?) {
        let params = wrapped.value as? [String: Any] ?? [:]
        guard let path = params["path"] as? String else {
            return (AcpClientMessages.error(id: id, code: JSONRPCError.invalidParams, message: "\(method) needs a path"), nil)
        }
        let verb = method == "fs/write_text_file" ? "write" : "read"
        let target: String
        switch AcpFileAccess.resolve(path, worktree: worktree) {
        case .failure(let refusal):
            return (
                AcpClientMessages.error(id: id, code: JSONRPCError.invalidParams, message: refusal.message),
                "\(verb) \(path) — outside the worktree"
            )
        case .success(let resolved): target = resolved
        }
        do {
            if verb == "write" {
                let content = params["content"] as? String ?? ""
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try content.write(toFile: target, atomically: true, encoding: .utf8)
                return (AcpClientMessages.empty(id: id), nil)
            }
            guard let data = FileManager.default.contents(atPath: target) else {
                return (AcpClientMessages.error(id: id, code: JSONRPCError.internalError, message: "\(path): no such file"), nil)
            }
            var text = String(decoding: data, as: UTF8.self)
            let line = (params["line"] as? Int).map { max(1, $0) }
            let limit = params["limit"] as? Int
            if line != nil || limit != nil {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let start = min(lines.count, (line ?? 1) - 1)
                let end = limit.map { min(lines.count, start + max(0, $0)) } ?? lines.count
                text = lines[start..<end].joined(separator: "\n")
            }
            return (AcpClientMessages.fileContent(id: id, content: text), nil)
        } catch {
            return (
                AcpClientMessages.error(id: id, code: JSONRPCError.internalError, message: "\(path): \(error.localizedDescription)"), nil
            )
        }
    }
}
