import Foundation
import Testing

@testable import BatonCore

@Suite struct AgentsConfigTests {
    let file = ".baton/agents.json"

    func parse(_ text: String) throws(AgentsConfigError) -> [AgentProfile] {
        try AgentsConfig.parse(data: text, file: file)
    }

    /// Parses `text`, expecting an error of `kind` at `line` on `field`; returns it.
    @discardableResult
    func expectError(
        _ text: String, _ kind: AgentsConfigError.Kind, line: Int, field: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> AgentsConfigError? {
        do {
            let profiles = try parse(text)
            Issue.record("expected \(kind), parsed \(profiles.map(\.name))", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
            #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
            #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("\(file):\(line): "), sourceLocation: sourceLocation)
            if let field {
                #expect(error.description.contains(field), sourceLocation: sourceLocation)
            }
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
            return error
        }
    }

    // MARK: valid files

    @Test func addsACommandAgent() throws {
        let profiles = try parse(
            """
            {"agents": {
              "my-agent": {"protocol": "command", "command": ["my-agent", "--msg", "{prompt}"],
                           "strengths": ["code", "test"], "traits": ["well-scoped"], "cost": 1,
                           "speed": 3, "max_parallel": 2, "model": "m-1", "args": ["--quiet"],
                           "install": "brew install my-agent", "planner": false}
            }}
            """)
        #expect(
            profiles == [
                AgentProfile(
                    name: "my-agent", protocol: .command, command: ["my-agent", "--msg", "{prompt}"],
                    strengths: [.code, .tests], traits: [.wellScoped], costTier: .one, speedTier: .three,
                    maxParallel: 2, model: "m-1", extraArguments: ["--quiet"],
                    install: "brew install my-agent", canPlan: false
                )
            ])
    }

    @Test func newCommandAgentGetsDefaults() throws {
        let p = try #require(try parse(#"{"agents": {"x": {"command": ["x", "{prompt_file}"]}}}"#).first)
        #expect(p.protocol == .command)
        #expect(p.strengths == [.code])
        #expect(p.costTier == .two && p.speedTier == .two && p.maxParallel == 1)
        #expect(p.executable == "x")
    }

    @Test func newAgentOnAnAdapterStartsFromItsBuiltin() throws {
        let p = try #require(try parse(#"{"agents": {"claude-opus": {"protocol": "claude", "model": "opus"}}}"#).first)
        var expected = BuiltinProfiles.claude
        expected.name = "claude-opus"
        expected.model = "opus"
        #expect(p == expected)
    }

    @Test func overrideChangesOnlyTheGivenFields() throws {
        let profiles = try parse(#"{"agents": {"claude": {"model": "opus", "max_parallel": 1}}}"#)
        var expected = BuiltinProfiles.claude
        expected.model = "opus"
        expected.maxParallel = 1
        #expect(profiles == [expected])
    }

    @Test func overrideHumanStrengthsIsAllowed() throws {
        let p = try #require(try parse(#"{"agents": {"human": {"protocol": "human", "cost": 3}}}"#).first)
        #expect(p.protocol == .human && p.costTier == .three)
    }

    @Test func modelNullResetsToDefault() throws {
        let builtins = [BuiltinProfiles.claude].map { p -> AgentProfile in
            var p = p
            p.model = "x"
            return p
        }
        let p = try AgentsConfig.parse(data: #"{"agents": {"claude": {"model": null}}}"#, file: file, builtins: builtins)
        #expect(p.first?.model == nil)
    }

    @Test func mergeReplacesInPlaceAndAppendsNew() throws {
        let overrides = try parse(
            """
            {"agents": {"codex": {"cost": 1}, "mine": {"command": ["mine", "{prompt}"]}}}
            """)
        let merged = AgentsConfig.merge(builtins: BuiltinProfiles.all, overrides: overrides)
        #expect(merged.map(\.name) == ["claude", "codex", "gemini", "aider", "opencode", "antigravity", "human", "mine"])
        #expect(merged[1].costTier == .one)
        #expect(merged[0] == BuiltinProfiles.claude)
    }

    @Test func emptyFileAndNoAgentsAreFine() throws {
        #expect(try parse("").isEmpty)
        #expect(try parse("  \n").isEmpty)
        #expect(try parse("{}").isEmpty)
        #expect(try parse(#"{"agents": {}}"#).isEmpty)
    }

    @Test func stringEscapesDecode() throws {
        let p = try parse(#"{"agents": {"x": {"command": ["x", "--m=\"{prompt}\"", "\u00e9\ud83d\ude00"]}}}"#)
        #expect(p.first?.command == ["x", "--m=\"{prompt}\"", "é😀"])
    }

    // MARK: every error, with file, line and field

    @Test func invalidJSONGivesTheLine() {
        let e = expectError(
            """
            {"agents": {
              "x": {"command": ["x", "{prompt}"]
              "y": {}
            }}
            """, .invalidJSON, line: 3, field: nil)
        #expect(e?.reason.contains("invalid JSON") == true)
        expectError("{\"agents\": {\n\"x\": {\"cost\": 01}}}", .invalidJSON, line: 2, field: nil)
        expectError("{\"agents\": {}}\n\nextra", .invalidJSON, line: 3, field: nil)
        expectError("{\"agents\": \"unterminated}", .invalidJSON, line: 1, field: nil)
        expectError("{\"agents\":\n{\"x\": tru}}", .invalidJSON, line: 2, field: nil)
    }

    @Test func topLevelMustBeAnObjectWithAgents() {
        expectError("[1, 2]", .notAnObject, line: 1, field: nil)
        expectError("{\n\"agent\": {}}", .unknownField, line: 2, field: "agent")
        expectError(#"{"agents": []}"#, .wrongType, line: 1, field: "agents")
        expectError("{\"agents\": {},\n\"agents\": {}}", .duplicateField, line: 2, field: "agents")
    }

    @Test func unknownProtocol() {
        let e = expectError(
            """
            {"agents": {
              "x": {
                "protocol": "claud",
                "command": ["x"]
              }
            }}
            """, .unknownProtocol, line: 3, field: "agents.x.protocol")
        #expect(e?.reason.contains("claude, codex, gemini, antigravity, aider, opencode, command") == true)
    }

    @Test func unknownField() {
        let e = expectError(
            """
            {"agents": {
              "claude": {"model": "opus",
                         "costs": 1}
            }}
            """, .unknownField, line: 3, field: "agents.claude.costs")
        #expect(e?.reason.contains("max_parallel") == true)
    }

    @Test func wrongTypes() {
        expectError(#"{"agents": {"claude": "opus"}}"#, .wrongType, line: 1, field: "agents.claude")
        expectError("{\"agents\": {\"x\": {\n\"command\": \"x {prompt}\"}}}", .wrongType, line: 2, field: "agents.x.command")
        expectError("{\"agents\": {\"x\": {\"command\": [\"x\",\n 3]}}}", .wrongType, line: 2, field: "agents.x.command")
        expectError(#"{"agents": {"claude": {"cost": "high"}}}"#, .wrongType, line: 1, field: "agents.claude.cost")
        expectError(#"{"agents": {"claude": {"max_parallel": 1.5}}}"#, .wrongType, line: 1, field: "agents.claude.max_parallel")
        expectError(#"{"agents": {"claude": {"model": 4}}}"#, .wrongType, line: 1, field: "agents.claude.model")
        expectError(#"{"agents": {"claude": {"args": "--x"}}}"#, .wrongType, line: 1, field: "agents.claude.args")
        expectError(#"{"agents": {"claude": {"planner": "yes"}}}"#, .wrongType, line: 1, field: "agents.claude.planner")
        expectError(#"{"agents": {"claude": {"install": ["npm"]}}}"#, .wrongType, line: 1, field: "agents.claude.install")
        expectError(#"{"agents": {"claude": {"protocol": 1}}}"#, .wrongType, line: 1, field: "agents.claude.protocol")
        // An adapter's command is its executable alone.
        expectError(#"{"agents": {"claude": {"command": ["claude", "-p"]}}}"#, .wrongType, line: 1, field: "agents.claude.command")
    }

    @Test func emptyCommand() {
        expectError("{\"agents\": {\n\"x\": {\"command\": []}}}", .emptyCommand, line: 2, field: "agents.x.command")
        expectError(#"{"agents": {"x": {"command": ["", "{prompt}"]}}}"#, .emptyCommand, line: 1, field: "agents.x.command")
        expectError(#"{"agents": {"codex": {"command": []}}}"#, .emptyCommand, line: 1, field: "agents.codex.command")
    }

    @Test func commandAgentNeedsCommand() {
        expectError("{\"agents\": {\n\"x\": {\"cost\": 1}}}", .missingField, line: 2, field: "agents.x.command")
    }

    @Test func commandProtocolNeedsAPromptPlaceholder() {
        let e = expectError(
            """
            {"agents": {
              "x": {"command": ["x", "{worktree}"]}
            }}
            """, .missingPlaceholder, line: 2, field: "agents.x.command")
        #expect(e?.reason.contains("{prompt}") == true)
        // Switching a built-in to the command protocol without a new command.
        expectError("{\"agents\": {\"aider\": {\n\"protocol\": \"command\"}}}", .missingPlaceholder, line: 2, field: "agents.aider.command")
    }

    @Test func unknownStrengthAndTrait() {
        let e = expectError(
            """
            {"agents": {"x": {"command": ["x", "{prompt}"],
                              "strengths": ["code",
                                            "frontend"]}}}
            """, .unknownStrength, line: 3, field: "agents.x.strengths")
        #expect(e?.reason.contains("code, refactor, tests, docs, research, ops") == true)
        expectError(#"{"agents": {"claude": {"traits": ["clever"]}}}"#, .unknownTrait, line: 1, field: "agents.claude.traits")
    }

    @Test func tiersOutOfRange() {
        expectError(#"{"agents": {"claude": {"cost": 4}}}"#, .tierOutOfRange, line: 1, field: "agents.claude.cost")
        expectError(#"{"agents": {"claude": {"cost": 0}}}"#, .tierOutOfRange, line: 1, field: "agents.claude.cost")
        let e = expectError("{\"agents\": {\"claude\": {\n\n\"speed\": 2.5}}}", .tierOutOfRange, line: 3, field: "agents.claude.speed")
        #expect(e?.reason == "must be 1, 2 or 3 (got 2.5)")
    }

    @Test func maxParallelBelowOne() {
        let e = expectError(
            #"{"agents": {"codex": {"max_parallel": 0}}}"#, .maxParallelTooSmall, line: 1, field: "agents.codex.max_parallel")
        #expect(e?.reason == "must be at least 1 (got 0)")
        expectError(#"{"agents": {"codex": {"max_parallel": -2}}}"#, .maxParallelTooSmall, line: 1, field: "agents.codex.max_parallel")
    }

    @Test func invalidNames() {
        expectError("{\"agents\": {\n\"My Agent\": {}}}", .invalidName, line: 2, field: "agents.My Agent")
        expectError(#"{"agents": {"": {}}}"#, .invalidName, line: 1, field: "agents.")
        expectError(#"{"agents": {"a.b": {}}}"#, .invalidName, line: 1, field: "agents.a.b")
    }

    @Test func humanProtocolIsProtected() {
        let e = expectError(
            "{\"agents\": {\"human\": {\n\"protocol\": \"command\", \"command\": [\"x\", \"{prompt}\"]}}}",
            .humanProtocol, line: 2, field: "agents.human.protocol")
        #expect(e?.reason.contains("cannot change") == true)
        expectError(#"{"agents": {"me": {"protocol": "human"}}}"#, .humanProtocol, line: 1, field: "agents.me.protocol")
        expectError(#"{"agents": {"human": {"command": ["me"]}}}"#, .humanProtocol, line: 1, field: "agents.human.command")
    }

    @Test func duplicates() {
        expectError("{\"agents\": {\"x\": {\"command\": [\"x\", \"{prompt}\"]},\n\"x\": {}}}", .duplicateField, line: 2, field: "agents.x")
        expectError("{\"agents\": {\"claude\": {\"cost\": 1,\n\"cost\": 2}}}", .duplicateField, line: 2, field: "agents.claude.cost")
    }

    @Test func messageReadsWell() {
        let e = expectError(#"{"agents": {"claude": {"cost": 5}}}"#, .tierOutOfRange, line: 1, field: "agents.claude.cost")
        #expect(e?.description == ".baton/agents.json:1: agents.claude.cost: must be 1, 2 or 3 (got 5)")
    }

    @Test func profilesRoundTripThroughCodable() throws {
        // The profile's Codable form uses the same field names as the file.
        let text =
            #"{"name":"x","protocol":"command","command":["x","{prompt}"],"strengths":["code"],"traits":["depth"],"cost":1,"speed":3,"max_parallel":2,"args":[],"install":"","planner":false}"#
        let decoded = try JSONDecoder().decode(AgentProfile.self, from: Data(text.utf8))
        #expect(decoded.costTier == .one && decoded.traits == [.depth] && decoded.maxParallel == 2)
    }
}

@Suite struct AgentsConfigSetupTests {
    @Test func setupCommandIsAnArgv() throws {
        let text = """
            {"agents": {"claude": {"max_parallel": 1}},
             "setup": ["npm", "ci", "--silent"]}
            """
        #expect(try AgentsConfig.setupCommand(data: text, file: ".baton/agents.json") == ["npm", "ci", "--silent"])
        #expect(try AgentsConfig.parse(data: text, file: ".baton/agents.json").map(\.name) == ["claude"], "setup is not an agent")
        #expect(try AgentsConfig.setupCommand(data: #"{"agents": {}}"#, file: "f") == nil)
    }

    @Test func badSetupIsOneClearError() {
        for (text, wanted) in [
            (#"{"setup": "npm ci"}"#, "must be a list of strings"),
            (#"{"setup": ["npm", 3]}"#, "must be a list of strings"),
            (#"{"setup": []}"#, "the command is empty"),
        ] {
            #expect(throws: AgentsConfigError.self) { try AgentsConfig.setupCommand(data: text, file: ".baton/agents.json") }
            do {
                _ = try AgentsConfig.setupCommand(data: text, file: ".baton/agents.json")
            } catch {
                #expect(
                    error.description.contains(".baton/agents.json:1") && error.description.contains("setup")
                        && error.description.contains(wanted), "\(error.description)")
            }
        }
    }
}
