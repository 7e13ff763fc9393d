import Foundation

extension RaceVerdict {
    /// The verdict in a judge's reply among `agents`: the whole reply, a ```json fence, or
    /// the outermost `{…}` holding `"pick"`. The pick (an agent, or a contestant id such as
    /// `T3.claude`) must be one of `agents`; nil when no valid verdict is there.
    public static func parse(_ reply: String, agents: [String]) -> RaceVerdict? {
        for object in ReplyJSON.objects(in: reply) {
            guard let raw = object["pick"] as? String, let pick = agent(named: raw, in: agents)
            else { continue }
            let reason = TerminalText.oneLine((object["reason"] as? String) ?? "", limit: 300)
            var ranking = ((object["ranking"] as? [Any]) ?? []).compactMap { ($0 as? String).flatMap { agent(named: $0, in: agents) } }
            ranking = ranking.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            if ranking.first != pick { ranking = [pick] + ranking.filter { $0 != pick } }
            for a in agents where !ranking.contains(a) { ranking.append(a) }
            return RaceVerdict(pick: pick, reason: reason, ranking: ranking)
        }
        return nil
    }

    /// `claude`, `Claude` or `T3.claude` → `claude` when it is one of `agents`.
    static func agent(named raw: String, in agents: [String]) -> String? {
        let name = raw.trimmingCharacters(in: .whitespaces)
        let bare = name.split(separator: ".").last.map(String.init) ?? name
        return agents.first { $0 == name || $0 == bare } ?? agents.first { $0.lowercased() == bare.lowercased() }
    }

    /// The JSON Schema of the judge's answer (claude's `--json-schema`).
    public static let schema = #"""
        {"type":"object","required":["pick","reason","ranking"],"properties":{"pick":{"type":"string"},"reason":{"type":"string"},"ranking":{"type":"array","items":{"type":"string"}}}}
        """#
}
