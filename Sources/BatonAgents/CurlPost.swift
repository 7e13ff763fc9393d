import Foundation
import Subprocess

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// One HTTP POST made by the `curl` tool (argv, no shell): `baton` does not link libcurl
/// (loading it and its ~30 libraries was a third of every start). The headers, which may hold
/// an API key, go to curl on stdin (`--config -`), never in argv where other users can read
/// them; the body and the reply are files in a private temporary folder, removed afterwards.
struct CurlPost: Sendable {
    var url: String
    /// `Name: value` lines.
    var headers: [String]
    var body: Data
    /// Seconds for the whole exchange (`--max-time`).
    var timeout: TimeInterval
    /// Where `curl` is looked for (PATH).
    var searchPath: String

    struct Response: Sendable {
        var status: Int
        var body: Data
    }

    enum Failure: Error, Equatable {
        /// No `curl` on the search path.
        case curlMissing
        /// curl could not run or could not get an answer: its one-line reason.
        case failed(String)
    }

    func send() async throws(Failure) -> Response {
        guard let curl = ExecutableSearch.find("curl", path: searchPath) else { throw .curlMissing }
        guard let folder = Self.privateFolder() else { throw .failed("could not create a temporary folder") }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let request = folder + "/request.json"
        let reply = folder + "/reply"
        do { try body.write(to: URL(fileURLWithPath: request)) } catch { throw .failed("could not write the request: \(error)") }
        let arguments = [
            "-q", "-sS", "--config", "-", "--proto", "=http,https", "--max-time", String(format: "%.3f", max(timeout, 0.001)),
            "--data-binary", "@" + request, "-o", reply, "-w", "%{http_code}", url,
        ]
        let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
        do {
            result = try await run(
                .path(.init(curl)), arguments: Arguments(arguments), input: .string(config()), output: .string(limit: 4096),
                error: .string(limit: 65_536))
        } catch {
            throw .failed("could not run \(curl): \(error)")
        }
        guard case .exited(0) = result.terminationStatus else {
            throw .failed(Self.reason(stderr: result.standardError, status: result.terminationStatus))
        }
        let status = Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let data = FileManager.default.contents(atPath: reply) ?? Data()
        return Response(status: status, body: data)
    }

    /// curl's configuration on stdin: one `header = "..."` line each (quotes and backslashes
    /// escaped; line breaks, never valid in a header, become spaces). `Expect:` keeps curl from
    /// waiting for a `100 Continue` that servers such as Python's never send.
    func config() -> String {
        (headers + ["Expect:"]).map { header in
            let flat = header.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            let quoted = flat.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "header = \"\(quoted)\"\n"
        }.joined()
    }

    /// curl's first stderr line without its `curl: (7) ` prefix, e.g. `Failed to connect to
    /// 127.0.0.1 port 9 after 0 ms: Couldn't connect to server`.
    static func reason(stderr: String, status: TerminationStatus) -> String {
        var line = stderr.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        if line.hasPrefix("curl: "), let close = line.firstIndex(of: ")"), line.dropFirst(6).hasPrefix("(") {
            line = String(line[line.index(after: close)...])
        }
        line = line.trimmingCharacters(in: .whitespaces)
        return line.isEmpty ? "curl \(status)" : line
    }

    /// A new folder only this user can read (`mkdtemp`: mode 0700).
    static func privateFolder() -> String? {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("baton-http-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
    }
}
