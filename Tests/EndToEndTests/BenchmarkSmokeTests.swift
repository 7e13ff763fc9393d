import BatonTestSupport
import Foundation
import Testing

/// `benchmarks/run --quick` against the built binaries: every figure is measured (or
/// skipped with a reason) and written to results.json. No timing is asserted.
@Suite struct BenchmarkSmokeTests {
    @Test func quickRunMeasuresEveryFigure() throws {
        let baton = Products.baton
        let binDir = URL(fileURLWithPath: baton).deletingLastPathComponent().path
        try #require(FileManager.default.isExecutableFile(atPath: binDir + "/baton-bench"), "baton-bench is not built")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("baton-bench-smoke-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let out = scratch + "/results.json"
        let script = Products.packageRoot.appendingPathComponent("benchmarks/run").path
        // Every process of the run inherits this marker: none may outlive it.
        let marker = "BATON_BENCH_SMOKE=\(UUID().uuidString)"
        var environment = ProcessInfo.processInfo.environment
        environment["BATON_BENCH_SMOKE"] = String(marker.dropFirst("BATON_BENCH_SMOKE=".count))
        let result = try Command.run(
            "/usr/bin/env", ["python3", script, "--quick", "--bin", binDir, "--out", out],
            in: Products.packageRoot.path, environment: environment)
        let survivors = ProcessSweep.pids(environmentPrefix: marker)
        ProcessSweep.killAll(environmentPrefix: marker)
        #expect(survivors.isEmpty, "processes of the benchmark run outlived it: \(survivors)")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Time to a ready REPL"))
        #expect(result.stdout.contains("Decisions asked per task"))

        let data = try #require(FileManager.default.contents(atPath: out))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let figures = try #require(json["figures"] as? [String: [String: Any]])
        let keys = [
            "repl", "replay", "resume", "decode_claude", "decode_codex", "schedule", "dispatch", "dispatch_large", "dispatch_sparse",
            "memory", "cpu", "typing", "attention", "attention_checks", "check_overhead", "realturn_claude", "realturn_codex",
        ]
        for key in keys {
            let figure = try #require(figures[key], "\(key) missing")
            #expect(figure["error"] == nil, "\(key): \(figure["error"] ?? "")")
            if key == "typing", figure["skipped"] != nil { continue }  // no tmux on this machine
            #expect(figure["value"] is Double || figure["value"] is Int, "\(key) has no value")
        }
        // The scripted mission has a conflict: Baton must have asked about it.
        let attention = try #require(figures["attention"]?["detail"] as? [String: Any])
        #expect((attention["conflictsCaught"] as? Int ?? 0) >= 1)
        #expect((attention["decisions"] as? Int ?? 0) >= 2, "the question and the conflict")
        // With checks on, every task's check ran and the conflict is still caught.
        let checked = try #require(figures["attention_checks"]?["detail"] as? [String: Any])
        #expect((checked["conflictsCaught"] as? Int ?? 0) >= 1 && checked["withoutChecks"] is Double)
        #expect((checked["checkRuns"] as? Int ?? 0) >= 5, "every task's checks ran: \(checked)")
        let around = try #require(figures["check_overhead"]?["detail"] as? [String: Any])
        #expect((around["own"] as? [Double])?.count == 2, "two checks timed: \(around)")
    }
}
