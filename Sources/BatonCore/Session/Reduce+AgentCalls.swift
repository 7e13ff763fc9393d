extension SessionState {
    /// Mid-turn calls of an agent through Baton's MCP server (`baton mcp`): a question that
    /// opens a decision while the agent keeps its turn, a note, a progress line. Each call is
    /// applied once (its request id), however often its file is read.
    mutating func applyAgentCall(_ event: SessionEvent, at: Double) -> [Effect] {
        switch event {
        case .agentAsked(let task, let request, let question, let options):
            guard agentCalls.insert(request).inserted else { return [] }
            // Not `openDecision`: the task stays running, its agent waits inside its turn.
            let id = "D\(decisions.count + 1)"
            decisions.append(Decision(id: id, kind: .question, task: task, question: question, options: options, request: request))
            return [.notifyDecision(id: id)]

        case .agentNoted(let task, let request, let text):
            guard agentCalls.insert(request).inserted else { return [] }
            notes.append(text)
            let id = "D\(decisions.count + 1)"
            decisions.append(Decision(id: id, kind: .note, task: task, question: "Note", options: [], answer: text))
            return [.recordDecision(id: id)]

        case .progressReported(let task, let request, let summary, _):
            guard agentCalls.insert(request).inserted else { return [] }
            progress[task]?.lastActivity = summary
            progress[task]?.lastActivityAt = at
            // The agent reports: a stall question about it answers itself.
            for d in openDecisions where d.kind == .stall && d.task == task {
                updateDecision(d.id) { $0.answer = "it went on" }
            }
            return []

        default:
            return []
        }
    }

    /// An answer to an `ask_human` call: it goes to the waiting call. When the turn that
    /// asked has ended meanwhile (the call failed, or the agent died while Baton was away),
    /// it also goes into the task's next turn, as any answered question does.
    mutating func answerAgentCall(_ d: Decision, task: String, request: String, answer: String) -> [Effect] {
        let effects: [Effect] = [.answerAgent(task: task, request: request, answer: answer)]
        if status(of: task) != .running {
            progress[task]?.pendingMessages.append("Decision \(d.id) — \(d.question) Answer: \(answer)")
        }
        return effects
    }
}
