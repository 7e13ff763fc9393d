import BatonTestSupport
import Foundation
import Testing

/// Shared steps of the real-CLI tests: a repository, the scripted model server and the
/// environment running the real claude/codex (see ``RealAgents`` and ``ModelServer``).
/// Also the suite that holds them (`extension RealCLI { @Suite struct … }`): serialized, so
/// one real CLI runs at a time and the rest of the suite keeps its share of the machine.
@Suite(.serialized) enum RealCLI {
    /// The real CLIs each test may run (both are pinned by scripts/real-agents).
    static let agents = ["claude", "codex"]

    /// A repository, the scripted model server and baton's environment, kept alive together
    /// (the repository's removal takes the server's files with it).
    final class Rig: @unchecked Sendable {
        let repo: TestRepository
        let server: ModelServer
        var env: BatonEnvironment

        /// A fresh repository, the server answering `script`, and baton's environment with
        /// only `agents` installed (as the real CLIs). `claudeMaxRetries`, `agentEnvironment`
        /// (the CLIs' variables) and `extra` (baton's) go to ``RealAgents/environment(repository:server:agents:claudeMaxRetries:agentEnvironment:extra:)``.
        init(
            _ script: ModelScript, agents: [String], files: [String: String] = ["README.md": "# Demo\n"],
            claudeMaxRetries: Int = 1, agentEnvironment: [String: String] = [:], extra: [String: String] = [:]
        ) throws {
            repo = try TestRepository(files: files)
            server = try ModelServer(script, in: repo.scratch + "/model")
            env = try RealAgents.environment(
                repository: repo, server: server, agents: agents, claudeMaxRetries: claudeMaxRetries,
                agentEnvironment: agentEnvironment, extra: extra)
        }

        /// A baton kept running here, fed line by line (for kills, waits on output).
        func live(_ arguments: [String] = []) throws -> LiveBaton { try LiveBaton(arguments, in: repo, environment: env) }

        /// Runs baton here with `input` piped (see ``RealCLI/run(_:input:in:environment:seconds:)``).
        func run(_ arguments: [String] = [], input: String, seconds: Double = 240) async throws -> (status: Int32, out: String) {
            try await RealCLI.run(arguments, input: input, in: repo, environment: env, seconds: seconds)
        }

        /// The one session baton made here.
        func session() throws -> String {
            try #require(repo.sessionIDs.count == 1, "expected one session: \(repo.sessionIDs)")
            return repo.sessionIDs[0]
        }

        /// `git show REF:PATH`, nil when it does not exist.
        func show(_ ref: String, _ path: String) -> String? { try? repo.git("show", "\(ref):\(path)") }
    }

    /// Runs baton with `input` piped to it (every line at once, then end of input) and
    /// returns everything it printed; fails when it does not exit within `seconds`.
    static func run(
        _ arguments: [String] = [], input: String, in repo: TestRepository, environment: BatonEnvironment,
        seconds: Double = 240
    ) async throws -> (status: Int32, out: String) {
        let baton = try LiveBaton(arguments, in: repo, environment: environment)
        defer { if baton.process.isRunning { baton.kill9() } }
        for line in input.split(separator: "\n", omittingEmptySubsequences: false).dropLast() { baton.send(String(line)) }
        baton.close()
        let status = await baton.waitForExit(seconds: seconds)
        dump(baton.text, arguments: arguments, in: repo)
        try #require(status != nil, "baton did not exit within \(Int(seconds)) s: \(baton.text)")
        return (status!, baton.text)
    }

    /// With `BATON_REALCLI_DUMP=DIR`, every run's transcript and the model requests so far
    /// are copied to DIR (to read what the real CLIs did after a test).
    static func dump(_ text: String, arguments: [String], in repo: TestRepository) {
        guard let dir = ProcessInfo.processInfo.environment["BATON_REALCLI_DUMP"], !dir.isEmpty else { return }
        let name =
            URL(fileURLWithPath: repo.scratch).deletingLastPathComponent().lastPathComponent
            + (arguments.first.map { "-" + $0 } ?? "")
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? text.write(toFile: dir + "/\(name).txt", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: dir + "/\(name).requests.jsonl")
        try? FileManager.default.copyItem(atPath: repo.scratch + "/model/model-requests.jsonl", toPath: dir + "/\(name).requests.jsonl")
    }

    /// The activity lines of `task` on `agent` (`[T1 codex ] …`: the tag is padded).
    static func lines(_ out: String, task: String, agent: String) -> [String] {
        out.split(separator: "\n").map(String.init).filter { $0.hasPrefix("[\(task) \(agent)") }
    }

    /// The text of every message of a logged request (to check what reached the model).
    static func text(of request: [String: Any]) -> String {
        guard let body = request["body"], let data = try? JSONSerialization.data(withJSONObject: body) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// One task of a plan (the planner's answer).
    static func task(_ id: String, _ title: String, scope: [String], deps: [String] = [], kind: String = "code") -> [String: Any] {
        [
            "id": id, "title": title, "kind": kind, "detail": "Do \(title.lowercased()).", "scope": scope,
            "avoid": [String](), "deps": deps, "acceptance": ["\(title) works"],
        ]
    }
}
