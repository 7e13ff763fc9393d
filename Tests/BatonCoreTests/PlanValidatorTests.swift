import Testing

@testable import BatonCore

@Suite struct PlanValidatorTests {
    func messages(_ tasks: [PlanTask]) -> [String] {
        PlanValidator.validate(Plan(version: 1, tasks: tasks)).map(\.description)
    }

    @Test func validPlanHasNoErrors() {
        let plan = Plan(
            version: 1,
            tasks: [
                PlanTask(id: "T1", title: "Signup form", scope: ["Sources/Onboarding/Signup*"]),
                PlanTask(id: "T2", title: "Verify endpoint", scope: ["Sources/API/"], avoid: ["Sources/Onboarding/"]),
                PlanTask(id: "T3", title: "Tests", kind: .tests, deps: ["T1", "T2"]),
            ])
        #expect(PlanValidator.validate(plan).isEmpty)
    }

    @Test func duplicateIDs() {
        let m = messages([PlanTask(id: "T1", title: "a"), PlanTask(id: "T1", title: "b"), PlanTask(id: "T1", title: "c")])
        #expect(m == ["T1 is used by more than one task — give each task its own id"])
    }

    @Test func badIDForms() {
        let errors = PlanValidator.validate(
            Plan(tasks: [
                PlanTask(id: "X1", title: "a"), PlanTask(id: "T", title: "b"), PlanTask(id: "T01", title: "c"),
                PlanTask(id: "t4", title: "d"), PlanTask(id: "T12", title: "ok"),
            ]))
        #expect(errors == [.badID("X1"), .badID("T"), .badID("T01"), .badID("t4")])
        #expect(errors[0].description == "task id 'X1' is not of the form T<number> — use T1, T2, …")
    }

    @Test func unknownDepNamesThePlanTasks() {
        let m = messages([PlanTask(id: "T1", title: "a"), PlanTask(id: "T2", title: "b"), PlanTask(id: "T3", title: "c", deps: ["T9"])])
        #expect(m == ["T3 waits for T9, which is not in the plan — tasks are T1 T2 T3"])
    }

    @Test func selfDep() {
        let m = messages([PlanTask(id: "T1", title: "a", deps: ["T1"])])
        #expect(m == ["T1 waits for itself — remove T1 from its deps"])
    }

    @Test func cycleIsNamed() {
        let errors = PlanValidator.validate(
            Plan(tasks: [
                PlanTask(id: "T1", title: "a"),
                PlanTask(id: "T2", title: "b", deps: ["T4"]),
                PlanTask(id: "T3", title: "c", deps: ["T1"]),
                PlanTask(id: "T4", title: "d", deps: ["T2"]),
            ]))
        #expect(errors == [.cycle(["T2", "T4", "T2"])])
        #expect(errors[0].description.hasPrefix("cycle: T2 → T4 → T2"))
    }

    @Test func longerCycleReportedOnce() {
        let errors = PlanValidator.validate(
            Plan(tasks: [
                PlanTask(id: "T1", title: "a", deps: ["T3"]),
                PlanTask(id: "T2", title: "b", deps: ["T1"]),
                PlanTask(id: "T3", title: "c", deps: ["T2"]),
            ]))
        #expect(errors == [.cycle(["T1", "T3", "T2", "T1"])])
    }

    @Test func emptyAndControlCharacterTitles() {
        let m = messages([
            PlanTask(id: "T1", title: "  "), PlanTask(id: "T2", title: "two\nlines"), PlanTask(id: "T3", title: "esc\u{1B}[31m"),
        ])
        #expect(
            m == [
                "T1 has no title — give it a short imperative title",
                "T2 title contains control characters — keep it to one plain line",
                "T3 title contains control characters — keep it to one plain line",
            ])
    }

    @Test func pathsOutsideTheRepository() {
        let errors = PlanValidator.validate(
            Plan(tasks: [
                PlanTask(id: "T1", title: "a", scope: ["/etc/passwd", "Sources/../../x", "ok/path/"], avoid: ["~/secrets", ".."]),
                PlanTask(id: "T2", title: "b", scope: ["Sources/a..b/", "..hidden", "C:\\Windows"]),
            ]))
        #expect(
            errors == [
                .pathOutsideRepository(task: "T1", field: "scope", path: "/etc/passwd"),
                .pathOutsideRepository(task: "T1", field: "scope", path: "Sources/../../x"),
                .pathOutsideRepository(task: "T1", field: "avoid", path: "~/secrets"),
                .pathOutsideRepository(task: "T1", field: "avoid", path: ".."),
                .pathOutsideRepository(task: "T2", field: "scope", path: "C:\\Windows"),
            ])
        #expect(
            errors[0].description == "T1 scope path '/etc/passwd' is outside the repository — use a path relative to the repository root")
    }

    @Test func severalProblemsAllReported() {
        let errors = PlanValidator.validate(
            Plan(tasks: [
                PlanTask(id: "T1", title: "", deps: ["T5"]),
                PlanTask(id: "T2", title: "b", deps: ["T2"]),
            ]))
        #expect(errors.count == 3)
    }
}
