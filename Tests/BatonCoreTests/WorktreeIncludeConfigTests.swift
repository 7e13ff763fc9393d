import Testing

@testable import BatonCore

/// `"include"` and `"include_mode"` in `.baton/agents.json`, and `.worktreeinclude`.
@Suite struct WorktreeIncludeConfigTests {
    let file = ".baton/agents.json"

    @Test func includeAndModeAreRead() throws {
        let text = "{\n  \"include\": [\".env\", \"config/local/*\"],\n  \"include_mode\": \"symlink\"\n}"
        let include = try AgentsConfig.worktreeInclude(data: text, file: file)
        #expect(include == WorktreeInclude(patterns: [".env", "config/local/*"], mode: .symlink))
        // The agents parser accepts the fields too.
        #expect(try AgentsConfig.parse(data: text, file: file).isEmpty)
        #expect(try AgentsConfig.worktreeInclude(data: #"{"include": [".env"]}"#, file: file)?.mode == .copy)
        #expect(try AgentsConfig.worktreeInclude(data: #"{"agents": {}}"#, file: file) == nil)
    }

    @Test func mistakesNameFileLineAndField() {
        let cases: [(String, String)] = [
            (
                "{\n  \"include\": \".env\"\n}",
                ".baton/agents.json:2: include: must be a list of gitignore patterns, e.g. [\".env\", \"config/local/*\"]"
            ),
            (
                "{\n  \"include\": [\".env\",\n    \"../secrets\"]\n}",
                ".baton/agents.json:3: include: \"../secrets\" is not a path inside the repository — give patterns like \".env\""
            ),
            (
                "{\n  \"include\": [\".env\"],\n  \"include_mode\": \"hardlink\"\n}",
                ".baton/agents.json:3: include_mode: must be \"copy\" or \"symlink\""
            ),
        ]
        for (text, message) in cases {
            #expect(throws: AgentsConfigError.self) { try AgentsConfig.worktreeInclude(data: text, file: file) }
            do { _ = try AgentsConfig.worktreeInclude(data: text, file: file) } catch { #expect(error.description == message) }
        }
    }

    @Test func worktreeincludeIsGitignoreLines() {
        #expect(
            WorktreeInclude.patterns(worktreeinclude: "# local files\n.env\n\n  config/local/*  \n!config/local/keep\n")
                == [".env", "config/local/*", "!config/local/keep"])
    }

    @Test func sparseIsABoolean() throws {
        #expect(try AgentsConfig.sparseCheckout(data: #"{"sparse": true}"#, file: file))
        #expect(try !AgentsConfig.sparseCheckout(data: #"{"agents": {}}"#, file: file))
        #expect(try AgentsConfig.parse(data: #"{"sparse": true}"#, file: file).isEmpty)
        do {
            _ = try AgentsConfig.sparseCheckout(data: "{\n  \"sparse\": \"yes\"\n}", file: file)
            Issue.record("accepted a string")
        } catch {
            #expect(error.description == ".baton/agents.json:2: sparse: must be true or false")
        }
    }
}
