import BatonCore
import Foundation

extension Conversation {
    /// `/edit`: the whole plan in $VISUAL/$EDITOR as readable text; on save it is parsed and
    /// validated; on an error the editor reopens with the error on top; an empty file aborts.
    func editInEditor() async throws {
        guard editor.isInteractive else {
            throw CommandError("/edit without arguments needs a terminal — use /edit T FIELD VALUE")
        }
        let state = try await state()
        guard !state.plan.isEmpty else { throw CommandError("there is no plan yet — type a mission first") }
        let env = ProcessInfo.processInfo.environment
        let command = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let file = try requireSession().directory + "/plan-edit.txt"
        var text = PlanTextFormat.render(state.plan)
        while true {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command.split(separator: " ").map(String.init) + [file]
            do { try process.run() } catch { throw CommandError("could not start \(command) — set $EDITOR to your editor") }
            process.waitUntilExit()
            let edited = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            if edited.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { say("edit aborted · nothing changed"); return }
            let body = edited.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("# error:") }.joined(separator: "\n")
            do {
                let plan = try PlanTextFormat.parse(body)
                if let error = PlanValidator.validate(plan).first { throw CommandError("\(error)") }
                try await editPlan("/edit") { $0 = plan.tasks }
                return
            } catch {
                text = "# error: \(error) — fix it, or save an empty file to abort\n" + body
            }
        }
    }
}
