import Foundation

/// Where a session's runs keep their files (Sessions/README.md "runs/"): the one place
/// that spells the layout `Sessions/<id>/runs/T2-3.jsonl`, `.err`, `.pid`, `.prompt.md`.
public struct RunFiles: Sendable, Equatable {
    /// `<session directory>/runs`.
    public let directory: String

    public init(sessionDirectory: String) {
        directory = sessionDirectory + "/runs"
    }

    /// The files of one turn of one task.
    public struct Turn: Sendable, Equatable {
        /// The path without extension: `<runs>/T2-3`.
        public let stem: String
        /// The agent's stdout (its JSON stream): `T2-3.jsonl`.
        public var stream: String { stem + ".jsonl" }
        /// Its stderr: `T2-3.err`.
        public var stderr: String { stem + ".err" }
        /// `<pid> <start time>`, written right after the spawn: the crash-recovery record of a
        /// turn started just before Baton stopped.
        public var pid: String { stem + ".pid" }
        /// The prompt given to the agent: `T2-3.prompt.md`.
        public var prompt: String { stem + ".prompt.md" }
    }

    /// The files of turn `turn` of `task`.
    public func turn(_ turn: Int, of task: String) -> Turn {
        Turn(stem: "\(directory)/\(task)-\(turn)")
    }

    /// The files through which a task's MCP server (`baton-mcp`) talks to the session: the
    /// agent's mid-turn calls (`T2.mcp.jsonl`), their answers (`T2.mcp/<call id>.json`) and the
    /// MCP configuration given to claude (`T2.mcp-config.json`).
    public struct AgentCalls: Sendable, Equatable {
        public let stem: String
        /// One ``AgentCall`` per line, appended by the MCP process.
        public var calls: String { stem + ".mcp.jsonl" }
        /// The folder of answers.
        public var answers: String { stem + ".mcp" }
        /// The answer to call `id`, written by the process that owns the session.
        public func answer(_ id: String) -> String { answers + "/" + id + ".json" }
        /// claude's `--mcp-config` file.
        public var config: String { stem + ".mcp-config.json" }
    }

    /// The MCP files of `task` (one set per task: a call outlives the turn that made it).
    public func agentCalls(of task: String) -> AgentCalls {
        AgentCalls(stem: "\(directory)/\(task)")
    }

    /// A fresh stem for a one-shot command (the planner, the PR writer, a setup run):
    /// `<runs>/<tag>-<unique>`.
    public func scratch(_ tag: String) -> String {
        Self.scratch(tag, in: directory)
    }

    /// A fresh stem `<directory>/<tag>-<unique>` for a one-shot command's files.
    public static func scratch(_ tag: String, in directory: String) -> String {
        "\(directory)/\(tag)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Creates the folder (0700) if needed.
    public func create() throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}

/// What a turn's pid file says: the process, as ``RunFiles/Turn/pid`` recorded it.
extension RunFiles.Turn {
    /// Writes `<pid> <start time>` (0 for an unknown start time).
    public func writePid(_ process: SpawnedProcess) throws {
        try PrivateFile.write("\(process.pid) \(process.startTime ?? 0)\n", to: pid)
    }

    /// The process the pid file names, or nil when there is none (or it is unreadable).
    public func readPid() -> SpawnedProcess? {
        guard let data = FileManager.default.contents(atPath: pid) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == " " || $0.isNewline })
        guard let pid = parts.first.flatMap({ Int32($0) }) else { return nil }
        let start = parts.count > 1 ? UInt64(parts[1]) : nil
        return SpawnedProcess(pid: pid, startTime: start == 0 ? nil : start)
    }
}
