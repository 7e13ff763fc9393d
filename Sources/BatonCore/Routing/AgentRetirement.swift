/// Agent CLIs known to be retired upstream, and what replaces them (shown by `/agents` and
/// `baton doctor`; the profile keeps working for those who still run it).
public enum AgentRetirement {
    /// Retired agent → (date it stopped serving, its successor's profile and command).
    public static let known: [String: (date: String, successor: String, command: String)] = [
        "gemini": ("2026-06-18", "antigravity", "agy")
    ]

    /// `gemini CLI stopped serving on 2026-06-18 — its successor is antigravity (agy)`.
    public static func note(for agent: String) -> String? {
        guard let r = known[agent] else { return nil }
        return "\(agent) CLI stopped serving on \(r.date) upstream — its successor is \(r.successor) (\(r.command))"
    }
}
