/// Reads one entry of `.baton/agents.json` into a profile, checking every field.
struct EntryReader {
    var file: String
    var builtins: [AgentProfile]

    func error(_ kind: AgentsConfigError.Kind, _ line: Int, _ field: String?, _ reason: String) -> AgentsConfigError {
        AgentsConfigError(kind: kind, file: file, line: line, field: field, reason: reason)
    }

    func profile(_ entry: LocatedJSON.Member) throws(AgentsConfigError) -> AgentProfile {
        let name = entry.key
        let path = "agents.\(name)"
        guard AgentsConfig.isValidName(name) else {
            throw error(
                .invalidName, entry.line, path,
                "agent names use only a-z, 0-9, _ and - (e.g. \"my-agent\")")
        }
        guard case .object(let members) = entry.value.value else {
            throw error(.wrongType, entry.line, path, "must be an object of settings (got \(entry.value.typeName))")
        }
        var seen: [String: LocatedJSON.Member] = [:]
        for member in members {
            guard AgentsConfig.fields.contains(member.key) else {
                throw error(
                    .unknownField, member.line, "\(path).\(member.key)",
                    "unknown field — fields are \(AgentsConfig.fields.joined(separator: ", "))")
            }
            guard seen[member.key] == nil else {
                throw error(.duplicateField, member.line, "\(path).\(member.key)", "given twice")
            }
            seen[member.key] = member
        }

        let builtin = builtins.first { $0.name == name }
        // Protocol first: it decides the base of a new agent.
        var proto = builtin?.protocol ?? .command
        if let m = seen["protocol"] {
            let text = try string(m, path)
            guard let parsed = AgentProtocol(rawValue: text) else {
                let known = AgentProtocol.configurable.map(\.rawValue).joined(separator: ", ")
                throw error(
                    .unknownProtocol, m.line, "\(path).protocol",
                    "unknown protocol \"\(text)\" — use one of \(known)")
            }
            if builtin?.protocol == .human, parsed != .human {
                throw error(
                    .humanProtocol, m.line, "\(path).protocol",
                    "the human agent's protocol cannot change — add a new agent instead")
            }
            if parsed == .human, builtin?.protocol != .human {
                throw error(
                    .humanProtocol, m.line, "\(path).protocol",
                    "protocol human is reserved for the built-in human agent")
            }
            proto = parsed
        }
        var p = builtin ?? AgentsConfig.newProfile(name: name, protocol: proto, builtins: builtins)
        p.protocol = proto

        if let m = seen["command"] {
            if proto == .human {
                throw error(
                    .humanProtocol, m.line, "\(path).command",
                    "the human agent has no command — the user does the task")
            }
            let argv = try strings(m, path)
            guard let first = argv.first, !first.isEmpty else {
                throw error(
                    .emptyCommand, m.line, "\(path).command",
                    "command is empty — give the executable first, e.g. [\"my-agent\", \"{prompt}\"]")
            }
            if proto != .command, proto != .acp, argv.count > 1 {
                throw error(
                    .wrongType, m.line, "\(path).command",
                    "for protocol \(proto.rawValue) command is the executable alone — put other arguments in \"args\"")
            }
            p.command = argv
        } else if proto == .acp, builtin?.protocol != .acp {
            throw error(
                .missingField, entry.line, "\(path).command",
                "an acp agent needs \"command\": how to start it in ACP mode, e.g. [\"goose\", \"acp\"]")
        } else if proto == .command, p.command.isEmpty {
            throw error(
                .missingField, entry.line, "\(path).command",
                "a command agent needs \"command\", e.g. [\"my-agent\", \"--msg\", \"{prompt}\"]")
        } else if proto != .command, builtin?.protocol != proto,
            let base = BuiltinProfiles.base(for: proto)
        {
            p.command = base.command  // protocol changed: use that adapter's executable
        }
        if proto == .command,
            !p.command.contains(where: { $0.contains("{prompt}") || $0.contains("{prompt_file}") })
        {
            let line = seen["command"]?.line ?? seen["protocol"]?.line ?? entry.line
            throw error(
                .missingPlaceholder, line, "\(path).command",
                "a command agent must receive the task: put {prompt} or {prompt_file} in its command")
        }
        if let m = seen["strengths"] {
            p.strengths = try strengths(m, path)
        }
        if let m = seen["traits"] {
            p.traits = try traits(m, path)
        }
        if let m = seen["cost"] { p.costTier = try tier(m, "\(path).cost") }
        if let m = seen["speed"] { p.speedTier = try tier(m, "\(path).speed") }
        if let m = seen["max_parallel"] {
            let field = "\(path).max_parallel"
            guard case .number(let n) = m.value.value, n == n.rounded(), abs(n) < 1e9 else {
                throw error(.wrongType, m.line, field, "must be a whole number (got \(m.value.typeName))")
            }
            guard n >= 1 else {
                throw error(.maxParallelTooSmall, m.line, field, "must be at least 1 (got \(Int(n)))")
            }
            p.maxParallel = Int(n)
        }
        if let m = seen["model"] {
            if case .null = m.value.value { p.model = nil } else { p.model = try string(m, path) }
        }
        if let m = seen["args"] { p.extraArguments = try strings(m, path) }
        if let m = seen["install"] { p.install = try string(m, path) }
        if let m = seen["planner"] {
            guard case .bool(let b) = m.value.value else {
                throw error(.wrongType, m.line, "\(path).planner", "must be true or false (got \(m.value.typeName))")
            }
            p.canPlan = b
        }
        if let m = seen["mode"] {
            guard proto == .acp else {
                throw error(
                    .wrongType, m.line, "\(path).mode",
                    "mode is the session mode of an acp agent (session/set_mode) — this agent's protocol is \(proto.rawValue)")
            }
            if case .null = m.value.value {
                p.mode = nil
            } else {
                let mode = try string(m, path)
                guard !mode.isEmpty, !mode.contains(where: \.isWhitespace) else {
                    throw error(.wrongType, m.line, "\(path).mode", "must be one mode id, e.g. \"ask\" (see /agents)")
                }
                p.mode = mode
            }
        }
        return p
    }

    func string(_ m: LocatedJSON.Member, _ path: String) throws(AgentsConfigError) -> String {
        guard case .string(let s) = m.value.value else {
            throw error(.wrongType, m.line, "\(path).\(m.key)", "must be a string (got \(m.value.typeName))")
        }
        return s
    }

    func strings(_ m: LocatedJSON.Member, _ path: String) throws(AgentsConfigError) -> [String] {
        let field = "\(path).\(m.key)"
        guard case .array(let items) = m.value.value else {
            throw error(.wrongType, m.line, field, "must be a list of strings (got \(m.value.typeName))")
        }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item.value else {
                throw error(.wrongType, item.line, field, "must be a list of strings (found \(item.typeName))")
            }
            out.append(s)
        }
        return out
    }

    func strengths(_ m: LocatedJSON.Member, _ path: String) throws(AgentsConfigError) -> [TaskKind] {
        let field = "\(path).strengths"
        let texts = try strings(m, path)
        guard case .array(let items) = m.value.value else { return [] }
        var out: [TaskKind] = []
        for (text, item) in zip(texts, items) {
            guard let kind = TaskKind(lenient: text) else {
                let known = TaskKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(.unknownStrength, item.line, field, "unknown task kind \"\(text)\" — use \(known)")
            }
            if !out.contains(kind) { out.append(kind) }
        }
        return out
    }

    func traits(_ m: LocatedJSON.Member, _ path: String) throws(AgentsConfigError) -> [TaskTrait] {
        let field = "\(path).traits"
        let texts = try strings(m, path)
        guard case .array(let items) = m.value.value else { return [] }
        var out: [TaskTrait] = []
        for (text, item) in zip(texts, items) {
            guard let trait = TaskTrait(rawValue: text) else {
                let known = TaskTrait.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(.unknownTrait, item.line, field, "unknown trait \"\(text)\" — use \(known)")
            }
            if !out.contains(trait) { out.append(trait) }
        }
        return out
    }

    func tier(_ m: LocatedJSON.Member, _ field: String) throws(AgentsConfigError) -> Tier {
        guard case .number(let n) = m.value.value else {
            throw error(.wrongType, m.line, field, "must be 1, 2 or 3 (got \(m.value.typeName))")
        }
        guard n == n.rounded(), let tier = Tier(rawValue: Int(exactly: n) ?? 0) else {
            let shown = n == n.rounded() && abs(n) < 1e9 ? String(Int(n)) : String(n)
            throw error(.tierOutOfRange, m.line, field, "must be 1, 2 or 3 (got \(shown))")
        }
        return tier
    }
}
