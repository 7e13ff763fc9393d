import Testing

@testable import BatonAgents

@Suite struct AdapterTests {
    let options = TurnOptions(
        prompt: "## Task T2 — Verify", promptFile: "/s/T2.prompt.md", worktree: "/w/T2",
        sessionDir: "/repo/.baton/sessions/s1", model: "M")
    static let bypassWords = [
        "bypassPermissions", "--dangerously-skip-permissions", "danger-full-access",
        "--dangerously-bypass-approvals-and-sandbox", "yolo", "--yolo", "--auto",
    ]

    @Test func claudeFirstAndContinuation() {
        var o = options
        o.allowedTools = ["Edit", "Bash(git push origin HEAD)"]
        #expect(
            ClaudeAdapter().argv(firstTurn: o) == [
                "claude", "-p", "## Task T2 — Verify", "--output-format", "stream-json", "--verbose",
                "--permission-mode", "acceptEdits", "--allowedTools", "Edit,Bash(git push origin HEAD)", "--model", "M",
            ])
        #expect(
            ClaudeAdapter().argv(continuing: "sess-1", options) == [
                "claude", "-p", "## Task T2 — Verify", "--output-format", "stream-json", "--verbose",
                "--permission-mode", "acceptEdits", "--model", "M", "--resume", "sess-1",
            ])
    }

    @Test func codexFirstAndContinuation() {
        #expect(
            CodexAdapter().argv(firstTurn: options) == [
                "codex", "exec", "--json", "-s", "workspace-write", "--skip-git-repo-check", "-m", "M", "## Task T2 — Verify",
            ])
        #expect(
            CodexAdapter().argv(continuing: "0199-t", options) == [
                "codex", "exec", "--json", "-s", "workspace-write", "--skip-git-repo-check", "-m", "M",
                "resume", "0199-t", "## Task T2 — Verify",
            ])
    }

    @Test func geminiAiderOpencode() {
        var o = options
        o.model = nil
        #expect(
            GeminiAdapter().argv(firstTurn: o) == [
                "gemini", "-p", "## Task T2 — Verify", "-o", "stream-json", "--approval-mode", "auto_edit",
            ])
        #expect(
            GeminiAdapter().argv(continuing: "g-1", options) == [
                "gemini", "-p", "## Task T2 — Verify", "-o", "stream-json", "--approval-mode", "auto_edit", "-m", "M", "-r", "g-1",
            ])
        #expect(
            AiderAdapter().argv(firstTurn: options) == [
                "aider", "--message-file", "/s/T2.prompt.md", "--yes-always", "--no-stream", "--no-pretty", "--no-auto-commits",
                "--no-gitignore", "--edit-format", "diff", "--model", "M",
            ])
        // Without a prompt file (baton doctor's live turn), the prompt itself.
        var inline = options
        inline.promptFile = ""
        #expect(AiderAdapter().argv(firstTurn: inline).prefix(3) == ["aider", "--message", "## Task T2 — Verify"])
        // No session, but its chat history lives in the worktree: later turns restore it.
        #expect(
            AiderAdapter().argv(continuing: "x", options) == AiderAdapter().argv(firstTurn: options).prefix(10) + [
                "--restore-chat-history", "--model", "M",
            ])
        // The files changed so far go into its chat (its history does not say which were).
        var later = options
        later.changedFiles = ["notes.txt", "-odd.txt"]
        #expect(
            AiderAdapter().argv(continuing: "x", later).suffix(7) == [
                "--restore-chat-history", "--file", "notes.txt", "--file", "./-odd.txt", "--model", "M",
            ])
        var whole = options
        whole.extraArguments = ["--edit-format", "whole"]
        #expect(AiderAdapter().argv(firstTurn: whole).filter { $0 == "--edit-format" }.count == 1, "the profile's own edit format wins")
        #expect(AiderAdapter().environment["COLUMNS"] == "100000")
        #expect(
            OpencodeAdapter().argv(continuing: "ses_9", options) == [
                "opencode", "run", "--format", "json", "-m", "M", "-s", "ses_9", "## Task T2 — Verify",
            ])
    }

    @Test func noBypassFlagUnlessAllowed() {
        var o = options
        o.extraArguments = [
            "--dangerously-skip-permissions", "--permission-mode=bypassPermissions", "-s", "danger-full-access",
            "--yolo", "--approval-mode", "yolo", "--dangerously-bypass-approvals-and-sandbox", "--max-turns", "5",
        ]
        let adapters: [any AgentAdapter] = [ClaudeAdapter(), CodexAdapter(), GeminiAdapter(), OpencodeAdapter(), AiderAdapter()]
        for adapter in adapters {
            for argv in [adapter.argv(firstTurn: o), adapter.argv(continuing: "id", o)] {
                for word in Self.bypassWords {
                    #expect(!argv.contains(word), "\(adapter.name) passed \(word)")
                }
                #expect(!argv.contains { $0.contains("bypassPermissions") })
                #expect(argv.contains("--max-turns"))
            }
        }
        o.extraArguments = []
        o.allowPermissionBypass = true
        #expect(ClaudeAdapter().argv(firstTurn: o).contains("bypassPermissions"))
        #expect(CodexAdapter().argv(firstTurn: o).contains("danger-full-access"))
        #expect(GeminiAdapter().argv(firstTurn: o).contains("yolo"))
    }

    @Test func promptsStartingWithADashAreNotOptions() {
        let o = TurnOptions(prompt: "--help me")
        #expect(ClaudeAdapter().argv(firstTurn: o)[2] == " --help me")
        #expect(CodexAdapter().argv(firstTurn: o).last == " --help me")
    }

    @Test func genericTemplateSubstitutesOnce() {
        var o = options
        o.prompt = "use {worktree} literally"
        let adapter = GenericCommandAdapter(template: [
            "mytool", "--in={worktree}", "{prompt}", "-f", "{prompt_file}", "{session}/log", "{unknown}",
        ])
        #expect(
            adapter.argv(firstTurn: o) == [
                "mytool", "--in=/w/T2", "use {worktree} literally", "-f", "/s/T2.prompt.md",
                "/repo/.baton/sessions/s1/log", "{unknown}",
            ])
        #expect(!adapter.supportsResume)
    }

    @Test func adaptersByName() {
        #expect(AgentAdapters.adapter(named: "claude")?.name == "claude")
        #expect(AgentAdapters.adapter(named: "Codex")?.name == "codex")
        #expect(AgentAdapters.adapter(named: "human") == nil)
    }

    @Test func activitySummaries() {
        #expect(ActivitySummary.describe(toolName: "Bash", input: ["command": "swift test --filter X"]) == "running tests")
        #expect(ActivitySummary.describe(toolName: "Bash", input: ["command": "ls tests"]) == "running: ls tests")
        #expect(ActivitySummary.describe(toolName: "read_file", input: ["absolute_path": "/a/b.swift"]) == "reading /a/b.swift")
        #expect(ActivitySummary.describe(toolName: "Grep", input: ["pattern": "TODO"]) == "searching TODO")
        #expect(ActivitySummary.describe(command: "bash -lc 'pytest -q'") == "running tests")
        for path in ["src/a.swift", "", "/abs/b c.txt", "ü/" + String(repeating: "x", count: 90), "a\nb"] {
            #expect(ActivitySummary.editing(path) == ActivitySummary.describe(toolName: "edit", input: ["path": .string(path)]))
        }
        // Unwrapping a shell wrapper cuts whole characters, also next to non-ASCII text.
        #expect(ActivitySummary.unwrapShell("bash -lc 'ls'") == "ls")
        #expect(ActivitySummary.unwrapShell("sh -c \"écho ü\"") == "écho ü")
        #expect(ActivitySummary.unwrapShell("bash -c '\u{301}x'") == "'\u{301}x'")
        #expect(ActivitySummary.unwrapShell("bash -c \u{301}'x'") == "x")
        #expect(ActivitySummary.unwrapShell("bash -lc ''") == "")
        let long = ActivitySummary.describe(command: String(repeating: "x", count: 500) + "\u{1B}[2J")
        #expect(long.count <= ActivitySummary.limit)
        #expect(long.hasPrefix("running: x"))
    }
}
