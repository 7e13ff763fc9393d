import BatonCore
import BatonRuntime
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
        let host = TerminalHost()
        let file = try requireSession().directory + "/plan-edit.txt"
        var text = PlanTextFormat.render(state.plan)
        while true {
            try PrivateFile.write(text, to: file)
            do { try await host.edit(file) } catch { throw CommandError("\(error)") }
            let edited = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            if edited.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                say("edit aborted · nothing changed")
                return
            }
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
