import BatonCore
import BatonTestSupport
import Foundation

/// Reads a session's `events.jsonl` the way replay does (header skipped, a torn last line
/// dropped) and reduces it, so tests can compare Baton's state with git.
enum SessionFile {
    /// The events file of the repository's only (or first) session.
    static func path(_ repo: TestRepository) -> String? {
        repo.sessionIDs.first.map { repo.path + "/.baton/Sessions/\($0)/events.jsonl" }
    }

    /// Every whole record of the log, in order.
    static func records(_ path: String) -> [SessionRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if let last = lines.last, !last.isEmpty { lines.removeLast() }  // torn: never applied
        let decoder = JSONDecoder()
        return lines.dropFirst().compactMap { try? decoder.decode(SessionRecord.self, from: Data($0)) }
    }

    /// The session's state: `reduce` over its records, effects discarded.
    static func state(_ repo: TestRepository) -> SessionState? {
        guard let id = repo.sessionIDs.first, let path = path(repo) else { return nil }
        var state = SessionState(id: id)
        for r in records(path) { _ = reduce(into: &state, r.event, at: r.at) }
        return state
    }

    /// The session directory of the repository's first session.
    static func directory(_ repo: TestRepository) -> String? {
        repo.sessionIDs.first.map { repo.path + "/.baton/Sessions/\($0)" }
    }
}

/// Processes of agent runs, found through the `runs/<task>-<turn>.pid` files Baton writes.
enum AgentProcesses {
    /// (pid, process group) of every agent run still alive.
    static func alive(_ repo: TestRepository) -> [(pid: Int32, group: Int32)] {
        guard let dir = SessionFile.directory(repo).map({ $0 + "/runs" }),
            let names = try? FileManager.default.contentsOfDirectory(atPath: dir)
        else { return [] }
        return names.filter { $0.hasSuffix(".pid") }.compactMap { name in
            guard let text = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8),
                let pid = text.split(separator: " ").first.flatMap({ Int32($0) }),
                let group = processGroup(pid), !isZombie(pid)
            else { return nil }
            return (pid, group)
        }
    }

    /// Field 5 of /proc/<pid>/stat, nil when the process is gone.
    static func processGroup(_ pid: Int32) -> Int32? {
        statFields(pid).flatMap { $0.count > 2 ? Int32($0[2]) : nil }
    }

    static func isZombie(_ pid: Int32) -> Bool { statFields(pid)?.first == "Z" }

    /// Fields after the command name: state, ppid, pgrp, …
    private static func statFields(_ pid: Int32) -> [String]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        return text[text.index(after: close)...].split(separator: " ").map(String.init)
    }
}
