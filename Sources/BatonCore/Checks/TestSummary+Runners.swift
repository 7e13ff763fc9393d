import Foundation

/// The summary readers of each runner; each returns nil when its runner's summary is absent.
extension TestSummary {
    /// XCTest (`Executed 41 tests, with 2 failures`) and Swift Testing (`Test run with 12 tests … failed`).
    static func swift(_ lines: [String]) -> TestSummary? {
        var result: TestSummary?
        // XCTest: the last "Executed" line is the whole run's.
        if let executed = lines.last(where: { $0.contains("Executed ") && $0.contains(" test") && $0.contains(" with ") }),
            let text = after("Executed ", in: executed)
        {
            let total = Int(text.prefix { $0.isNumber }) ?? 0
            let failedCases = unique(
                lines.compactMap { line -> String? in
                    guard line.hasPrefix("Test Case '"), line.contains("' failed") else { return nil }
                    return xctestName(line.dropFirst("Test Case '".count).prefix { $0 != "'" })
                })
            // `Executed 3 tests, with 1 test skipped and 0 failures`
            let words = text.split(separator: " ")
            let skippedAt = words.firstIndex { $0.hasPrefix("skipped") }
            let skipped = skippedAt.flatMap { $0 >= 2 ? Int(words[$0 - 2]) : nil } ?? 0
            let failures = failedCases.isEmpty ? count("failure", in: text) : failedCases.count
            let message = lines.first { $0.contains(": error: ") }.flatMap { line -> String? in
                guard let rest = after(": error: ", in: line), let colon = rest.range(of: " : ") else { return nil }
                return String(rest[colon.upperBound...]).trimmingCharacters(in: .whitespaces).trimmingSuffix(" -")
            }
            if total > 0 || executed.contains("Executed 0") {
                result = TestSummary(
                    passed: max(0, total - failures - skipped), failed: failures, skipped: skipped, failures: failedCases, message: message)
            }
        }
        // Swift Testing.
        if let run = lines.last(where: { $0.contains("Test run with ") }), let text = after("Test run with ", in: run) {
            let total = Int(text.prefix { $0.isNumber }) ?? 0
            var names: [String] = []
            var message: String?
            var skipped = 0
            for line in lines where !line.contains("Test run") {
                guard let rest = after("Test ", in: line) else { continue }
                if let end = rest.range(of: " failed after ") ?? rest.range(of: " failed.") {
                    names.append(String(rest[..<end.lowerBound]))
                } else if message == nil, let issue = rest.range(of: " recorded an issue at ") {
                    let place = rest[issue.upperBound...]
                    if let sep = place.range(of: ": ") { message = String(place[sep.upperBound...]) }
                } else if rest.contains(" skipped") {
                    skipped += 1
                }
            }
            names = unique(names)
            let failed = text.contains(" failed ") ? max(names.count, 1) : 0
            let testing = TestSummary(
                passed: max(0, total - failed - skipped), failed: failed, skipped: skipped, failures: names, message: message)
            if var xc = result {
                xc.passed += testing.passed
                xc.failed += testing.failed
                xc.skipped += testing.skipped
                xc.failures += testing.failures
                xc.message = xc.message ?? testing.message
                result = xc
            } else {
                result = testing
            }
        }
        return result
    }

    /// `-[ReportsTests testEmptyCSV]` (macOS) → `ReportsTests.testEmptyCSV`; Linux names stay.
    static func xctestName(_ raw: Substring) -> String {
        guard raw.hasPrefix("-["), raw.hasSuffix("]") else { return String(raw) }
        return raw.dropFirst(2).dropLast().replacingOccurrences(of: " ", with: ".")
    }

    /// `==== 2 failed, 39 passed, 1 skipped in 0.12s ====` and the `FAILED path::name - message` lines.
    static func pytest(_ lines: [String]) -> TestSummary? {
        // `=== 1 failed, 2 passed, 1 skipped in 0.12s ===`, or with -q `2 passed, 1 skipped in 0.12s`.
        let summaries = lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "= ")) }
        guard
            let text = summaries.last(where: { line in
                guard let first = line.first, first.isNumber || line.hasPrefix("no tests ran"),
                    let r = line.range(of: " in ", options: .backwards)
                else { return false }
                let time = line[r.upperBound...]
                return time.hasSuffix("s") && Double(time.dropLast().prefix { $0 != " " }) != nil
                    && (line.contains(" passed") || line.contains(" failed") || line.contains(" error") || line.contains("no tests ran"))
            })?[...]
        else { return nil }
        var result = TestSummary(
            passed: count("passed", in: text), failed: count("failed", in: text) + count("error", in: text),
            skipped: count("skipped", in: text))
        for line in lines where line.hasPrefix("FAILED ") || line.hasPrefix("ERROR ") {
            let rest = line.drop { $0 != " " }.dropFirst()
            let parts = rest.components(separatedBy: " - ")
            result.failures.append(parts[0])
            if result.message == nil, parts.count > 1 { result.message = parts.dropFirst().joined(separator: " - ") }
        }
        return result
    }

    /// `test result: FAILED. 39 passed; 2 failed; 0 ignored; …` (one per test binary, added up).
    static func cargo(_ lines: [String]) -> TestSummary? {
        let results = lines.filter { $0.hasPrefix("test result: ") }
        guard !results.isEmpty else { return nil }
        var result = TestSummary()
        for line in results {
            let text = line[...]
            result.passed += count("passed", in: text)
            result.failed += count("failed", in: text)
            result.skipped += count("ignored", in: text)
        }
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("test "), line.hasSuffix(" ... FAILED") {
                result.failures.append(String(line.dropFirst(5).dropLast(" ... FAILED".count)))
            } else if result.message == nil, line.hasPrefix("thread '"), line.contains("panicked at") {
                // New format: the message is on the next line; old format: `panicked at 'message', file`.
                if line.hasSuffix(":"), i + 1 < lines.count {
                    result.message = lines[i + 1].trimmingCharacters(in: .whitespaces)
                } else if let quoted = after("panicked at '", in: line) {
                    result.message = String(quoted.prefix { $0 != "'" })
                }
            }
        }
        return result
    }

    /// `--- FAIL: TestEmptyCSV (0.00s)` and `--- PASS:` lines (the latter with -v only).
    static func go(_ lines: [String]) -> TestSummary? {
        var result = TestSummary()
        var sawPackage = false
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("--- FAIL: ") {
                result.failed += 1
                result.failures.append(String(line.dropFirst("--- FAIL: ".count).prefix { $0 != " " }))
                if result.message == nil, i + 1 < lines.count {
                    let next = lines[i + 1].trimmingCharacters(in: .whitespaces)
                    if !next.isEmpty, !next.hasPrefix("---"), next != "FAIL" { result.message = next }
                }
            } else if line.hasPrefix("--- PASS: ") {
                result.passed += 1
            } else if line.hasPrefix("--- SKIP: ") {
                result.skipped += 1
            } else if raw.hasPrefix("ok  \t") || raw.hasPrefix("FAIL\t") {
                sawPackage = true
            }
        }
        return sawPackage || result.failed + result.passed > 0 ? result : nil
    }

    /// jest: `Tests:       2 failed, 39 passed, 41 total` and the `● Suite › name` headings.
    static func jest(_ lines: [String]) -> TestSummary? {
        guard let summary = lines.last(where: { $0.hasPrefix("Tests:") && $0.contains(" total") }) else { return nil }
        let text = summary.dropFirst("Tests:".count)
        var result = TestSummary(passed: count("passed", in: text), failed: count("failed", in: text), skipped: count("skipped", in: text))
        for (i, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("● "), !trimmed.contains("Test suite failed to run") else { continue }
            result.failures.append(String(trimmed.dropFirst(2)))
            if result.message == nil {
                result.message = lines[(i + 1)...].map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
            }
        }
        return result
    }

    /// vitest: `      Tests  2 failed | 39 passed (41)` and the ` FAIL  file > suite > name` lines.
    static func vitest(_ lines: [String]) -> TestSummary? {
        guard let summary = lines.last(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Tests  ") }) else { return nil }
        let text = summary.trimmingCharacters(in: .whitespaces).dropFirst("Tests".count)
        var result = TestSummary(passed: count("passed", in: text), failed: count("failed", in: text), skipped: count("skipped", in: text))
        for (i, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("FAIL "), trimmed.contains(" > ") else { continue }
            result.failures.append(trimmed.dropFirst(4).trimmingCharacters(in: .whitespaces))
            if result.message == nil {
                result.message = lines[(i + 1)...].map { $0.trimmingCharacters(in: .whitespaces) }.first {
                    !$0.isEmpty && !$0.hasPrefix("⎯")
                }
            }
        }
        return result
    }

    /// node --test: `ℹ pass 39` / `# pass 39` and `✖ name` / `not ok 3 - name`.
    static func node(_ lines: [String]) -> TestSummary? {
        var result = TestSummary()
        var found = false
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for marker in ["ℹ ", "# "] where trimmed.hasPrefix(marker) {
                let words = trimmed.dropFirst(marker.count).split(separator: " ")
                guard words.count == 2, let n = Int(words[1]) else { continue }
                switch words[0] {
                case "pass":
                    result.passed = n
                    found = true
                case "fail":
                    result.failed = n
                    found = true
                case "skipped", "skip": result.skipped = n
                default: break
                }
            }
            if trimmed.hasPrefix("not ok "), let dash = trimmed.range(of: " - ") {
                result.failures.append(String(trimmed[dash.upperBound...]))
            } else if trimmed.hasPrefix("✖ "), !trimmed.hasSuffix("failing tests:") {
                let name = trimmed.dropFirst(2)
                result.failures.append(String(name.range(of: " (").map { name[..<$0.lowerBound] } ?? name))
            }
        }
        return found ? result : nil
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
