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
