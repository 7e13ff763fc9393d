import BatonTestSupport
import Testing

@testable import BatonCore

@Suite struct PlanTextFormatTests {
    static let sample = Plan(
        version: 4,
        tasks: [
            PlanTask(
                id: "T1", title: "Add CSV export, with headers", detail: "Stream rows.\nKeep the old JSON endpoint.\n\n  Indented note.",
                kind: .code, scope: ["Sources/Reports/", "Sources/API/Export.swift"], avoid: ["Sources/Legacy/"],
                route: "claude", routeReason: "well-scoped endpoint", routeOverridden: true,
                acceptance: ["empty report gives a header-only file", "rows match the table"]),
            PlanTask(id: "T2", title: "Tests für den Export — ünïcødé ✓", kind: .tests, scope: ["Tests/Reports/"], deps: ["T1"]),
            PlanTask(
                id: "T3", title: "Document CSV export", detail: "One line.", kind: .docs, scope: ["README.md"],
                deps: ["T1", "T2"], route: "writer"),
        ])

    @Test func renderIsReadable() {
        let text = PlanTextFormat.render(Self.sample)
        #expect(text.hasPrefix("# Baton plan"))
        #expect(text.contains("\nversion: 4\n"))
        #expect(
            text.contains("\n## T1 Add CSV export, with headers\nkind: code\nroute: claude (you chose)\nreason: well-scoped endpoint\n"))
        #expect(
            text.contains(
                "\nscope: Sources/Reports/, Sources/API/Export.swift\navoid: Sources/Legacy/\nafter:\nacceptance:\n  - empty report gives a header-only file\n"
            ))
        #expect(text.contains("\ndetail:\n  Stream rows.\n  Keep the old JSON endpoint.\n\n    Indented note.\n"))
        #expect(text.contains("\n## T3 Document CSV export\nkind: docs\nroute: writer\n"))
        #expect(text.contains("\nafter: T1 T2\n"))
        #expect(text.contains("\ndetail: One line.\n"))
    }

    @Test func sampleRoundTrips() throws {
        #expect(try PlanTextFormat.parse(PlanTextFormat.render(Self.sample)) == Self.sample)
    }

    @Test func emptyPlanRoundTrips() throws {
        #expect(try PlanTextFormat.parse(PlanTextFormat.render(Plan(version: 2))) == Plan(version: 2))
    }

    @Test func userEditsAreRead() throws {
        let text = """
            # my notes
            version: 2
            ## T1 Signup form
            kind: feature
            scope: Sources/Onboarding/, Sources/Shared/Validation.swift
            acceptance:
            - invalid emails are rejected
            * passwords under 8 characters are rejected
            detail: Use the existing FormField.
                It lives in Sources/Shared/.
            ##t2   Verify endpoint
            after: 1, t1
            route: codex
            """
        let plan = try PlanTextFormat.parse(text)
        #expect(plan.version == 2)
        #expect(plan.ids == ["T1", "T2"])
        #expect(plan.tasks[0].kind == .code)
        #expect(plan.tasks[0].scope == ["Sources/Onboarding/", "Sources/Shared/Validation.swift"])
        #expect(plan.tasks[0].acceptance == ["invalid emails are rejected", "passwords under 8 characters are rejected"])
        #expect(plan.tasks[0].detail == "Use the existing FormField.\nIt lives in Sources/Shared/.")
        #expect(plan.tasks[1].title == "Verify endpoint")
        #expect(plan.tasks[1].deps == ["T1", "T1"])
        #expect(plan.tasks[1].route == "codex" && !plan.tasks[1].routeOverridden)
    }

    @Test func errorsNameTheLineAndTheFix() {
        func error(_ text: String) -> String {
            do {
                _ = try PlanTextFormat.parse(text)
                return "no error"
            } catch { return error.description }
        }
        #expect(
            error("## T1 a\nscpoe: x")
                == "line 2: unknown field 'scpoe' — fields are kind, route, reason, scope, avoid, after, acceptance, detail")
        #expect(error("hello\n## T1 a") == "line 1: 'hello' comes before the first task — start each task with a line '## T1 Title'")
        #expect(error("## T1 a\nkind: poetry") == "line 2: unknown kind 'poetry' — use code, refactor, tests, docs, research or ops")
        #expect(error("## T1 a\nscope: x\nscope: y") == "line 3: T1 has a second 'scope:' line — keep one")
        #expect(error("## Signup form") == "line 1: a task line needs an id — write it as '## T3 Title'")
        #expect(
            error("## T1 a\nkind: code\nthis line is loose")
                == "line 3: expected 'field: value' — fields are kind, route, reason, scope, avoid, after, acceptance, detail; indent detail lines by two spaces"
        )
        #expect(error("## T1 a\nscope: \"Sources/a, b") == "line 2: a quoted path is not closed — add the closing \"")
    }

    @Test func crlfIsAccepted() throws {
        let plan = try PlanTextFormat.parse("## T1 Title\r\nkind: docs\r\nscope: README.md\r\n")
        #expect(plan.tasks == [PlanTask(id: "T1", title: "Title", kind: .docs, scope: ["README.md"])])
    }

    // MARK: - property: parse(render(p)) == p

    static let nasty: [String] = [
        "", " ", "plain", "Commas, in, title", "\"quoted\"", "\"", "'single'", "#hash", "## T9 fake header",
        "kind: docs", "- bullet", "  leading", "trailing  ", "tab\there", "new\nline", "\n", "trailing newline\n",
        "\r\nwindows", "back\\slash", "\\u0041 not an escape", "ünïcødé", "日本語のタイトル", "emoji 🚀✨", "👩‍💻 zwj",
        "e\u{301} combining", "\u{301}leading mark", "rtl \u{202E}override", "zero\u{200B}width", "bom\u{FEFF}",
        "(you chose)", "claude (you chose)", "a: b: c", "{{mission}}", "```baton", "…", "  ", "x,y", "T1 T2",
        "null\u{0}byte", "bell\u{7}", "nbsp\u{A0}", "\u{2028}sep", "last line\n  indented", "- a\n- b",
        "détail\n\n\nwith gaps", "# comment-like\n## header-like", "    deep\nshallow",
    ]

    static func randomString<R: RandomNumberGenerator>(_ rng: inout R, allowNewlines: Bool) -> String {
        var parts: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            var s = nasty.randomElement(using: &rng)!
            if !allowNewlines {
                s = s.filter { !$0.isNewline && !$0.unicodeScalars.contains { PlanValidator.hasControlCharacters(String($0)) } }
            }
            parts.append(s)
        }
        return parts.joined(separator: Bool.random(using: &rng) ? " " : "")
    }

    static func randomPlan<R: RandomNumberGenerator>(_ rng: inout R) -> Plan {
        let count = Int.random(in: 0...6, using: &rng)
        var tasks: [PlanTask] = []
        for i in 0..<count {
            var title = randomString(&rng, allowNewlines: false)
            if title.trimmingCharacters(in: .whitespaces).isEmpty { title = "Task \(i)" }
            let earlier = (0..<i).map { "T\($0 + 1)" }
            let paths = [
                "Sources/API/", "Sources/a, b/c.swift", "README.md", "docs/ünï code.md", "Tests/*Spec.swift", "\"odd\"", " spaced ", "x",
            ]
            tasks.append(
                PlanTask(
                    id: "T\(i + 1)", title: title,
                    detail: Bool.random(using: &rng) ? "" : randomString(&rng, allowNewlines: true),
                    kind: TaskKind.allCases.randomElement(using: &rng)!,
                    scope: (0..<Int.random(in: 0...3, using: &rng)).map { _ in paths.randomElement(using: &rng)! },
                    avoid: (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                        Bool.random(using: &rng) ? paths.randomElement(using: &rng)! : randomString(&rng, allowNewlines: false)
                    },
                    deps: earlier.filter { _ in Int.random(in: 0..<3, using: &rng) == 0 },
                    route: Bool.random(using: &rng)
                        ? nil
                        : ["claude", "codex", "human", "my agent", randomString(&rng, allowNewlines: false)].randomElement(using: &rng)!,
                    routeReason: Bool.random(using: &rng) ? nil : randomString(&rng, allowNewlines: true),
                    routeOverridden: Bool.random(using: &rng),
                    acceptance: (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomString(&rng, allowNewlines: true) }
                ))
        }
        return Plan(version: Int.random(in: 0...50, using: &rng), tasks: tasks)
    }

    @Test func randomValidPlansRoundTrip() throws {
        var rng = SeededRandom(seed: 0xBA70_2026)
        var checked = 0
        for iteration in 0..<400 {
            let plan = Self.randomPlan(&rng)
            guard PlanValidator.validate(plan).isEmpty else { continue }
            checked += 1
            let text = PlanTextFormat.render(plan)
            let back = try PlanTextFormat.parse(text)
            #expect(back == plan, "iteration \(iteration):\n\(text)")
            if back != plan { break }
        }
        #expect(checked >= 200)
    }
}
