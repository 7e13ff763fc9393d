import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Finds the processes a test started by their environment, whatever they became: every
/// `baton` a test runs, and every stand-in agent and tmux server under it, inherits the
/// test's variables (`BATON_STANDIN_STATE` names the test repository's scratch folder).
public enum ProcessSweep {
    /// Live processes (not this one, not zombies) whose environment has an entry starting
    /// with `prefix` (e.g. `BATON_STANDIN_STATE=/tmp/baton-test-1a2b/`).
    public static func pids(environmentPrefix prefix: String) -> [pid_t] {
        let wanted = Array(prefix.utf8)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> pid_t? in
            guard let pid = pid_t(name), pid != getpid(),
                let environ = FileManager.default.contents(atPath: "/proc/\(name)/environ"),
                environ.split(separator: 0).contains(where: { $0.starts(with: wanted) }),
                !isZombie(name)
            else { return nil }
            return pid
        }
    }

    /// SIGKILLs every process `pids(environmentPrefix:)` finds; returns how many there were.
    @discardableResult
    public static func killAll(environmentPrefix prefix: String) -> Int {
        let found = pids(environmentPrefix: prefix)
        for pid in found { kill(pid, SIGKILL) }
        return found.count
    }

    private static func isZombie(_ name: String) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }
}
