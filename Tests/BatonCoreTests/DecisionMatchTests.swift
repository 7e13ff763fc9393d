import BatonCore
import Testing

/// "Never ask twice": which questions are the same, and which answers contradict.
@Suite struct DecisionMatchTests {
    func answered(_ id: String, _ q: String, _ options: [String], _ answer: String, task: String = "T1") -> Decision {
        var d = Decision(id: id, kind: .question, task: task, question: q, options: options, answer: answer)
        d.settles = true
        d.fromAgent = true
        return d
    }

    @Test func sameQuestionAfterNormalising() {
        #expect(DecisionMatch.tokens("SQLite, or in memory?") == ["sqlite", "memory"])
        #expect(DecisionMatch.same(question: "SQLite or in memory?", options: [], as: "sqlite OR in-memory", options: []))
        #expect(
            DecisionMatch.same(
                question: "Should we use SQLite or in memory?", options: ["SQLite", "in memory"], as: "SQLite, or in memory?",
                options: ["sqlite", "In memory"]))
        // Options differ: not the same, even with the same words.
        #expect(
            !DecisionMatch.same(
                question: "SQLite or in memory?", options: ["SQLite", "in memory"], as: "SQLite or in memory?",
                options: ["SQLite", "Postgres"]))
        // Different questions with the same options.
        #expect(
            !DecisionMatch.same(
                question: "Which store for sessions?", options: ["a", "b"], as: "Which font for the README?", options: ["a", "b"]))
    }

    @Test func highOverlapWithTheSameOptionsIsTheSameQuestion() {
        let a = "Store the report cache in SQLite or keep it in memory?"
        let b = "For the report cache: SQLite or keep it in memory for now?"
        #expect(DecisionMatch.overlap(DecisionMatch.tokens(a), DecisionMatch.tokens(b)) >= DecisionMatch.overlapThreshold)
        #expect(DecisionMatch.same(question: a, options: ["SQLite", "in memory"], as: b, options: ["in memory", "SQLite"]))
        #expect(!DecisionMatch.same(question: a, options: [], as: b, options: []), "without options only the same words match")
    }

    @Test func settlingFindsTheLatestAnswerTheUserGave() {
        var reused = answered("D2", "SQLite or in memory?", ["SQLite", "in memory"], "SQLite", task: "T2")
        reused.reusedFrom = "D1"
        reused.settles = nil
        let decisions = [
            answered("D1", "SQLite or in memory?", ["SQLite", "in memory"], "SQLite"), reused,
            Decision(id: "D3", kind: .question, task: "T3", question: "SQLite or in memory?", options: ["SQLite", "in memory"]),
        ]
        #expect(DecisionMatch.settling(question: "sqlite or in memory", options: ["in memory", "sqlite"], in: decisions)?.id == "D1")
        #expect(DecisionMatch.settling(question: "Tabs or spaces?", options: [], in: decisions) == nil)
        // A permission is about one moment of one task: never reused.
        #expect(
            DecisionMatch.settling(question: "SQLite or in memory?", options: ["SQLite", "in memory"], kind: .permission, in: decisions)
                == nil)
    }

    @Test func contradictionIsADifferentAnswerToTheSameQuestion() {
        let d1 = answered("D1", "SQLite or in memory?", ["SQLite", "in memory"], "SQLite")
        let d2 = Decision(id: "D2", kind: .question, task: "T2", question: "SQLite or in memory?", options: ["SQLite", "in memory"])
        #expect(DecisionMatch.contradicted(by: "2", to: d2, in: [d1, d2])?.id == "D1")
        #expect(DecisionMatch.contradicted(by: "in memory", to: d2, in: [d1, d2])?.id == "D1")
        #expect(DecisionMatch.contradicted(by: "1", to: d2, in: [d1, d2]) == nil)
        #expect(DecisionMatch.contradicted(by: "sqlite", to: d2, in: [d1, d2]) == nil)
    }

    @Test func groupsKeepTheSameQuestionTogether() {
        let q = { (id: String, t: String, text: String) in
            var d = Decision(id: id, kind: .question, task: t, question: text, options: ["SQLite", "in memory"])
            d.fromAgent = true
            return d
        }
        let groups = DecisionMatch.groups([
            q("D1", "T1", "SQLite or in memory?"), q("D2", "T2", "Tabs or spaces?"), q("D3", "T3", "sqlite, or in memory"),
        ])
        #expect(groups.map { $0.map(\.id) } == [["D1", "D3"], ["D2"]])
    }
}
