import BatonCore
import Testing

/// The runner summary readers on real output. pytest, node --test, cargo test and swift test
/// samples were captured from the real tools (pytest 9.0, node 20 TAP, cargo 1.9x, Swift 6.2);
/// go test, jest and vitest samples follow those runners' documented output (not installed here).
@Suite struct TestSummaryTests {
    @Test func pytestCountsAndTheFailingTest() throws {
        let s = try #require(TestSummary.parse(Samples.pytestRed))
        #expect(s.passed == 2 && s.failed == 1 && s.skipped == 1)
        #expect(s.failures == ["tests/test_reports.py::test_empty_csv"])
        #expect(s.message == "assert 0 == 1")
        let green = try #require(TestSummary.parse(Samples.pytestQuiet))
        #expect(green.passed == 2 && green.failed == 0 && green.skipped == 1)
    }

    @Test func nodeTestRunnerTAP() throws {
        let s = try #require(TestSummary.parse(Samples.nodeRed))
        #expect(s.passed == 2 && s.failed == 1)
        #expect(s.failures == ["empty csv"])
    }

    @Test func cargoTest() throws {
        let s = try #require(TestSummary.parse(Samples.cargoRed))
        #expect(s.passed == 1 && s.failed == 1 && s.skipped == 1)
        #expect(s.failures == ["tests::empty_csv"])
        #expect(s.message == "assertion `left == right` failed")
    }

    @Test func swiftTestAddsXCTestAndSwiftTesting() throws {
        let s = try #require(TestSummary.parse(Samples.swiftRed))
        #expect(s.passed == 2 && s.failed == 2)
        #expect(s.failures == ["ReportsTests.testEmptyCSV", "emptyReport()"])
        #expect(s.message == #"XCTAssertEqual failed: ("0") is not equal to ("1")"#)
    }

    @Test func goTest() throws {
        let s = try #require(TestSummary.parse(Samples.goRed))
        #expect(s.failed == 1 && s.passed == 1)
        #expect(s.failures == ["TestEmptyCSV"])
        #expect(s.message == "reports_test.go:12: got 0 rows, want 1")
    }

    @Test func jest() throws {
        let s = try #require(TestSummary.parse(Samples.jestRed))
        #expect(s.passed == 39 && s.failed == 2)
        #expect(s.failures == ["Reports › empty csv", "Reports › header row"])
        #expect(s.message == "expect(received).toBe(expected) // Object.is equality")
    }

    @Test func vitest() throws {
        let s = try #require(TestSummary.parse(Samples.vitestRed))
        #expect(s.passed == 3 && s.failed == 1)
        #expect(s.failures == ["src/reports.test.ts > reports > empty csv"])
        #expect(s.message == "AssertionError: expected 0 to be 1 // Object.is equality")
    }

    @Test func unknownOutputHasNoSummary() {
        #expect(TestSummary.parse("lint: 3 problems\nsomething else\n") == nil)
        #expect(TestSummary.parse("") == nil)
    }

    @Test func theTailPutsFailingNamesFirstAndIsBounded() throws {
        let summary = TestSummary.parse(Samples.pytestRed)
        let long = Samples.pytestRed + (1...500).map { "noise line \($0) " + String(repeating: "x", count: 60) }.joined(separator: "\n")
        let tail = CheckTail.make(name: "unit", command: "pytest", output: long, summary: summary)
        let lines = tail.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "check unit (pytest) failed")
        #expect(lines[1] == "failing: tests/test_reports.py::test_empty_csv")
        #expect(tail.utf8.count <= CheckTail.maxBytes)
        #expect(lines.count <= CheckTail.maxLines + 3)
        #expect(tail.hasSuffix("noise line 500 " + String(repeating: "x", count: 60)))
    }

    @Test func verdictLinesSayWhatHappenedInNumbers() {
        let green = CheckVerdict(
            results: [
                CheckResult(name: "build", outcome: .passed, exitCode: 0),
                CheckResult(name: "test", outcome: .passed, exitCode: 0, summary: TestSummary(passed: 41)),
            ], seconds: 38)
        #expect(green.line == "✓ build ✓ · test 41 passed · 38s")
        #expect(green.short == "✓ 41")
        let red = CheckVerdict(
            results: [
                CheckResult(
                    name: "test", outcome: .failed, exitCode: 1,
                    summary: TestSummary(passed: 39, failed: 2, failures: ["ReportsTests.testEmptyCSV"], message: "XCTAssertEqual failed")),
                CheckResult(name: "lint", outcome: .skipped),
            ], seconds: 12)
        #expect(red.line == "✗ test: 2 failed — ReportsTests.testEmptyCSV: XCTAssertEqual failed")
        #expect(red.short == "✗ 2")
        #expect(!red.green)
        let noCount = CheckVerdict(results: [CheckResult(name: "lint", outcome: .failed, exitCode: 3)], seconds: 1)
        #expect(noCount.line == "✗ lint: exit 3")
    }
}

enum Samples {
    static let pytestRed = #"""
        ============================= test session starts ==============================
        platform linux -- Python 3.11.7, pytest-9.0.3, pluggy-1.6.0
        benchmark: 5.2.3 (defaults: timer=time.perf_counter disable_gc=False min_rounds=5 min_time=0.000005 max_time=1.0 calibration_precision=10 warmup=False warmup_iterations=100000)
        rootdir: /tmp/samples/py
        plugins: hypothesis-6.155.2, benchmark-5.2.3
        collected 4 items

        tests/test_reports.py .Fs.                                               [100%]

        =================================== FAILURES ===================================
        ________________________________ test_empty_csv ________________________________

            def test_empty_csv():
                rows = []
        >       assert len(rows) == 1
        E       assert 0 == 1
        E        +  where 0 = len([])

        tests/test_reports.py:6: AssertionError
        =========================== short test summary info ============================
        FAILED tests/test_reports.py::test_empty_csv - assert 0 == 1
        =================== 1 failed, 2 passed, 1 skipped in 22.07s ====================
        """#

    static let pytestQuiet = #"""
        .s.                                                                      [100%]
        2 passed, 1 skipped, 1 deselected in 19.02s
        """#

    static let nodeRed = #"""
        TAP version 13
        # Subtest: header row
        ok 1 - header row
          ---
          duration_ms: 70.34513
          ...
        # Subtest: empty csv
        not ok 2 - empty csv
          ---
          duration_ms: 1.497763
          location: '/tmp/samples/node/reports.test.mjs:4:1'
          failureType: 'testCodeFailure'
          error: |-
            Expected values to be strictly equal:
            
            0 !== 1
            
          code: 'ERR_ASSERTION'
          name: 'AssertionError'
          expected: 1
          actual: 0
          operator: 'strictEqual'
          stack: |-
            TestContext.<anonymous> (file:///tmp/samples/node/reports.test.mjs:4:34)
            Test.runInAsyncScope (node:async_hooks:206:9)
            Test.run (node:internal/test_runner/test:796:25)
            Test.processPendingSubtests (node:internal/test_runner/test:526:18)
            Test.postRun (node:internal/test_runner/test:889:19)
            Test.run (node:internal/test_runner/test:835:12)
            async Test.processPendingSubtests (node:internal/test_runner/test:526:7)
          ...
        # Subtest: rows
        ok 3 - rows
          ---
          duration_ms: 0.218097
          ...
        1..3
        # tests 3
        # suites 0
        # pass 2
        # fail 1
        # cancelled 0
        # skipped 0
        # todo 0
        # duration_ms 3132.113591
        """#

    static let cargoRed = #"""
           Compiling reports v0.1.0 (/tmp/samples/rs)
            Finished `test` profile [unoptimized + debuginfo] target(s) in 1m 02s
             Running unittests src/lib.rs (target/debug/deps/reports-a774ac317ae7f9df)

        running 3 tests
        test tests::header ... ok
        test tests::later ... ignored
        test tests::empty_csv ... FAILED

        failures:

        ---- tests::empty_csv stdout ----

        thread 'tests::empty_csv' (17732) panicked at src/lib.rs:6:30:
        assertion `left == right` failed
          left: 0
         right: 1
        stack backtrace:
           0: __rustc::rust_begin_unwind
                     at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/panicking.rs:689:5
           1: core::panicking::panic_fmt
                     at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:80:14
           2: core::panicking::assert_failed_inner
                     at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:439:17
           3: core::panicking::assert_failed::<usize, usize>
                     at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:394:5
           4: reports::tests::empty_csv
                     at ./src/lib.rs:6:30
           5: reports::tests::empty_csv::{{closure}}
                     at ./src/lib.rs:6:27
           6: core::ops::function::FnOnce::call_once
                     at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/ops/function.rs:250:5
           7: <fn() -> core::result::Result<(), alloc::string::String> as core::ops::function::FnOnce<()>>::call_once
                     at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/ops/function.rs:250:5
        note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.


        failures:
            tests::empty_csv

        test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 8.21s

        error: test failed, to rerun pass `--lib`
        """#

    static let swiftRed = #"""
        Building for debugging...
        Build complete! (246.68s)
        Test Suite 'All tests' started at 2026-11-30 10:04:44.446
        Test Suite 'debug.xctest' started at 2026-11-30 10:04:44.515
        Test Suite 'ReportsTests' started at 2026-11-30 10:04:44.515
        Test Case 'ReportsTests.testEmptyCSV' started at 2026-11-30 10:04:44.515
        /tmp/samples/sw/Tests/ReportsTests/ReportsTests.swift:6: error: ReportsTests.testEmptyCSV : XCTAssertEqual failed: ("0") is not equal to ("1") - 
        Test Case 'ReportsTests.testEmptyCSV' failed (0.067 seconds)
        Test Case 'ReportsTests.testHeader' started at 2026-11-30 10:04:44.581
        Test Case 'ReportsTests.testHeader' passed (0.004 seconds)
        Test Suite 'ReportsTests' failed at 2026-11-30 10:04:44.585
        	 Executed 2 tests, with 1 failure (0 unexpected) in 0.071 (0.071) seconds
        Test Suite 'debug.xctest' failed at 2026-11-30 10:04:44.586
        	 Executed 2 tests, with 1 failure (0 unexpected) in 0.071 (0.071) seconds
        Test Suite 'All tests' failed at 2026-11-30 10:04:44.586
        	 Executed 2 tests, with 1 failure (0 unexpected) in 0.071 (0.071) seconds
        ◇ Test run started.
        ↳ Testing Library Version: 6.3.1 (937120cbc281cf2)
        ↳ Target Platform: x86_64-unknown-linux-gnu
        ◇ Test emptyReport() started.
        ◇ Test headerRow() started.
        ✘ Test emptyReport() recorded an issue at ReportsTests.swift:8:28: Expectation failed: (rows("") → 0) == 1
        ✘ Test emptyReport() failed after 0.065 seconds with 1 issue.
        ✔ Test headerRow() passed after 0.065 seconds.
        ✘ Test run with 2 tests in 0 suites failed after 0.094 seconds with 1 issue.
        """#

    static let goRed = #"""
        --- FAIL: TestEmptyCSV (0.00s)
            reports_test.go:12: got 0 rows, want 1
        --- PASS: TestHeader (0.00s)
        FAIL
        FAIL	example.com/reports	0.004s
        ok  	example.com/reports/internal	0.002s
        FAIL
        """#

    static let jestRed = #"""
         FAIL  src/reports.test.js
          Reports
            ✕ empty csv (4 ms)
            ✕ header row (1 ms)
            ✓ rows (1 ms)

          ● Reports › empty csv

            expect(received).toBe(expected) // Object.is equality

            Expected: 1
            Received: 0

          ● Reports › header row

            expect(received).toBe(expected) // Object.is equality

        Test Suites: 1 failed, 3 passed, 4 total
        Tests:       2 failed, 39 passed, 41 total
        Snapshots:   0 total
        Time:        1.284 s
        Ran all test suites.
        """#

    static let vitestRed = #"""
         ❯ src/reports.test.ts (4 tests | 1 failed) 6ms
           × reports > empty csv 4ms
             → expected 0 to be 1 // Object.is equality

        ⎯⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯

         FAIL  src/reports.test.ts > reports > empty csv
        AssertionError: expected 0 to be 1 // Object.is equality
         ❯ src/reports.test.ts:8:22

         Test Files  1 failed (1)
              Tests  1 failed | 3 passed (4)
           Start at  10:02:11
           Duration  312ms
        """#
}
