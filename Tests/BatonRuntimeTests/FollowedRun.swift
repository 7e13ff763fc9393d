import BatonAgents
import BatonCore
import Foundation

@testable import BatonRuntime

/// A run for a `TurnMonitor` to follow in a test: a folder, its empty output file (the test
/// writes the lines) and a `sleep 300` process that lives meanwhile (followed as reattached,
/// so the test does not depend on reaping a child). `end()` kills it and removes the folder.
struct FollowedRun {
    let folder: String
    let output: String
    let process: SpawnedProcess

    init(_ name: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        output = folder + "/out.jsonl"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process = try LocalExecutor().spawn(["/bin/sleep", "300"], in: folder, stdout: folder + "/sleep.out", stderr: folder + "/err")
    }

    func monitor(stallAfter: Double) -> TurnMonitor {
        TurnMonitor(
            process: process, isChild: false, stdoutPath: output, stderrPath: folder + "/err", stallAfter: stallAfter,
            executor: LocalExecutor(), clock: SystemClock())
    }

    /// Kills the process; returns how it ended.
    func end() async -> Int32 {
        kill(process.pid, SIGKILL)
        let code = await LocalExecutor().waitForExit(process)
        try? FileManager.default.removeItem(atPath: folder)
        return code
    }
}
