/// One check a task's work must pass before it can merge: a command run without a shell in
/// the task's worktree (or the integration worktree after a merge).
public struct CheckSpec: Codable, Equatable, Sendable {
    /// Short name shown in lines: `test`, `build`, `lint`, or the name agents.json gives.
    public var name: String
    /// The command and its arguments.
    public var argv: [String]
    /// The folder to run it in, relative to the worktree root ("" for the root).
    public var directory: String
    /// Seconds before the check is stopped and counted as failed.
    public var timeoutSeconds: Double
    /// Where it came from: the manifest (`Package.swift`) or `.baton/agents.json`.
    public var source: String

    /// Fifteen minutes.
    public static let defaultTimeout: Double = 15 * 60

    public init(name: String, argv: [String], directory: String = "", timeoutSeconds: Double = CheckSpec.defaultTimeout, source: String) {
        self.name = name
        self.argv = argv
        self.directory = directory
        self.timeoutSeconds = timeoutSeconds
        self.source = source
    }

    /// `swift test`, or `(in web/) pnpm test`.
    public var display: String {
        (directory.isEmpty ? "" : "(in \(directory)/) ") + argv.joined(separator: " ")
    }

    /// The checks of a repository map (``ProjectChecks/detect(paths:read:)``): build first, then
    /// test, then lint; a name repeated in another folder gets the folder in front (`web test`).
    public static func from(detected: [ProjectCheck]) -> [CheckSpec] {
        let order: [ProjectCheck.Kind] = [.build, .test, .lint]
        let sorted = detected.enumerated().sorted { a, b in
            let (x, y) = (order.firstIndex(of: a.element.kind) ?? 0, order.firstIndex(of: b.element.kind) ?? 0)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        var names: Set<String> = []
        return sorted.map { check in
            var name = check.kind.rawValue
            if !names.insert(name).inserted, !check.directory.isEmpty {
                name = check.directory + " " + name
                names.insert(name)
            }
            return CheckSpec(name: name, argv: check.argv, directory: check.directory, source: check.source)
        }
    }

    /// Command prefixes an agent may run without asking (`swift test`, `npm test`): the
    /// checks' own commands, so an agent running the tests never becomes a permission decision.
    public static func allowedToolPatterns(_ checks: [CheckSpec]) -> [String] {
        var seen: Set<String> = []
        return checks.compactMap { c in
            let prefix = c.argv.prefix(2).joined(separator: " ")
            guard !prefix.isEmpty, seen.insert(prefix).inserted else { return nil }
            return "Bash(\(prefix):*)"
        }
    }
}
