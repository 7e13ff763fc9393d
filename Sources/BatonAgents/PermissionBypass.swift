#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// When agents may skip their permission checks. Claude Code refuses
/// `--dangerously-skip-permissions` / `bypassPermissions` when run as root, so under root its
/// tasks keep their checks (denials still become decisions) while other agents bypass.
public enum PermissionBypass {
    /// Agents that refuse a bypass when run as root.
    public static let refusedUnderRoot: Set<String> = ["claude"]

    /// True when Baton (and so every agent it spawns) runs as root.
    public static var runningAsRoot: Bool { geteuid() == 0 }

    /// What `/permissions bypass on` does.
    public enum Verdict: Equatable, Sendable {
        case allowed
        /// Allowed, with a warning to show first (some agents will not bypass).
        case partly(warning: String)
        /// Pointless: no available agent would bypass; the reason, in one line.
        case refused(String)
    }

    /// The verdict for turning bypass on, given the available agents (the human aside).
    public static func verdict(agents: [String], runningAsRoot: Bool) -> Verdict {
        let names = Set(agents.map { $0.lowercased() }).subtracting(["human"])
        let refusing = names.intersection(refusedUnderRoot).sorted()
        guard runningAsRoot, !refusing.isEmpty else { return .allowed }
        let who = refusing.joined(separator: ", ")
        if names.subtracting(refusedUnderRoot).isEmpty {
            return .refused(
                "\(who) refuses to skip its permission checks when run as root, and no other agent is available — bypass stays off; answer its permission decisions, or run baton as a normal user"
            )
        }
        return .partly(
            warning:
                "running as root: \(who) refuses to skip its permission checks, so \(who) tasks keep them (their denials still become decisions); the other agents bypass"
        )
    }

    /// True when `agent` may be given its bypass flags: the user allowed it and the agent
    /// accepts them in this environment.
    public static func applies(to agent: String, allowed: Bool, runningAsRoot: Bool) -> Bool {
        allowed && !(runningAsRoot && refusedUnderRoot.contains(agent.lowercased()))
    }
}
