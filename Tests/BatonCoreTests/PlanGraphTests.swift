import Testing

@testable import BatonCore

@Suite struct PlanGraphTests {
    /// T1 → T3 → T5, T2 → T4 → T5 (T5 waits for T3 and T4), T6 alone.
    let plan = Plan(
        version: 1,
        tasks: [
            PlanTask(id: "T1", title: "Signup form", scope: ["Sources/Onboarding/Signup*"]),
            PlanTask(id: "T2", title: "Verify endpoint", scope: ["Sources/API/"]),
            PlanTask(id: "T3", title: "Welcome tour", scope: ["Sources/Onboarding/Welcome.swift"], deps: ["T1"]),
            PlanTask(id: "T4", title: "Verify tests", kind: .tests, scope: ["Sources/API/Verify.swift", "Tests/API/"], deps: ["T2"]),
            PlanTask(id: "T5", title: "README", kind: .docs, scope: ["README.md"], deps: ["T3", "T4"]),
            PlanTask(
                id: "T6", title: "Tests for signup", kind: .tests, scope: ["Sources/Onboarding/SignupForm.swift", "Tests/Onboarding/"]),
        ])

    @Test func topologicalOrderPutsDepsFirst() {
        let order = PlanGraph(plan).topologicalOrder()
        #expect(order == ["T1", "T2", "T3", "T4", "T5", "T6"])
        let reversed = Plan(tasks: [PlanTask(id: "T1", title: "a", deps: ["T2"]), PlanTask(id: "T2", title: "b")])
        #expect(PlanGraph(reversed).topologicalOrder() == ["T2", "T1"])
    }

    @Test func readyNowFollowsDone() {
        let g = PlanGraph(plan)
        #expect(g.readyNow(done: []) == ["T1", "T2", "T6"])
        #expect(g.readyNow(done: ["T1"]) == ["T2", "T3", "T6"])
        #expect(g.readyNow(done: ["T1", "T2", "T3"]) == ["T4", "T6"])
        #expect(g.readyNow(done: ["T1", "T2", "T3", "T4", "T6"]) == ["T5"])
    }

    @Test func criticalPathIsTheLongestChain() {
        let g = PlanGraph(plan)
        #expect(g.criticalPath() == ["T1", "T3", "T5"])
        #expect(g.criticalPath(weights: ["T4": 5]) == ["T2", "T4", "T5"])
        #expect(g.criticalPath(weights: ["T6": 20]) == ["T6"])
        #expect(PlanGraph(Plan()).criticalPath().isEmpty)
    }

    @Test func remainingChainLength() {
        let g = PlanGraph(plan)
        #expect(g.remainingChainLength(of: "T1") == 3)
        #expect(g.remainingChainLength(of: "T4") == 2)
        #expect(g.remainingChainLength(of: "T5") == 1)
        #expect(g.remainingChainLength(of: "T2", weights: ["T4": 4]) == 6)
        #expect(g.remainingChainLength(of: "T9") == 0)
    }

    @Test func ancestorsDescendantsConcurrency() {
        let g = PlanGraph(plan)
        #expect(g.ancestors(of: "T5") == ["T1", "T2", "T3", "T4"])
        #expect(g.descendants(of: "T1") == ["T3", "T5"])
        #expect(g.mayRunConcurrently("T1", "T2"))
        #expect(g.mayRunConcurrently("T3", "T4"))
        #expect(!g.mayRunConcurrently("T1", "T5"))
        #expect(!g.mayRunConcurrently("T5", "T1"))
        #expect(!g.mayRunConcurrently("T1", "T1"))
    }

    @Test func scopeOverlapsBetweenConcurrentTasksOnly() {
        let overlaps = PlanGraph(plan).overlaps()
        // T2 Sources/API/ vs T4 Sources/API/Verify.swift: T4 waits for T2, so no warning.
        // T1 Signup* vs T6 SignupForm.swift: concurrent → warning. T3 Welcome vs T1 Signup*: ordered.
        #expect(overlaps == [ScopeOverlap(first: "T1", second: "T6", paths: ["Sources/Onboarding/SignupForm.swift"])])
        #expect(overlaps[0].suggestion == "/dep T6 T1")
        let tuples = PlanGraph(plan).scopeOverlaps()
        #expect(tuples.count == 1 && tuples[0].0 == "T1" && tuples[0].1 == "T6")
    }

    @Test func folderOverlapsFileInside() {
        let p = Plan(tasks: [
            PlanTask(id: "T1", title: "a", scope: ["Sources/API/"]),
            PlanTask(id: "T2", title: "b", scope: ["Sources/API/Verify.swift", "Sources/APIClient/"]),
            PlanTask(id: "T3", title: "c", scope: ["Sources/APIs.swift", "Docs/"]),
        ])
        let overlaps = PlanGraph(p).overlaps()
        #expect(overlaps.map(\.first) == ["T1"])
        #expect(overlaps[0].paths == ["Sources/API/Verify.swift"])
        #expect(overlaps[0].description.contains("/dep T2 T1"))
    }

    @Test func scopePatternRules() {
        #expect(ScopePattern("Sources/API/").overlaps(ScopePattern("Sources/API/Verify.swift")))
        #expect(ScopePattern("Sources/API").overlaps(ScopePattern("Sources/API/Verify.swift")))
        #expect(!ScopePattern("Sources/API").overlaps(ScopePattern("Sources/APIClient/x.swift")))
        #expect(ScopePattern("Sources/Onboarding/Signup*").overlaps(ScopePattern("Sources/Onboarding/SignupForm.swift")))
        #expect(!ScopePattern("Sources/Onboarding/Signup*").overlaps(ScopePattern("Sources/Onboarding/Welcome.swift")))
        #expect(ScopePattern("Sources/Onboarding/").overlaps(ScopePattern("Sources/Onboarding/Signup*")))
        #expect(ScopePattern("./README.md").overlaps(ScopePattern("README.md")))
        #expect(ScopePattern(".").overlaps(ScopePattern("anything/at/all")))
        #expect(!ScopePattern("README.md").overlaps(ScopePattern("CHANGELOG.md")))
    }
}
