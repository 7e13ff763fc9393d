import BatonCore

/// Something an agent CLI sent that Baton does not know (the CLI changed under it): an
/// event type it has never seen, or a known event without a field Baton needs. Baton reads
/// what it can and goes on; the user is warned once per CLI version and kind (``key``).
public struct AgentDrift: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// An event whose `type` Baton does not know (or a line without a type).
        case unknownEvent = "unknown event"
        /// A known event without a field Baton needs.
        case missingField = "missing field"
    }

    /// The CLI (`claude`, `codex`).
    public var agent: String
    /// The CLI's version when its stream says it (claude's init line); else the runtime
    /// names the probed one.
    public var version: String?
    public var kind: Kind
    /// What was seen, ready to follow "sent": `an unknown event type X`, `a result without is_error`.
    public var detail: String

    public init(agent: String, version: String?, kind: Kind, detail: String) {
        self.agent = agent
        self.version = version
        self.kind = kind
        self.detail = detail
    }

    /// An unknown event type (`nil`: a line without a type).
    public static func unknownEvent(_ agent: String, version: String?, type: String?) -> AgentDrift {
        let what = type.map { "an unknown event type \(TerminalText.oneLine($0, limit: 40))" } ?? "a line without a type"
        return AgentDrift(agent: agent, version: version, kind: .unknownEvent, detail: what)
    }

    /// A `event` line without `field` (`a result without is_error`).
    public static func missingField(_ agent: String, version: String?, event: String, field: String) -> AgentDrift {
        let what = "\(article(event)) \(TerminalText.oneLine(event, limit: 40)) without \(field)"
        return AgentDrift(agent: agent, version: version, kind: .missingField, detail: what)
    }

    /// The version shown: the stream's, else `probed` (`codex (codex-cli 0.163.0)`), else
    /// `claude (version unknown)`.
    func named(probed: String?) -> String {
        if let version { return "\(agent) \(version)" }
        return "\(agent) (\(probed.map { TerminalText.oneLine($0, limit: 40) } ?? "version unknown"))"
    }

    /// The warning line: `claude 2.1.327 sent an unknown event type X — Baton skips it and reads the rest`.
    public func text(probedVersion: String? = nil) -> String {
        let rest = kind == .unknownEvent ? "Baton skips it and reads the rest" : "Baton reads what it can"
        return "\(named(probed: probedVersion)) sent \(detail) — \(rest)"
    }

    /// What makes two drifts the same warning: the CLI, its version and the kind.
    public func key(probedVersion: String? = nil) -> String {
        "drift: \(agent) \(version ?? probedVersion ?? "?") \(kind.rawValue)"
    }

    /// "a" or "an" before `word`.
    private static func article(_ word: String) -> String {
        "aeiou".contains(word.lowercased().first ?? "x") ? "an" : "a"
    }
}
