import Foundation
import Testing

@testable import BatonAgents

/// A loopback HTTP server (Python's http.server) started by the test itself on a port the
/// server picks; it writes the port to a file once it is listening.
final class LoopbackServer {
    let process = Process()
    let port: Int
    private let directory: URL

    static let script = #"""
        import http.server, json, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args): pass
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path.startswith("/fail/"):
                    self.reply(500, "text/plain", "upstream exploded: " + "x" * 400)
                elif self.path.startswith("/text/"):
                    self.reply(200, "text/html", "<html>not json</html>")
                elif self.path.startswith("/empty/"):
                    self.reply(200, "application/json", json.dumps({"choices": []}))
                else:
                    request = json.loads(body)
                    echo = {"path": self.path, "auth": self.headers.get("Authorization"), "request": request}
                    self.reply(200, "application/json", json.dumps({
                        "choices": [{"message": {"role": "assistant", "content": json.dumps(echo)}}],
                        "usage": {"prompt_tokens": 17, "completion_tokens": 5}}))
            def reply(self, status, kind, text):
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
        import os, signal, threading, time
        signal.signal(signal.SIGTERM, lambda *args: os._exit(0))  # the test runner may ignore SIGTERM
        parent = os.getppid()
        def watchdog():  # never outlive the test process
            while os.getppid() == parent: time.sleep(0.5)
            os._exit(0)
        threading.Thread(target=watchdog, daemon=True).start()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        with open(sys.argv[1] + ".tmp", "w") as f: f.write(str(server.server_address[1]))
        import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
        server.serve_forever()
        """#

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baton-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let scriptURL = directory.appendingPathComponent("server.py")
        let portFile = directory.appendingPathComponent("port")
        try Self.script.write(to: scriptURL, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptURL.path, portFile.path]
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        var port: Int?
        while port == nil, Date() < deadline, process.isRunning {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
            if port == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let port else {
            if process.isRunning { process.terminate() }
            throw CocoaError(.fileNoSuchFile)
        }
        self.port = port
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    func base(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
}

@Suite(.serialized) struct HTTPPlannerTests {
    static let hasPython =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
        || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/python3")
        }
    static let hasCurl = ExecutableSearch.find("curl", path: ProcessInfo.processInfo.environment["PATH"] ?? "") != nil

    @Test(.enabled(if: hasPython)) func successSendsTheOpenAIRequest() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let planner = HTTPPlanner(baseURL: server.base("/ok/"), model: "qwen2.5-coder", apiKey: "sk-test", timeout: 20)
        let reply = try await planner.complete(system: "You plan.", prompt: "Mission: export CSV")
        #expect(reply.promptTokens == 17 && reply.completionTokens == 5)
        let echo = try #require(try JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as? [String: Any])
        #expect(echo["path"] as? String == "/ok/v1/chat/completions")
        #expect(echo["auth"] as? String == "Bearer sk-test")
        let request = try #require(echo["request"] as? [String: Any])
        #expect(request["model"] as? String == "qwen2.5-coder")
        #expect(request["temperature"] as? Double == 0.2)
        #expect((request["response_format"] as? [String: String]) == ["type": "json_object"])
        let messages = try #require(request["messages"] as? [[String: String]])
        #expect(messages == [["role": "system", "content": "You plan."], ["role": "user", "content": "Mission: export CSV"]])
    }

    @Test(.enabled(if: hasPython)) func baseEndingInV1IsNotDoubled() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let planner = HTTPPlanner(baseURL: server.base("/ok/v1"), model: "m", apiKey: nil, timeout: 20)
        let reply = try await planner.complete(system: nil, prompt: "p")
        let echo = try #require(try JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as? [String: Any])
        #expect(echo["path"] as? String == "/ok/v1/chat/completions")
        #expect(echo["auth"] is NSNull)
    }

    @Test(.enabled(if: hasPython)) func httpErrorSaysStatusAndBody() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let planner = HTTPPlanner(baseURL: server.base("/fail"), model: "m", apiKey: nil, timeout: 20)
        await #expect {
            _ = try await planner.complete(system: nil, prompt: "p")
        } throws: { error in
            guard case HTTPPlannerError.status(500, let body) = error else { return false }
            return body.hasPrefix("upstream exploded: xxx") && body.count == 201
                && (error as? HTTPPlannerError)?.description.hasPrefix("planner answered HTTP 500: upstream exploded") == true
        }
    }

    @Test(.enabled(if: hasPython)) func nonJSONBody() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let planner = HTTPPlanner(baseURL: server.base("/text"), model: "m", apiKey: nil, timeout: 20)
        await #expect(throws: HTTPPlannerError.notJSON("<html>not json</html>")) {
            _ = try await planner.complete(system: nil, prompt: "p")
        }
    }

    @Test(.enabled(if: hasPython)) func noChoices() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let planner = HTTPPlanner(baseURL: server.base("/empty"), model: "m", apiKey: nil, timeout: 20)
        await #expect(throws: HTTPPlannerError.noChoices) {
            _ = try await planner.complete(system: nil, prompt: "p")
        }
    }

    /// A stand-in curl records its argv and stdin: the API key reaches curl on stdin only
    /// (argv is readable by every user), and the request file is gone afterwards.
    @Test func apiKeyGoesToCurlOnStdinNeverInArgv() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-curl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = """
            #!/bin/sh
            printf '%s\\n' "$@" > '\(folder)/argv'
            cat > '\(folder)/stdin'
            out=""; prev=""; data=""
            for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; [ "$prev" = "--data-binary" ] && data="$a"; prev="$a"; done
            cp "${data#@}" '\(folder)/body'
            printf '{"choices":[{"message":{"content":"ok"}}]}' > "$out"
            printf 200
            """
        try script.write(toFile: folder + "/curl", atomically: true, encoding: .utf8)
        chmod(folder + "/curl", 0o755)
        let planner = HTTPPlanner(baseURL: "http://127.0.0.1:9", model: "m", apiKey: "sk-secret", searchPath: folder)
        let reply = try await planner.complete(system: nil, prompt: "Mission: export CSV")
        #expect(reply.text == "ok")
        let argv = try String(contentsOfFile: folder + "/argv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(!argv.joined().contains("sk-secret"), "\(argv)")
        #expect(argv.last == "http://127.0.0.1:9/v1/chat/completions" && argv.contains("--config"), "\(argv)")
        let stdin = try String(contentsOfFile: folder + "/stdin", encoding: .utf8)
        #expect(stdin.contains("header = \"Authorization: Bearer sk-secret\"\n"), "\(stdin)")
        #expect(try String(contentsOfFile: folder + "/body", encoding: .utf8).contains("Mission: export CSV"))
        let request = try #require(argv.first { $0.hasPrefix("@") }).dropFirst()
        #expect(!FileManager.default.fileExists(atPath: String(request)), "the request file is removed")
    }

    /// A key with quotes, backslashes or line breaks stays one quoted header line: it cannot
    /// add options to curl's configuration.
    @Test func curlConfigQuotesEachHeaderOnOneLine() {
        let post = CurlPost(
            url: "http://x", headers: ["Authorization: Bearer a\"b\\c\nurl = \"http://evil\""], body: Data(), timeout: 1, searchPath: "")
        #expect(post.config() == "header = \"Authorization: Bearer a\\\"b\\\\c url = \\\"http://evil\\\"\"\nheader = \"Expect:\"\n")
        let reason = CurlPost.reason(stderr: "curl: (6) Could not resolve host: nowhere\n", status: .exited(6))
        #expect(reason == "Could not resolve host: nowhere")
    }

    @Test func missingCurlSaysHowToInstallIt() async {
        let planner = HTTPPlanner(baseURL: "http://127.0.0.1:9", model: "m", apiKey: "sk-test", searchPath: "/nonexistent")
        await #expect(throws: HTTPPlannerError.curlMissing) {
            _ = try await planner.complete(system: nil, prompt: "p")
        }
        #expect(HTTPPlannerError.curlMissing.description.hasSuffix("install it: sudo apt-get install curl"))
    }

    @Test(.enabled(if: hasCurl)) func closedPortIsUnreachableWithCurlsReason() async throws {
        // A port that was just free: bound, then closed, so nothing listens on it.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let port = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int in
                guard bind(fd, raw, size) == 0, getsockname(fd, raw, &size) == 0 else { return 0 }
                return Int(UInt16(bigEndian: pointer.pointee.sin_port))
            }
        }
        close(fd)
        try #require(port > 0)
        let planner = HTTPPlanner(baseURL: "http://127.0.0.1:\(port)", model: "m", apiKey: nil, timeout: 20)
        await #expect {
            _ = try await planner.complete(system: nil, prompt: "p")
        } throws: { error in
            guard case HTTPPlannerError.unreachable(let url, let why) = error else { return false }
            return url == "http://127.0.0.1:\(port)/v1/chat/completions" && why.contains("onnect") && !why.contains("\n")
                && !why.hasPrefix("curl:")
        }
    }

    @Test func badURLIsRejected() async {
        await #expect(throws: HTTPPlannerError.badURL("ftp://x")) {
            _ = try await HTTPPlanner(baseURL: "ftp://x", model: "m", apiKey: nil).complete(system: nil, prompt: "p")
        }
    }
}
