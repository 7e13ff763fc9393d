import Testing

@testable import BatonCore

@Suite struct PlanDiffTests {
    @Test func addedRemovedChanged() {
        let old = Plan(
            version: 1,
            tasks: [
                PlanTask(id: "T1", title: "Add export", scope: ["Sources/Reports/"]),
                PlanTask(id: "T2", title: "Old task"),
                PlanTask(id: "T3", title: "Same"),
            ])
        let new = Plan(
            version: 2,
            tasks: [
                PlanTask(id: "T1", title: "Add CSV export", scope: ["Sources/Reports/", "Sources/API/"]),
                PlanTask(id: "T3", title: "Same"),
                PlanTask(id: "T4", title: "Tests for export", kind: .tests, deps: ["T1"]),
            ])
        let diff = PlanDiff.between(old, new)
        #expect(diff.added.map(\.id) == ["T4"])
        #expect(diff.removed.map(\.id) == ["T2"])
        #expect(diff.changed.count == 1)
        #expect(diff.changed.first?.id == "T1")
        #expect(diff.changed.first?.fields == ["title", "scope"])
        #expect(diff.lines == ["+ T4 Tests for export", "- T2 Old task", "~ T1 title, scope"])
        #expect(!diff.isEmpty)
    }

    @Test func everyFieldIsNoticed() {
        let a = PlanTask(id: "T1", title: "a")
        let b = PlanTask(
            id: "T1", title: "b", detail: "d", kind: .docs, scope: ["x"], avoid: ["y"], deps: ["T2"],
            route: "claude", routeOverridden: true, acceptance: ["ok"])
        let diff = PlanDiff.between(Plan(tasks: [a, PlanTask(id: "T2", title: "z")]), Plan(tasks: [b, PlanTask(id: "T2", title: "z")]))
        #expect(diff.lines == ["~ T1 title, kind, detail, scope, avoid, deps, route, acceptance"])
    }

    @Test func identicalPlansHaveNoDiff() {
        let p = Plan(version: 3, tasks: [PlanTask(id: "T1", title: "a", route: "codex")])
        #expect(PlanDiff.between(p, p).isEmpty)
        #expect(PlanDiff.between(p, p).lines.isEmpty)
    }
}
