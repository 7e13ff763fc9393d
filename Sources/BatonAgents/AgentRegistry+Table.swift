import BatonCore

extension AgentRegistry {
    /// Column titles for the `/agents` table.
    public static let tableHeader = ["agent", "status", "version", "strengths", "cost", "speed", "runs"]

    /// One row per agent for `/agents`: name, `✓ available` or `missing — <how to install>`,
    /// version (`—` when unknown), strengths (task kinds · traits), cost (`$`…`$$$`),
    /// speed (slow/medium/fast), runs in progress out of its max (`1/3`).
    public func table(runsInProgress: [String: Int] = [:]) -> [[String]] {
        profiles.map { profile in
            let status: String
            if profile.isHuman {
                status = "✓ always"
            } else if isAvailable(profile.name) {
                status = "✓ available"
            } else {
                status = profile.install.isEmpty ? "missing" : "missing — \(profile.install)"
            }
            let version = statuses[profile.name]?.version ?? "—"
            var strengths = profile.strengths.map(\.rawValue).joined(separator: " ")
            if !profile.traits.isEmpty {
                strengths += " · " + profile.traits.map(\.rawValue).joined(separator: " ")
            }
            if profile.isHuman { strengths = "anything (last resort)" }
            let cost = String(repeating: "$", count: profile.costTier.rawValue)
            let speed = ["slow", "medium", "fast"][profile.speedTier.rawValue - 1]
            let runs = "\(runsInProgress[profile.name] ?? 0)/\(profile.maxParallel)"
            return [profile.name, status, version, strengths, cost, speed, runs]
        }
    }
}
