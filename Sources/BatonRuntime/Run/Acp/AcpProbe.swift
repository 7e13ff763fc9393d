import BatonAgents
import BatonCore
import Foundation

/// What ACP agents advertise (`initialize` capabilities, `session/new` modes), for `/agents`:
/// learned from each turn and kept in `.baton/acp-agents.json`, or asked of an agent that
/// has not run yet by starting it once (initialize and session/new in an empty folder).
public enum AcpProbe {
    /// Where the advertised capabilities are kept, relative to the repository root.
    public static let cachePath = ".baton/acp-agents.json"

    /// The capabilities of every ACP agent in `registry` that is installed: from the cache,
    /// else from a probe (at most `timeout` each, in parallel). Nil for one that did not answer.
    public static func capabilities(
        _ registry: AgentRegistry, repositoryRoot root: String, executor: any Executor = LocalExecutor(),
        timeout: Duration = .seconds(10)
    ) async -> [String: AcpAgentInfo] {
        var known = load(root: root)
        let missing = registry.profiles.filter { $0.protocol == .acp && registry.isAvailable($0.name) && known[$0.name] == nil }
        await withTaskGroup(of: (String, AcpAgentInfo?).self) { group in
            for profile in missing {
                guard let exe = executor.which(profile.command.first ?? "") else { continue }
                let argv = [exe] + profile.command.dropFirst() + profile.extraArguments
                group.addTask { (profile.name, await probe(argv, timeout: timeout)) }
            }
            for await (name, info) in group {
                if let info {
                    known[name] = info
                    store(info, agent: name, root: root)
                }
            }
        }
        return known.filter { name, _ in registry.profile(named: name)?.protocol == .acp }
    }

    /// Starts the agent in an empty folder, asks `initialize` and `session/new`, stops it.
    static func probe(_ argv: [String], timeout: Duration) async -> AcpAgentInfo? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-acp-probe-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard let piped = try? PipedProcess(argv, in: folder, stderr: folder + "/stderr", environment: nil) else { return nil }
        let connection = AcpConnection(
            process: piped, transcript: folder + "/transcript.jsonl", worktree: folder, onEvents: { _ in }, onRequest: { _ in })
        Task { await connection.readLoop() }
        let process = piped.process
        let watchdog = Task {
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { await LocalExecutor().stop(process) }
        }
        defer { watchdog.cancel() }
        var info: AcpAgentInfo?
        if case .success(let initialized) = await connection.call({ AcpClientMessages.initialize(id: $0) }) {
            var found = AcpAgentInfo.fromInitialize(initialized.value)
            if case .success(let created) = await connection.call({ AcpClientMessages.newSession(id: $0, cwd: folder) }) {
                found.modes = AcpAgentInfo.newSession(created.value)?.modes ?? []
            }
            info = found
        }
        piped.closeInput()
        await LocalExecutor().stop(process, grace: .seconds(2))
        _ = LocalExecutor().exitStatus(of: process)
        return info
    }

    /// The cached capabilities by agent name.
    public static func load(root: String) -> [String: AcpAgentInfo] {
        guard let data = FileManager.default.contents(atPath: root + "/" + cachePath),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        var out: [String: AcpAgentInfo] = [:]
        for (name, value) in object {
            guard let entry = value as? [String: Any] else { continue }
            out[name] = AcpAgentInfo(
                loadSession: entry["loadSession"] as? Bool ?? false, modes: entry["modes"] as? [String] ?? [],
                name: entry["name"] as? String, version: entry["version"] as? String)
        }
        return out
    }

    /// Remembers what `agent` advertised.
    static func store(_ info: AcpAgentInfo, agent: String, root: String) {
        let path = root + "/" + cachePath
        var object =
            (FileManager.default.contents(atPath: path).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }) ?? [:]
        var entry: [String: Any] = ["loadSession": info.loadSession, "modes": info.modes]
        if let name = info.name { entry["name"] = name }
        if let version = info.version { entry["version"] = version }
        object[agent] = entry
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        try? FileManager.default.createDirectory(atPath: root + "/.baton", withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
