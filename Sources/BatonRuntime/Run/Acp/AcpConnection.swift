import BatonAgents
import BatonCore
import Foundation

/// How a call to the agent ended when it did not succeed.
enum AcpCallFailure: Error, Sendable {
    /// The agent answered with a JSON-RPC error.
    case error(code: Int, message: String)
    /// The connection ended (the agent exited, or was stopped) before an answer.
    case ended

    var text: String {
        switch self {
        case .error(_, let message): TerminalText.oneLine(message, limit: 200)
        case .ended: "the agent ended before answering"
        }
    }
}

/// A JSON-RPC answer value carried across actors (JSON values are immutable here).
struct AcpValue: @unchecked Sendable {
    var value: Any
}

/// One JSON-RPC connection to an ACP agent over its stdio: Baton's calls and their answers,
/// the agent's notifications and requests. Every line either way (Baton's requests wrapped,
/// see ``AcpTurnDecoder/sentLine(_:)``) goes to the turn's transcript file and through the
/// turn's decoder, whose events go to `onEvents`.
actor AcpConnection {
    let process: PipedProcess
    private let transcript: FileHandle?
    private var decoder: AcpTurnDecoder
    private var nextID = 0
    private var waiting: [JSONRPCID: CheckedContinuation<Result<AcpValue, AcpCallFailure>, Never>] = [:]
    private var ended = false
    private let onEvents: @Sendable ([AgentEvent]) async -> Void
    private let onRequest: @Sendable (AcpMessage) async -> Void
    private let clock: any RuntimeClock
    /// When the agent last wrote a line or Baton last wrote to it (the stall clock).
    private(set) var lastActivity: Date

    init(
        process: PipedProcess, transcript path: String, worktree: String, clock: any RuntimeClock = SystemClock(),
        onEvents: @escaping @Sendable ([AgentEvent]) async -> Void,
        onRequest: @escaping @Sendable (AcpMessage) async -> Void
    ) {
        self.process = process
        self.clock = clock
        self.lastActivity = clock.now()
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        self.transcript = FileHandle(forWritingAtPath: path)
        _ = try? transcript?.seekToEnd()
        self.decoder = AcpTurnDecoder(worktree: worktree)
        self.onEvents = onEvents
        self.onRequest = onRequest
    }

    /// Reads the agent's lines until its stdout ends; then every pending call fails.
    func readLoop() async {
        for await line in process.lines {
            log(line)
            let events = decoder.decode(line: line)
            if !events.isEmpty { await onEvents(events) }
            switch AcpMessage.parse(line) {
            case .response(let id, let result):
                waiting.removeValue(forKey: id)?.resume(returning: .success(AcpValue(value: result)))
            case .failure(let id?, let code, let message):
                waiting.removeValue(forKey: id)?.resume(returning: .failure(.error(code: code, message: message)))
            case .some(let message) where isRequest(message):
                await onRequest(decoder.completingToolCall(message))
            default:
                break
            }
        }
        processEnded()
    }

    /// The agent is gone: every call still waiting fails, and later ones at once.
    func processEnded() {
        ended = true
        for (_, continuation) in waiting { continuation.resume(returning: .failure(.ended)) }
        waiting.removeAll()
    }

    private func isRequest(_ message: AcpMessage) -> Bool {
        if case .request = message { return true }
        return false
    }

    /// Sends a request built for a fresh id and waits for its answer.
    func call(_ build: @Sendable (JSONRPCID) -> AcpMessage) async -> Result<AcpValue, AcpCallFailure> {
        if ended { return .failure(.ended) }
        let id = JSONRPCID.number(nextID)
        nextID += 1
        let message = build(id)
        let wrapped = AcpTurnDecoder.sentLine(message)
        log(wrapped)
        _ = decoder.decode(line: wrapped)
        return await withCheckedContinuation { continuation in
            waiting[id] = continuation
            process.send(message.line)
        }
    }

    /// Sends a notification or an answer to one of the agent's requests.
    func send(_ message: AcpMessage) {
        guard !ended else { return }
        log(AcpTurnDecoder.sentLine(message))
        process.send(message.line)
    }

    /// How the turn ended, from everything the agent said.
    func result(exitCode: Int32, stderrTail: String) -> TurnResult {
        decoder.finish(exitCode: exitCode, stderrTail: stderrTail)
    }

    private func log(_ line: String) {
        lastActivity = clock.now()
        transcript?.write(Data((line + "\n").utf8))
    }

    deinit { try? transcript?.close() }
}
