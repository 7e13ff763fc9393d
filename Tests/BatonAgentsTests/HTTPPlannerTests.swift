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

    @Test func badURLIsRejected() async {
        await #expect(throws: HTTPPlannerError.badURL("ftp://x")) {
            _ = try await HTTPPlanner(baseURL: "ftp://x", model: "m", apiKey: nil).complete(system: nil, prompt: "p")
        }
    }
}
