import BatonRuntime
import BatonTestSupport
import Foundation
import Testing

/// The pager and the editor run as real programs (small scripts standing in for less and vi).
@Suite struct TerminalHostTests {
    private func script(_ dir: String, _ name: String, _ body: String) throws -> String {
        let path = dir + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    @Test func thePagerGetsTheTextOnItsInput() async throws {
        let repo = try TestRepository()
        let out = repo.scratch + "/paged.txt"
        let pager = try script(repo.scratch, "mypager", "cat > '\(out)'")
        let host = TerminalHost(environment: ["PAGER": pager + " -R", "PATH": "/usr/bin:/bin"])
        #expect(await host.page("line 1\nline 2\n"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "line 1\nline 2\n")
    }

    @Test func aPagerThatIsMissingOrFailsSaysSo() async throws {
        let repo = try TestRepository()
        let failing = try script(repo.scratch, "badpager", "cat > /dev/null; exit 2")
        #expect(!(await TerminalHost(environment: ["PAGER": "no-such-pager-xyz", "PATH": "/usr/bin:/bin"]).page("x")))
        #expect(!(await TerminalHost(environment: ["PAGER": failing, "PATH": "/usr/bin:/bin"]).page("x")))
    }

    @Test func theEditorEditsTheFileAndAMissingOneIsAnError() async throws {
        let repo = try TestRepository()
        let editor = try script(repo.scratch, "myeditor", "echo edited >> \"$1\"")
        let file = repo.scratch + "/plan.txt"
        try "plan\n".write(toFile: file, atomically: true, encoding: .utf8)
        try await TerminalHost(environment: ["VISUAL": "", "EDITOR": editor, "PATH": "/usr/bin:/bin"]).edit(file)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "plan\nedited\n")

        let missing = TerminalHost(environment: ["EDITOR": "no-such-editor-xyz", "PATH": "/usr/bin:/bin"])
        await #expect(throws: TerminalHostError(description: "could not start no-such-editor-xyz — set $EDITOR to your editor")) {
            try await missing.edit(file)
        }
        #expect(TerminalHost(environment: [:]).editorCommand == ["vi"])
        #expect(TerminalHost(environment: ["PAGER": ""]).pagerCommand == ["less", "-R"])
    }
}
