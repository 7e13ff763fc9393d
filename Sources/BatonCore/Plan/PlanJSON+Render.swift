import Foundation

extension PlanJSON {
    /// The public plan JSON of `/plan --json` and `baton plan --json`:
    /// `{"mission","planner","tasks":[{"id","title","kind","detail","scope","avoid","deps",
    /// "route","route_reason","acceptance","status"}]}`, pretty printed with sorted keys.
    /// `route` and `route_reason` are `null` when unset; `status` comes from the caller.
    public static func render(mission: String, planner: String, tasks: [PlanTask], status: (String) -> String) -> String {
        let document = Document(
            mission: mission, planner: planner,
            tasks: tasks.map { PublicTask(task: $0, status: status($0.id)) }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document), let text = String(data: data, encoding: .utf8) else { return "{}" }
        // Foundation prints an empty array over three lines; `[]` reads better.
        return text.replacingOccurrences(of: #"\[\s*\n\s*\]"#, with: "[]", options: .regularExpression)
    }

    private struct Document: Encodable {
        var mission: String
        var planner: String
        var tasks: [PublicTask]
    }

    private struct PublicTask: Encodable {
        var task: PlanTask
        var status: String

        enum Keys: String, CodingKey {
            case id, title, kind, detail, scope, avoid, deps, route, acceptance, status
            case routeReason = "route_reason"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(task.id, forKey: .id)
            try c.encode(task.title, forKey: .title)
            try c.encode(task.kind.rawValue, forKey: .kind)
            try c.encode(task.detail, forKey: .detail)
            try c.encode(task.scope, forKey: .scope)
            try c.encode(task.avoid, forKey: .avoid)
            try c.encode(task.deps, forKey: .deps)
            try c.encode(task.route, forKey: .route)
            try c.encode(task.routeReason, forKey: .routeReason)
            try c.encode(task.acceptance, forKey: .acceptance)
            try c.encode(status, forKey: .status)
        }
    }
}
