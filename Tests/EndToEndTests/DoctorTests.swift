import BatonTestSupport
import Foundation
import Testing

/// `baton doctor` against the stand-in CLIs: on PATH or not, version, Baton's flags in their
/// help, login hints, and a live turn.
@Suite struct DoctorTests {
    static func doctor(_ arguments: [String] = [], extra: [String: String] = [:]) throws -> Command.Result {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo, agents: ["claude", "codex"], extra: extra)
        return try Command.run(Products.baton, ["doctor"] + arguments, in: repo.path, input: "", environment: env.values)
    }

    static func line(_ out: String, _ prefix: String) -> String? {
        out.split(separator: "\n").map(String.init).first { $0.hasPrefix(prefix) }
    }

    @Test func listsEachAgentWithVersionFlagsAndLogin() throws {
        let result = try Self.doctor()
        let out = result.stdout
        #expect(result.status == 0, "\(out)\(result.stderr)")
        let claude = try #require(Self.line(out, "claude "), "\(out)")
        #expect(claude.contains("✓ ") && claude.contains("· 2.1.109-standin (Claude Code) · Baton's flags are in its --help"), "\(claude)")
        let codex = try #require(Self.line(out, "codex "), "\(out)")
        #expect(codex.contains("codex-cli 0.163.0-standin · Baton's flags are in its --help"), "\(codex)")
        // The private HOME has no login and no key.
        #expect(out.contains("! no login found — run `claude` once and /login, or set ANTHROPIC_API_KEY"), "\(out)")
        #expect(out.contains("! no login found — run `codex login`, or set OPENAI_API_KEY"), "\(out)")
        let gemini = try #require(Self.line(out, "gemini "), "\(out)")
        #expect(gemini.contains("✗ not on PATH — "), "\(gemini)")
    }

    @Test func aFlagMissingFromTheHelpIsNamedAndFailsTheCheck() throws {
        let result = try Self.doctor(extra: ["BATON_STANDIN_HELP_WITHOUT": "--verbose", "ANTHROPIC_API_KEY": "k"])
        let out = result.stdout
        #expect(result.status == 1, "\(out)")
        #expect(
            out.contains(
                "! not in its --help: --verbose — this version may refuse Baton's turns; update it, or set \"args\" in .baton/agents.json"
            ), "\(out)")
        #expect(!out.contains("set ANTHROPIC_API_KEY"), "a key is set: \(out)")
        #expect(Self.line(out, "codex ")?.contains("Baton's flags are in its --help") == true, "\(out)")
    }

    @Test func liveRunsOneTinyTurnPerAgentAndSaysTheStreamParsed() throws {
        let result = try Self.doctor(["--live"])
        let out = result.stdout
        #expect(result.status == 0, "\(out)\(result.stderr)")
        let live = out.split(separator: "\n").filter { $0.contains("live turn ok · stream parsed") }
        #expect(live.count == 2, "claude and codex: \(out)")
    }
}
