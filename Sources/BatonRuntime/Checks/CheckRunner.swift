import BatonCore
import Foundation

/// Runs a list of checks one after the other in a worktree, each in its own process group
/// (through the ``Executor``), their output appended to one log file; stops at the first red
/// one, stops a check past its timeout, and reads the runner's summary into a verdict.
struct CheckRunner: Sendable {
    let executor: any Executor
    let clock: any RuntimeClock

    /// Runs `checks` in `root`. `started` is told each check's process (to record it and to
    /// let /cancel stop it); `stillWanted` is asked between checks (false: stop early).
    func run(
        _ checks: [CheckSpec], in root: String, log: String, environment: [String: String],
        started: @Sendable (SpawnedProcess) async -> Void, stillWanted: @Sendable () async -> Bool
    ) async -> CheckVerdict {
        let begin = clock.now()
        var results: [CheckResult] = []
        var tail = ""
        for (i, check) in checks.enumerated() {
            guard results.allSatisfy({ $0.outcome == .passed }), await stillWanted() else {
                results += checks[i...].map { CheckResult(name: $0.name, outcome: .skipped) }
                break
            }
            let (result, output) = await runOne(check, in: root, log: log, environment: environment, started: started)
            results.append(result)
            if result.outcome != .passed {
                tail = CheckTail.make(name: check.name, command: check.display, output: output, summary: result.summary)
            }
        }
        return CheckVerdict(results: results, seconds: clock.now().timeIntervalSince(begin), tail: tail, log: log)
    }

    private func runOne(
        _ check: CheckSpec, in root: String, log: String, environment: [String: String],
        started: @Sendable (SpawnedProcess) async -> Void
    ) async -> (CheckResult, String) {
        let directory = check.directory.isEmpty ? root : root + "/" + check.directory
        let offset = Self.size(of: log)
        Self.append("== \(check.name): \(check.display)\n", to: log)
        let begin = clock.now()
        let process: SpawnedProcess
        do {
            process = try executor.spawn(check.argv, in: directory, stdout: log, stderr: log, environment: environment)
        } catch {
            Self.append("\(error)\n", to: log)
            return (CheckResult(name: check.name, outcome: .notStarted, note: "\(error)"), "\(error)")
        }
        await started(process)
        var timedOut = false
        var code: Int32 = -1
        while true {
            if let status = executor.exitStatus(of: process) {
                code = status
                break
            }
            if !executor.isAlive(process) {
                code = -1
                break
            }
            if clock.now().timeIntervalSince(begin) > check.timeoutSeconds {
                timedOut = true
                await executor.stop(process)
                break
            }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        let seconds = clock.now().timeIntervalSince(begin)
        let output = Self.read(log, from: offset)
        let summary = TestSummary.parse(output)
        let outcome: CheckResult.Outcome = timedOut ? .timedOut : code == 0 ? .passed : .failed
        if timedOut { Self.append("== \(check.name): stopped after \(Elapsed.format(seconds: seconds))\n", to: log) }
        return (
            CheckResult(name: check.name, outcome: outcome, exitCode: timedOut ? nil : code, summary: summary, seconds: seconds), output
        )
    }

    static func size(of path: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    static func append(_ text: String, to path: String) {
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(text.utf8))
    }

    /// The file from `offset` on (at most the last 4 MB of it).
    static func read(_ path: String, from offset: UInt64) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let end = (try? handle.seekToEnd()) ?? offset
        let start = max(offset, end > 4_000_000 ? end - 4_000_000 : 0)
        try? handle.seek(toOffset: start)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }
}
