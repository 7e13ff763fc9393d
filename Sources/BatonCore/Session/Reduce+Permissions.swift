extension SessionState {
    /// One decision for every tool call a turn was refused: allow them all once, all for the
    /// task, deny them, or (with several) allow only one of them for the task, by number.
    mutating func openPermissionDecision(_ task: String, _ requests: [PermissionRequest]) -> [Effect] {
        var options = ["allow once", "allow for this task", "deny"]
        let question: String
        if requests.count == 1 {
            question = "\(task) wants \(requests[0].description) — allow it?"
        } else {
            let listed = requests.enumerated().map { "\($0 + 4)) \($1.description)" }.joined(separator: "  ")
            question = "\(task) wants \(requests.count) tools: \(listed) — allow them?"
            options = ["allow all once", "allow all for this task", "deny all"]
            options += requests.map { "allow only \($0.taskRule) for this task" }
        }
        let effects = openDecision(
            kind: .permission, task: task, question: question, options: options, context: requests.map(\.description))
        updateDecision(decisions[decisions.count - 1].id) { $0.permissions = requests }
        return effects
    }

    /// Applies the answer to a permission decision and starts the task's next turn (unless
    /// another decision of the task is still open).
    mutating func answerPermission(_ d: Decision, task: String, choice: Int?, stillOpen: Bool) -> [Effect] {
        let requests = d.permissions ?? d.context.prefix(1).map(PermissionRequest.init(legacy:))
        let names = { (list: [PermissionRequest]) in list.map(\.description).joined(separator: ", ") }
        let message: String
        switch choice {
        case 1:
            progress[task]?.allowedOnce += requests.map(\.onceRule)
            message = "You may now use \(names(requests)). Retry what needed \(requests.count == 1 ? "it" : "them")."
        case 2:
            let already = progress[task]?.allowedTools ?? []
            progress[task]?.allowedTools += requests.map(\.taskRule).filter { !already.contains($0) }
            message = "You may now use \(names(requests)). Retry what needed \(requests.count == 1 ? "it" : "them")."
        case let n? where n >= 4 && n - 4 < requests.count:
            let chosen = requests[n - 4]
            progress[task]?.allowedTools.append(chosen.taskRule)
            let denied = requests.filter { $0 != chosen }
            message = "You may now use \(chosen.description). Retry what needed it. The user denied \(names(denied)). Do without it."
        default:
            message = "The user denied \(names(requests)). Do without \(requests.count == 1 ? "it" : "them")."
        }
        return stillOpen ? [] : startTurn(task, messages: [message])
    }
}
