import Foundation
import Logging
import MCP

/// The SDK's stdio transport, with one repair on the way in: swift-sdk 0.12.1 decodes the
/// client's `capabilities.experimental` as strings only, while the spec (and codex, which
/// sends `{"codex/auth-change":{}}`) has objects there, so the `initialize` request failed.
/// Baton uses no experimental capability: it is dropped from `initialize` before decoding.
actor LenientStdioTransport: Transport {
    private let inner = StdioTransport()

    nonisolated var logger: Logger { inner.logger }

    func connect() async throws { try await inner.connect() }

    func disconnect() async { await inner.disconnect() }

    func send(_ data: Data) async throws { try await inner.send(data) }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        let inner = inner
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await data in await inner.receive() { continuation.yield(Self.repaired(data)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// `data` without `params.capabilities.experimental` when it is an `initialize` request.
    static func repaired(_ data: Data) -> Data {
        guard var message = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            message["method"] as? String == "initialize",
            var params = message["params"] as? [String: Any],
            var capabilities = params["capabilities"] as? [String: Any],
            capabilities["experimental"] != nil
        else { return data }
        capabilities["experimental"] = nil
        params["capabilities"] = capabilities
        message["params"] = params
        return (try? JSONSerialization.data(withJSONObject: message)) ?? data
    }
}
