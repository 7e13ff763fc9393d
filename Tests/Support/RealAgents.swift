import Foundation

/// The real Claude Code and Codex CLIs, laid out by `scripts/install-deps --test`
/// (`scripts/real-agents`) under `${BATON_REAL_AGENTS:-${XDG_CACHE_HOME:-~/.cache}/baton-real-agents}`,
/// and the environment that runs them against a ``ModelServer``.
public enum RealAgents {
    /// Pinned versions; keep in step with scripts/real-agents.
    public static let claudeVersion = "2.1.327"
    public static let codexVersion = "0.163.0"
    /// A model codex knows (an unknown one prints a "Model metadata … not found" item and
    /// offers no apply_patch tool).
    public static let codexModel = "gpt-5.5"

    /// Claude Code's ACP adapter (a venv laid out by scripts/real-agents; its install may
    /// fail without failing the others: then its test is skipped, saying so).
    public static let claudeCodeAcpVersion = "0.5.1"
    public static var claudeCodeAcp: String { directory + "/claude-code-acp-\(claudeCodeAcpVersion)/bin/claude-code-acp" }
    public static var hasClaudeCodeAcp: Bool { FileManager.default.isExecutableFile(atPath: claudeCodeAcp) }

    /// mistral-vibe's ACP agent (a venv from a Python >= 3.12 laid out by scripts/real-agents;
    /// without such a Python its test is skipped, saying so).
    public static let vibeVersion = "3.0.3"
    public static var vibeAcp: String { directory + "/mistral-vibe-\(vibeVersion)/bin/vibe-acp" }
    public static var hasVibe: Bool { FileManager.default.isExecutableFile(atPath: vibeAcp) }
    /// The model vibe is configured with (any name: the scripted server answers them all).
    public static let vibeModel = "scripted-model"
    /// Aider (a venv laid out by scripts/real-agents; like the ACP adapter, a failed install
    /// skips its test, saying so), run against the server's chat completions as `openai/gpt-4o`.
    public static let aiderVersion = "0.86.2"
    public static let aiderModel = "openai/gpt-4o"
    public static var aiderDirectory: String { directory + "/aider-\(aiderVersion)" }
    public static var aider: String { aiderDirectory + "/bin/aider" }
    public static var hasAider: Bool {
        FileManager.default.isExecutableFile(atPath: aider) && FileManager.default.fileExists(atPath: aiderDirectory + "/.installed")
    }

    public static var directory: String {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["BATON_REAL_AGENTS"], !dir.isEmpty { return dir }
        let cache = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")
        return cache + "/baton-real-agents"
    }

    /// The executable of `agent` ("claude" or "codex"); throws, naming the fix, when it is
    /// not laid out — a test failure, never a skip.
    public static func binary(_ agent: String) throws -> String {
        let path: String
        switch agent {
        case "claude": path = directory + "/claude-\(claudeVersion)/claude"
        case "codex": path = directory + "/codex-\(codexVersion)/codex_cli_bin/bin/codex"
        case "claude-code-acp": path = claudeCodeAcp
        case "vibe-acp": path = vibeAcp
        case "aider": path = aider
        default: throw CommandFailure(description: "no real CLI named \(agent) (claude, codex, claude-code-acp, vibe-acp, aider)")
        }
        let fm = FileManager.default
        var missing = !fm.isExecutableFile(atPath: path)
        if agent == "codex" {
            missing =
                missing
                || !fm.isExecutableFile(
                    atPath: URL(fileURLWithPath: path).deletingLastPathComponent()
                        .deletingLastPathComponent().appendingPathComponent("codex-resources/bwrap").path)
        }
        if missing {
            throw CommandFailure(
                description:
                    "the real \(agent) CLI is not installed at \(path) — run scripts/install-deps --test (it fetches the pinned wheels with pip)"
            )
        }
        return path
    }

    /// The environment of a `baton` running the real `agents` against `server`: wrappers
    /// named `claude` / `codex` first on PATH (no stand-ins), each running its CLI with a
    /// private HOME and pointed at the server — claude through `ANTHROPIC_BASE_URL` and a
    /// dummy key (retries capped by `CLAUDE_CODE_MAX_RETRIES`, default 1), codex through a
    /// private `CODEX_HOME/config.toml` provider. `agentEnvironment` adds variables for the
    /// CLIs only; `extra` for baton.
    public static func environment(
        repository: TestRepository, server: ModelServer, agents: [String] = ["claude", "codex"],
        claudeMaxRetries: Int = 1, agentEnvironment: [String: String] = [:],
        extra: [String: String] = [:]
    ) throws -> BatonEnvironment {
        var env = try BatonEnvironment(repository: repository, agents: [], extra: extra)
        let root = repository.scratch + "/real"
        let bin = root + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for agent in agents {
            let home = root + "/home-" + agent
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            var vars = ["HOME": home]
            var arguments: [String] = []
            switch agent {
            case "claude", "claude-code-acp":
                vars.merge([
                    "ANTHROPIC_BASE_URL": server.baseURL, "ANTHROPIC_API_KEY": "dummy",
                    "DISABLE_TELEMETRY": "1", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
                    "DISABLE_AUTOUPDATER": "1", "CLAUDE_CODE_MAX_RETRIES": String(claudeMaxRetries),
                ]) { $1 }
            case "codex":
                let codexHome = home + "/.codex"
                try FileManager.default.createDirectory(atPath: codexHome, withIntermediateDirectories: true)
                try codexConfig(server).write(toFile: codexHome + "/config.toml", atomically: true, encoding: .utf8)
                vars.merge(["CODEX_HOME": codexHome, "BATON_SCRIPTED_KEY": "dummy"]) { $1 }
            case "vibe-acp":
                let vibeHome = home + "/.vibe"
                try FileManager.default.createDirectory(atPath: vibeHome, withIntermediateDirectories: true)
                try vibeConfig(server).write(toFile: vibeHome + "/config.toml", atomically: true, encoding: .utf8)
                vars.merge(["VIBE_HOME": vibeHome]) { $1 }
            case "aider":
                try seedAiderPrices(home: home)
                vars["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
                arguments = [
                    "--openai-api-base", server.baseURL + "/v1", "--openai-api-key", "dummy", "--model", aiderModel,
                    "--no-analytics", "--no-check-update", "--no-show-model-warnings", "--no-show-release-notes",
                ]
            default: break
            }
            vars.merge(agentEnvironment) { $1 }
            try wrapper(exec: try binary(agent), environment: vars, arguments: arguments)
                .write(toFile: bin + "/" + agent, atomically: true, encoding: .utf8)
            chmod(bin + "/" + agent, 0o755)
        }
        env.values["PATH"] = bin + ":" + (env.values["PATH"] ?? "")
        return env
    }

    /// Codex's configuration: the scripted server as its only model provider, no retries.
    public static func codexConfig(_ server: ModelServer) -> String {
        """
        model = "\(codexModel)"
        model_provider = "scripted"
        check_for_update_on_startup = false

        [model_providers.scripted]
        name = "scripted"
        base_url = "\(server.baseURL)/v1"
        wire_api = "responses"
        env_key = "BATON_SCRIPTED_KEY"
        request_max_retries = 0
        stream_max_retries = 0

        """
    }

    /// mistral-vibe's configuration: the scripted server as an OpenAI-style provider (chat
    /// completions), its model active, no telemetry or update checks.
    public static func vibeConfig(_ server: ModelServer) -> String {
        """
        active_model = "scripted"
        enable_telemetry = false
        enable_update_checks = false
        enable_auto_update = false

        [[providers]]
        name = "scripted"
        api_base = "\(server.baseURL)/v1"
        api_key_env_var = ""
        api_style = "openai"
        backend = "generic"

        [[models]]
        name = "\(vibeModel)"
        provider = "scripted"
        alias = "scripted"

        """
    }

    /// Aider fetches its model price list at start unless its cache holds one: seeded from
    /// the copy litellm bundles, so it never reaches the network.
    static func seedAiderPrices(home: String) throws {
        let lib = aiderDirectory + "/lib"
        let python = try FileManager.default.contentsOfDirectory(atPath: lib).first { $0.hasPrefix("python") }
        let bundled = lib + "/\(python ?? "python3")/site-packages/litellm/model_prices_and_context_window_backup.json"
        let caches = home + "/.aider/caches"
        try FileManager.default.createDirectory(atPath: caches, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: bundled, toPath: caches + "/model_prices_and_context_window.json")
    }

    /// A tiny sh wrapper: sets the CLI's environment, then execs it with `arguments` before
    /// Baton's (same pid, so Baton's signals reach the CLI itself).
    static func wrapper(exec binary: String, environment: [String: String], arguments: [String] = []) -> String {
        func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let exports = environment.sorted { $0.key < $1.key }.map { "export \($0.key)=\(quote($0.value))" }
        let exec = ([binary] + arguments).map(quote).joined(separator: " ")
        return (["#!/bin/sh"] + exports + ["exec \(exec) \"$@\""]).joined(separator: "\n") + "\n"
    }
}
