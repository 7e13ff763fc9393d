import Foundation

/// Answers to decisions beyond the plain one: several at once (`/decide D2 D3 1`,
/// `/decide all 1`), a change to an answer given from an earlier decision, and an answer that
/// contradicts an earlier one (flagged before it is recorded).
extension Decider {
    /// `/decide D2 D3 D4 ANSWER` or, with no ids, every open decision. The options must match.
    func answerMany(_ raws: [String], _ answer: String) throws -> [SessionEvent] {
        var ids: [String] = []
        if raws.isEmpty {
            ids = state.openDecisions.map(\.id)
            guard !ids.isEmpty else { throw CommandError(.wrongState, "no decision is waiting") }
        } else {
            for raw in raws {
                let id = raw.uppercased()
                guard state.decision(id) != nil else { return try [answerOne(raw, answer)] }  // its error
                if !ids.contains(id) { ids.append(id) }
            }
        }
        guard ids.count > 1 else { return try [answerOne(ids[0], answer)] }
        let decisions = ids.compactMap { state.decision($0) }
        if let answered = decisions.first(where: { !$0.isOpen && $0.contradicts == nil }) {
            throw CommandError(
                .wrongState, "\(answered.id) was already answered: \(answered.answer ?? "") — leave it out", subject: answered.id)
        }
        let first = decisions[0]
        let differ = decisions.filter { !DecisionMatch.sameOptions($0.options, first.options) || $0.contradicts != first.contradicts }
        if !differ.isEmpty {
            let names = differ.map(\.id).joined(separator: " ")
            throw CommandError(
                .invalidValue,
                "\(names) \(differ.count == 1 ? "has" : "have") other options than \(first.id) — answer \(differ.count == 1 ? "it" : "them") on \(differ.count == 1 ? "its" : "their") own, e.g. /decide \(differ[0].id) ANSWER",
                subject: differ[0].id)
        }
        // With reuse on, the same question asked again is answered from the first one.
        let asked = state.policy.reuseAnswers ? DecisionMatch.groups(decisions).map(\.[0]) : decisions
        return try asked.map { try answerOne($0.id, answer) }
    }

    /// One decision: the plain answer, the choice of a contradiction, a change to an answer
    /// given from an earlier decision, or the contradiction flagged.
    func answerOne(_ raw: String, _ answer: String) throws -> SessionEvent {
        let id = raw.uppercased()
        guard let d = state.decision(id) else { return try answerDecision(raw, answer)[0] }
        let text = answer.trimmingCharacters(in: .whitespaces)
        if let earlier = d.contradicts {
            guard let n = Int(text), (1...3).contains(n) else {
                throw CommandError(
                    .invalidValue, "\(id) waits for 1) \(id) only 2) replace \(earlier) 3) keep \(earlier) — /decide \(id) 1|2|3",
                    subject: id)
            }
            return .decisionAnswered(id: id, answer: text)
        }
        if !d.isOpen, let from = d.reusedFrom {
            guard !text.isEmpty else { throw CommandError(.invalidValue, "give an answer — usage: /decide D ANSWER", subject: id) }
            if let n = Int(text), !d.options.isEmpty, !(1...d.options.count).contains(n) {
                throw CommandError(.invalidValue, "\(id) has options 1–\(d.options.count) — pick one, or answer in words", subject: id)
            }
            guard d.resolve(text) != d.answer else {
                throw CommandError(.wrongState, "\(id) is already \(d.answer ?? "") (from \(from))", subject: id)
            }
            if let earlier = DecisionMatch.contradicted(by: text, to: d, in: state.decisions) {
                return .answerContradicted(id: id, answer: text, earlier: earlier.id)
            }
            return .decisionAnswered(id: id, answer: text)
        }
        let event = try answerDecision(raw, answer)[0]
        if let earlier = DecisionMatch.contradicted(by: text, to: d, in: state.decisions) {
            return .answerContradicted(id: id, answer: text, earlier: earlier.id)
        }
        return event
    }
}
