/// The repository's agent configuration, `.baton/agents.json`:
/// ```json
/// {"agents": {
///   "mine":   {"protocol": "command", "command": ["my-agent", "--msg", "{prompt}"],
///              "strengths": ["code"], "cost": 1, "speed": 2, "max_parallel": 2},
///   "claude": {"model": "opus", "max_parallel": 1}
/// }}
/// ```
/// A built-in name overrides only the fields given; a new name adds an agent. Fields:
/// protocol, command, strengths, traits, cost, speed, max_parallel, model, args, install,
/// planner, mode (acp: the session mode to set). Pure: the caller reads the file.
public enum AgentsConfig {
    /// Every field an agent entry may have.
    public static let fields = [
        "protocol", "command", "strengths", "traits", "cost", "speed", "max_parallel",
        "model", "args", "install", "planner", "mode",
    ]

    /// Placeholders the argv template of a `command` agent may use.
    public static let placeholders = ["{prompt}", "{prompt_file}", "{worktree}", "{session}"]

    /// Parses `data` (the text of `file`) into complete profiles: each override applied to
    /// its built-in profile, each new agent filled from defaults. In file order.
    public static func parse(
        data: String, file: String, builtins: [AgentProfile] = BuiltinProfiles.all
    ) throws(AgentsConfigError) -> [AgentProfile] {
        if data.allSatisfy(\.isWhitespace) { return [] }
        let root: LocatedJSON
        do {
            root = try LocatedJSON.parse(data)
        } catch {
            throw AgentsConfigError(
                kind: .invalidJSON, file: file, line: error.line, field: nil,
                reason: "invalid JSON: \(error.message)"
            )
        }
        guard case .object(let top) = root.value else {
            throw AgentsConfigError(
                kind: .notAnObject, file: file, line: root.line, field: nil,
                reason: "expected an object like {\"agents\": {…}} (got \(root.typeName))"
            )
        }
        let reader = EntryReader(file: file, builtins: builtins)
        var seenTop: Set<String> = []
        var profiles: [AgentProfile] = []
        for member in top {
            if ["setup", "checks", "prices"].contains(member.key) { continue }  // read by setupCommand / checks(data:file:) / prices
            if ["include", "include_mode", "sparse"].contains(member.key) { continue }  // read by worktreeInclude / sparseCheckout
            guard member.key == "agents" else {
                throw reader.error(
                    .unknownField, member.line, member.key,
                    "unknown field — the file has the fields \"agents\", \"setup\", \"checks\", \"prices\", \"include\", \"include_mode\" and \"sparse\""
                )
            }
            guard seenTop.insert(member.key).inserted else {
                throw reader.error(.duplicateField, member.line, member.key, "given twice")
            }
            guard case .object(let entries) = member.value.value else {
                throw reader.error(
                    .wrongType, member.line, "agents",
                    "must be an object of agent name → settings (got \(member.value.typeName))")
            }
            var names: Set<String> = []
            for entry in entries {
                guard names.insert(entry.key).inserted else {
                    throw reader.error(
                        .duplicateField, entry.line, "agents.\(entry.key)",
                        "agent given twice — merge the two entries")
                }
                profiles.append(try reader.profile(entry))
            }
        }
        return profiles
    }

    /// The optional per-worktree setup command, `"setup": ["npm", "ci"]`: an argv run in every
    /// new task worktree before its agent starts (`.baton/setup`, an executable file, wins).
    public static func setupCommand(data: String, file: String) throws(AgentsConfigError) -> [String]? {
        guard !data.allSatisfy(\.isWhitespace) else { return nil }
        let root: LocatedJSON
        do { root = try LocatedJSON.parse(data) } catch {
            throw AgentsConfigError(kind: .invalidJSON, file: file, line: error.line, field: nil, reason: "invalid JSON: \(error.message)")
        }
        guard case .object(let top) = root.value, let member = top.first(where: { $0.key == "setup" }) else { return nil }
        let wrong = AgentsConfigError(
            kind: .wrongType, file: file, line: member.line, field: "setup",
            reason: "must be a list of strings, the command and its arguments, e.g. [\"npm\", \"ci\"]")
        guard case .array(let items) = member.value.value else { throw wrong }
        var argv: [String] = []
        for item in items {
            guard case .string(let text) = item.value else { throw wrong }
            argv.append(text)
        }
        guard let first = argv.first, !first.isEmpty else {
            throw AgentsConfigError(kind: .emptyCommand, file: file, line: member.line, field: "setup", reason: "the command is empty")
        }
        return argv
    }

    /// Built-ins with `overrides` applied: a profile with a built-in's name replaces it in
    /// place; other profiles are appended in order.
    public static func merge(builtins: [AgentProfile], overrides: [AgentProfile]) -> [AgentProfile] {
        var result = builtins
        for profile in overrides {
            if let index = result.firstIndex(where: { $0.name == profile.name }) {
                result[index] = profile
            } else {
                result.append(profile)
            }
        }
        return result
    }

    /// True when `name` matches `[a-z0-9_-]+`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            }
    }

    /// The profile a new agent named `name` on `protocol` starts from.
    static func newProfile(name: String, protocol: AgentProtocol, builtins: [AgentProfile]) -> AgentProfile {
        if `protocol` != .command,
            var base = builtins.first(where: { $0.protocol == `protocol` })
                ?? BuiltinProfiles.base(for: `protocol`)
        {
            base.name = name
            return base
        }
        return AgentProfile(
            name: name, protocol: `protocol`, command: [], strengths: [.code], traits: [],
            costTier: .two, speedTier: .two, maxParallel: 1,
            install: "see .baton/agents.json"
        )
    }
}

extension AgentsConfig {
    /// The optional `"prices": {"MODEL": {"input": 1.25, "cached_input": 0.125, "output": 10}}`
    /// (USD per million tokens; `cached_input` defaults to `input`).
    public static func prices(data: String, file: String) throws(AgentsConfigError) -> [String: ModelPrice] {
        guard !data.allSatisfy(\.isWhitespace) else { return [:] }
        let root: LocatedJSON
        do { root = try LocatedJSON.parse(data) } catch {
            throw AgentsConfigError(kind: .invalidJSON, file: file, line: error.line, field: nil, reason: "invalid JSON: \(error.message)")
        }
        guard case .object(let top) = root.value, let member = top.first(where: { $0.key == "prices" }) else { return [:] }
        let example = "e.g. \"prices\": {\"gpt-5-codex\": {\"input\": 1.25, \"cached_input\": 0.125, \"output\": 10}}"
        guard case .object(let models) = member.value.value else {
            throw AgentsConfigError(
                kind: .wrongType, file: file, line: member.line, field: "prices",
                reason: "must be an object of model → prices per million tokens, \(example)")
        }
        var result: [String: ModelPrice] = [:]
        for model in models {
            var numbers: [String: Double] = [:]
            let field = "prices.\(model.key)"
            guard case .object(let members) = model.value.value else {
                throw AgentsConfigError(
                    kind: .wrongType, file: file, line: model.line, field: field, reason: "must be an object, \(example)")
            }
            for m in members {
                guard ["input", "cached_input", "output"].contains(m.key) else {
                    throw AgentsConfigError(
                        kind: .unknownField, file: file, line: m.line, field: "\(field).\(m.key)",
                        reason: "unknown field — a price has \"input\", \"cached_input\" and \"output\" (USD per million tokens)")
                }
                guard case .number(let n) = m.value.value, n >= 0 else {
                    throw AgentsConfigError(
                        kind: .wrongType, file: file, line: m.line, field: "\(field).\(m.key)",
                        reason: "must be a number of dollars per million tokens, at least 0")
                }
                numbers[m.key] = n
            }
            guard let input = numbers["input"], let output = numbers["output"] else {
                throw AgentsConfigError(
                    kind: .missingField, file: file, line: model.line, field: field, reason: "needs \"input\" and \"output\", \(example)")
            }
            result[model.key] = ModelPrice(input: input, cachedInput: numbers["cached_input"] ?? input, output: output)
        }
        return result
    }
}

extension AgentsConfig {
    /// Notes in `sources` which agent fields (and which model prices) `data` sets, as coming
    /// from `file` (a later file overwrites an earlier one's entry). Invalid JSON adds nothing
    /// (`parse` reports it).
    public static func record(sources: inout [String: [String: String]], data: String, file: String) {
        guard let root = try? LocatedJSON.parse(data), case .object(let top) = root.value else { return }
        for member in top {
            guard member.key == "agents" || member.key == "prices", case .object(let entries) = member.value.value else { continue }
            for entry in entries {
                if member.key == "prices" {
                    sources["prices", default: [:]][entry.key] = file
                } else if case .object(let fields) = entry.value.value {
                    for field in fields { sources[entry.key, default: [:]][field.key] = file }
                }
            }
        }
    }
}
