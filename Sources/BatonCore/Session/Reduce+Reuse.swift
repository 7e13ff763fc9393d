import Foundation

/// Never ask twice: questions an answered decision settles are answered from it, and an
/// answer that contradicts an earlier one waits for the user to say what it means.
extension SessionState {
    /// Opens an agent's question, unless an answered decision settles it (policy
    /// reuse-answers): then it is answered from that one at once and the task goes on.
    /// Every path that opens a question (a needs-decision checkpoint, `ask_human`) comes here.
    mutating func openQuestion(kind: DecisionKind, task: String?, question: String, options: [String], at: Double) -> [Effect] {
        if policy.reuseAnswers,
            let earlier = DecisionMatch.settling(question: question, options: options, kind: kind, in: decisions),
            let answer = earlier.answer
        {
            var d = Decision(id: "D\(decisions.count + 1)", kind: kind, task: task, question: question, options: options, answer: answer)
            d.reusedFrom = earlier.id
            d.openedAt = at
            d.fromAgent = true
            decisions.append(d)
            return act(on: d, answer: answer, at: at)
        }
        let effects = openDecision(kind: kind, task: task, question: question, options: options)
        if let id = decisions.last?.id { updateDecision(id) { $0.fromAgent = true } }
        return effects
    }

    /// The open decisions asking the same question as `id` (just answered by the user) are
    /// answered from it.
    mutating func answerSameQuestions(as id: String, at: Double) -> [Effect] {
        guard policy.reuseAnswers, let answered = decision(id), answered.settlesLater, answered.fromAgent == true,
            let answer = answered.answer
        else { return [] }
        var effects: [Effect] = []
        for o in openDecisions
        where o.id != id && o.kind == answered.kind && o.contradicts == nil && DecisionMatch.reusable(o.kind) && o.fromAgent == true
            && DecisionMatch.same(question: o.question, options: o.options, as: answered.question, options: answered.options)
        {
            updateDecision(o.id) {
                $0.answer = answer
                $0.reusedFrom = id
            }
            var reused = o
            reused.reusedFrom = id
            effects += act(on: reused, answer: answer, at: at)
        }
        return effects
    }

    /// `/decide D2 1|2|3` after "D2 contradicts D1": this task only, replace D1 for every
    /// task, or keep D1.
    mutating func resolveContradiction(_ d: Decision, choice raw: String, at: Double) -> [Effect] {
        guard let earlierID = d.contradicts, let earlier = decision(earlierID), let proposed = d.proposedAnswer,
            let choice = Int(raw.trimmingCharacters(in: .whitespaces)), (1...3).contains(choice)
        else { return [] }
        let wasOpen = d.isOpen
        let final = choice == 3 ? (earlier.answer ?? proposed) : proposed
        updateDecision(d.id) {
            $0.contradicts = nil
            $0.proposedAnswer = nil
            $0.answer = final
            $0.settles = choice == 2
            $0.reusedFrom = choice == 3 ? earlierID : nil
            $0.replaced = choice == 2 ? earlierID : nil
        }
        var effects: [Effect] = choice == 3 ? [] : [.recordDecision(id: d.id)]
        if choice == 2 {
            updateDecision(earlierID) { $0.settles = false }
            let told = decisions.filter { ($0.id == earlierID || $0.reusedFrom == earlierID) && $0.task != d.task }.compactMap(\.task)
            for task in Set(told).sorted() {
                effects += tell(task, "The user replaced decision \(earlierID) (\(earlier.question)): the answer is now \(final).")
            }
        }
        if wasOpen {
            var answered = d
            answered.answer = final
            effects += act(on: answered, answer: final, at: at)
        } else if choice != 3, let task = d.task {
            effects += tell(task, "The user changed decision \(d.id) (\(d.question)): the answer is now \(final), not \(d.answer ?? "").")
        }
        return effects + (choice == 2 ? answerSameQuestions(as: d.id, at: at) : [])
    }

    /// `/decide D4 X` on a decision answered from another one, when X does not contradict it
    /// (the earlier one was replaced): recorded for this task.
    mutating func changeReusedAnswer(_ d: Decision, _ raw: String, at: Double) -> [Effect] {
        let answer = d.resolve(raw)
        guard answer != d.answer else { return [] }
        updateDecision(d.id) {
            $0.answer = answer
            $0.reusedFrom = nil
            $0.settles = true
        }
        guard let task = d.task else { return [.recordDecision(id: d.id)] }
        return [.recordDecision(id: d.id)]
            + tell(task, "The user changed decision \(d.id) (\(d.question)): the answer is now \(answer), not \(d.answer ?? "").")
    }

    /// A merge conflict the user already accepted: they let `task` and another task both go
    /// on in these files (a conflict decision, "let both go on"), so the agent resolves it,
    /// answered from that decision rather than asked again — once: when the agent's attempt
    /// conflicts again, the user is asked. nil when nothing settles it.
    mutating func mergeConflictSettled(_ task: String, files: [String], at: Double) -> [Effect]? {
        guard policy.reuseAnswers, !files.isEmpty,
            let earlier = decisions.last(where: { d in
                d.kind == .conflict && d.answer == d.options.dropFirst().first && (d.task == task || d.context.first == task)
                    && Set(files).isSubset(of: Set(d.context.dropFirst()))
            })
        else { return nil }
        guard !decisions.contains(where: { $0.kind == .mergeConflict && $0.task == task && $0.reusedFrom == earlier.id }) else {
            return nil
        }
        let options = Self.mergeConflictOptions(task)
        var d = Decision(
            id: "D\(decisions.count + 1)", kind: .mergeConflict, task: task, question: Self.mergeConflictQuestion(task, files),
            options: options, answer: options[0], context: files)
        d.reusedFrom = earlier.id
        d.openedAt = at
        decisions.append(d)
        return act(on: d, answer: options[0], at: at)
    }

    static func mergeConflictQuestion(_ task: String, _ files: [String]) -> String {
        "\(task) conflicts with the integration branch in \(files.joined(separator: ", "))"
    }

    static func mergeConflictOptions(_ task: String) -> [String] {
        ["let the agent resolve it", "I'll resolve it in the worktree, then /done \(task)", "leave it in review"]
    }

    /// A message for a task: a new turn when it waits on nothing else, else its next turn.
    mutating func tell(_ task: String, _ message: String) -> [Effect] {
        let status = status(of: task)
        if status == .waiting, !openDecisions.contains(where: { $0.task == task }) {
            return startTurn(task, messages: [message])
        }
        guard !status.isTerminal else { return [] }
        progress[task, default: TaskProgress()].pendingMessages.append(message)
        return []
    }
}
