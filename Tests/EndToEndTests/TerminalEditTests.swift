import BatonTestSupport
import Foundation
import Testing

/// `/edit` opens the whole plan in $EDITOR (a real terminal); errors reopen the editor.
@Suite struct TerminalEditTests {
    @Test(.enabled(if: TerminalSession.isAvailable)) func editWholePlanInEditorWithErrorThenFix() async throws {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo, agents: [])
        let state = repo.scratch
        let editor = state + "/fake-editor"
        try """
        #!/bin/sh
        n=$(cat "\(state)/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "\(state)/count"
        cp "$1" "\(state)/seen-$n"
        if [ $n = 1 ]; then
          sed -i 's/^after: T1$/after: T9/' "$1"
        else
          sed -i 's/^after: T9$/after: T1/; s/^## T2 .*/## T2 Renamed in the editor/' "$1"
        fi
        """.write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        var values = env.values
        values["EDITOR"] = editor
        values.removeValue(forKey: "VISUAL")
        let terminal = try TerminalSession([Products.baton, "--planner", "offline"], in: repo.path, environment: values)
        defer { terminal.kill() }
        #expect(try await poll { try terminal.screen().contains { $0.contains("Type a mission") } })
        try terminal.type("Add a login endpoint, then write tests for it")
        try terminal.keys("Enter")
        #expect(try await poll { try terminal.scrollback().contains { $0.contains("proposes 2 tasks") } })
        try terminal.type("/edit")
        try terminal.keys("Enter")
        #expect(try await poll { try terminal.scrollback().contains { $0.contains("~ T2 title") } })
        let second = try String(contentsOfFile: state + "/seen-2", encoding: .utf8)
        #expect(second.hasPrefix("# error:"), "the editor reopened with the error on top")
        #expect(second.contains("T9"))
        try terminal.type("/plan")
        try terminal.keys("Enter")
        #expect(try await poll { try terminal.scrollback().contains { $0.contains("Renamed in the editor") && $0.contains("after T1") } })
    }

    /// Baton in a terminal with one slow task started and `/wait` typed: the task runs until
    /// the file `goOn` exists.
    private func waitingOnASlowTask(_ repo: TestRepository, goOn: String) async throws -> TerminalSession {
        let env = try Review.environment(
            repo, plan: [Review.task("T1", "Slow task", scope: ["src/"])],
            turns: ["T1": [["wait_for": goOn, "write": ["src/a.txt": "a\n"]]]])
        let terminal = try TerminalSession([Products.baton], in: repo.path, environment: env.values)
        #expect(try await poll { try terminal.screen().contains { $0.contains("Type a mission") } })
        for (line, answer) in [("Slow task", "proposes 1 task"), ("/go", "started T1"), ("/wait", "/wait")] {
            try terminal.type(line)
            try terminal.keys("Enter")
            #expect(try await poll { try terminal.scrollback().contains { $0.contains(answer) } })
        }
        return terminal
    }

    /// Ctrl-C while /wait blocks stops the wait, not Baton (the task goes on).
    @Test(.enabled(if: TerminalSession.isAvailable)) func ctrlCStopsWaitingAndKeepsBaton() async throws {
        let repo = try TestRepository()
        let goOn = repo.scratch + "/go-on"
        let terminal = try await waitingOnASlowTask(repo, goOn: goOn)
        defer {
            terminal.kill()
            _ = FileManager.default.createFile(atPath: goOn, contents: Data())
        }
        try terminal.keys("C-c")
        #expect(try await poll { try terminal.scrollback().contains { $0.contains("stopped waiting · the tasks go on") } })
        try terminal.type("/status")
        try terminal.keys("Enter")
        #expect(try await poll { try terminal.scrollback().contains { $0.contains("T1") && $0.contains("running") } })
        #expect(try !terminal.paneDead(), "Baton is still there")
    }

    /// What is typed while a command runs appears once, on the next prompt line.
    @Test(.enabled(if: TerminalSession.isAvailable)) func typeAheadAppearsOnceOnTheNextPrompt() async throws {
        let repo = try TestRepository()
        let goOn = repo.scratch + "/go-on"
        let terminal = try await waitingOnASlowTask(repo, goOn: goOn)
        defer { terminal.kill() }
        try terminal.type("/note typed ahead")
        _ = FileManager.default.createFile(atPath: goOn, contents: Data())
        #expect(try await poll { try terminal.scrollback().contains { $0.contains("nothing is running") } })
        #expect(try await poll { try terminal.screen().last { !$0.isEmpty } == "baton ▸ /note typed ahead" })
        try terminal.keys("Enter")
        #expect(try await poll { try terminal.scrollback().contains { $0.contains("noted as D1") } })
        let echoes = try terminal.scrollback().filter { $0.contains("typed ahead") }
        #expect(echoes.count == 1, "typed once, shown once: \(echoes)")
    }
}
