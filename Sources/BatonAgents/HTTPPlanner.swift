import Foundation

/// A planner client for OpenAI-compatible Chat Completions servers (Ollama, llama.cpp
/// server, vLLM, OpenAI): `POST {baseURL}/v1/chat/completions` asking for a JSON object,
/// sent by the `curl` tool (``CurlPost``: the API key never appears in argv).
public struct HTTPPlanner: Sendable {
    public var baseURL: String
    public var model: String
    public var apiKey: String?
    /// Seconds to wait for the whole reply (local models can be slow).
    public var timeout: TimeInterval
    /// Where `curl` is looked for (default: this process's PATH).
    public var searchPath: String

    public init(
        baseURL: String, model: String, apiKey: String?, timeout: TimeInterval = 300,
        searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? ""
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
        self.searchPath = searchPath
    }

    /// The endpoint: `{base}/v1/chat/completions` (a base already ending in `/v1` is kept).
    public var endpoint: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        if !base.hasSuffix("/v1") { base += "/v1" }
        return base + "/chat/completions"
    }

    /// Sends the prompt (and optional system message) and returns the reply text and token
    /// counts. Temperature is 0.2 (Ollama would otherwise use 1.0); the reply is asked to be
    /// a JSON object. Throws `HTTPPlannerError` with a one-line reason.
    public func complete(system: String?, prompt: String) async throws -> (text: String, promptTokens: Int, completionTokens: Int) {
        guard let url = URL(string: endpoint), url.scheme == "http" || url.scheme == "https" else {
            throw HTTPPlannerError.badURL(baseURL)
        }
        var messages: [[String: String]] = []
        if let system { messages.append(["role": "system", "content": system]) }
        messages.append(["role": "user", "content": prompt])
        let body: [String: Any] = [
            "model": model,
            "messages": messages,
            "temperature": 0.2,
            "response_format": ["type": "json_object"],
        ]
        var headers = ["Content-Type: application/json", "Accept: application/json"]
        if let apiKey, !apiKey.isEmpty { headers.append("Authorization: Bearer \(apiKey)") }
        let post = CurlPost(
            url: endpoint, headers: headers,
            body: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), timeout: timeout,
            searchPath: searchPath)
        let response: CurlPost.Response
        do throws(CurlPost.Failure) {
            response = try await post.send()
        } catch .curlMissing {
            throw HTTPPlannerError.curlMissing
        } catch .failed(let why) {
            throw HTTPPlannerError.unreachable(endpoint, why)
        }
        let data = response.body
        let bodyText = String(decoding: data, as: UTF8.self)
        if !(200..<300).contains(response.status) {
            throw HTTPPlannerError.status(response.status, Self.excerpt(bodyText))
        }
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw HTTPPlannerError.notJSON(Self.excerpt(bodyText))
        }
        guard let choices = json["choices"] as? [[String: Any]], let first = choices.first,
            let message = first["message"] as? [String: Any], let content = message["content"] as? String
        else {
            if let error = json["error"] as? [String: Any], let text = error["message"] as? String {
                throw HTTPPlannerError.server(Self.excerpt(text))
            }
            throw HTTPPlannerError.noChoices
        }
        let usage = json["usage"] as? [String: Any]
        return (content, Self.int(usage?["prompt_tokens"]), Self.int(usage?["completion_tokens"]))
    }

    private static func int(_ value: Any?) -> Int {
        if let n = value as? Int { return n }
        if let d = value as? Double { return Int(d) }
        return 0
    }

    /// The first 200 characters, on one line.
    static func excerpt(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces)
        return flat.count > 200 ? String(flat.prefix(200)) + "…" : flat
    }
}

/// Why an HTTP planner call failed, in one line for the conversation.
public enum HTTPPlannerError: Error, Equatable, Sendable, CustomStringConvertible {
    case badURL(String)
    case unreachable(String, String)
    /// HTTP status and the first 200 characters of the body.
    case status(Int, String)
    /// The body (first 200 characters) was not JSON.
    case notJSON(String)
    /// The reply had no `choices[0].message.content`.
    case noChoices
    /// The server returned `{"error": {"message": …}}`.
    case server(String)
    /// The `curl` tool, which sends the request, is not installed.
    case curlMissing

    public var description: String {
        switch self {
        case .badURL(let url): return "planner URL '\(url)' is not an http(s) URL — set it like http://127.0.0.1:11434"
        case .unreachable(let url, let why): return "planner at \(url) is unreachable: \(why)"
        case .status(let code, let body): return "planner answered HTTP \(code): \(body.isEmpty ? "(empty body)" : body)"
        case .notJSON(let body): return "planner reply is not JSON: \(body.isEmpty ? "(empty body)" : body)"
        case .noChoices: return "planner reply has no choices[0].message.content"
        case .server(let message): return "planner reported an error: \(message)"
        case .curlMissing: return "the HTTP planner needs the curl command, which is not on PATH — install it: sudo apt-get install curl"
        }
    }
}
