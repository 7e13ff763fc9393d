import Foundation

/// The environment a test runs `baton` in: stand-in agents first on PATH (or none at all),
/// their state under the repository's scratch folder, no colour.
public struct BatonEnvironment: Sendable {
    public var values: [String: String]
    public let standInState: String

    /// `agents`: which stand-ins are "installed" (a PATH folder holding only those);
    /// nil = all of them.
    public init(repository: TestRepository, agents: [String]? = nil, extra: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment
        standInState = repository.scratch + "/standins"
        try FileManager.default.createDirectory(atPath: standInState, withIntermediateDirectories: true)
        var bin = Products.standIns
        if let agents {
            bin = repository.scratch + "/bin-" + agents.joined(separator: "-")
            try? FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            for a in agents where !FileManager.default.fileExists(atPath: bin + "/" + a) {
                try FileManager.default.createSymbolicLink(atPath: bin + "/" + a, withDestinationPath: Products.standIns + "/" + a)
            }
        }
        // Keep git, python3 and the system tools; drop any real agent CLIs.
        let system = (env["PATH"] ?? "").split(separator: ":").map(String.init).filter { dir in
            !["claude", "codex", "gemini", "aider", "opencode", "agy"].contains { FileManager.default.fileExists(atPath: dir + "/" + $0) }
        }
        env["PATH"] = ([bin] + system).joined(separator: ":")
        env["BATON_STANDIN_STATE"] = standInState
        env["NO_COLOR"] = "1"
        env["HOME"] = repository.scratch
        // A developer's own ~/.config/baton/agents.json never reaches a test.
        env["XDG_CONFIG_HOME"] = repository.scratch + "/.config"
        env.removeValue(forKey: "BATON_PLANNER")
        env.removeValue(forKey: "BATON_SESSIONS")
        for (k, v) in extra { env[k] = v }
        values = env
    }

    /// Writes a stand-in scenario (`{"T1": [turn, ...]}`) and points the stand-ins at it.
    public mutating func scenario(_ json: String) throws {
        let file = standInState + "/scenario.json"
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        values["BATON_STANDIN_SCENARIO"] = file
    }

    /// Makes the stand-in planners answer with this plan JSON.
    public mutating func plan(_ json: String) throws {
        let file = standInState + "/plan.json"
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        values["BATON_STANDIN_PLAN"] = file
    }

    /// Every stand-in invocation so far: agent name and argv.
    public func calls() -> [(agent: String, argv: [String])] {
        guard let text = try? String(contentsOfFile: standInState + "/calls.jsonl", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let agent = obj["agent"] as? String, let argv = obj["argv"] as? [String]
            else { return nil }
            return (agent, argv)
        }
    }
}

/// Runs `baton` with piped input to its end (a scripted session).
public enum Baton {
    public static func run(
        _ arguments: [String] = [], input: String, in repository: TestRepository, environment: BatonEnvironment
    ) throws -> Command.Result {
        try Command.run(Products.baton, arguments, in: repository.path, input: input, environment: environment.values)
    }
}

/// A `baton` process kept running: lines are fed one at a time and its output is read as it
/// arrives (for kill and resume tests).
public final class LiveBaton: @unchecked Sendable {
    public let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = Data()
    private var ended = false

    public init(_ arguments: [String] = [], in repository: TestRepository, environment: BatonEnvironment) throws {
        process.executableURL = URL(fileURLWithPath: Products.baton)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repository.path)
        process.environment = environment.values
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.lock()
            if data.isEmpty { self.ended = true } else { self.buffer.append(data) }
            self.lock.unlock()
            if data.isEmpty { handle.readabilityHandler = nil }
        }
        // A write to a baton that exited fails with EPIPE instead of killing the test run. A
        // handler, not SIG_IGN: a caught signal is reset at exec, so children keep the default.
        signal(SIGPIPE) { _ in }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        output.fileHandleForReading.readabilityHandler = nil
    }

    /// Everything printed so far.
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Writes `line` to baton's stdin; nothing when baton has already exited (the write fails
    /// with EPIPE instead of killing the test process: see `init`).
    public func send(_ line: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Closes stdin (end of input).
    public func close() { try? input.fileHandleForWriting.close() }

    /// Polls until the output contains `needle`.
    public func waitFor(_ needle: String, seconds: Double = 60) async -> Bool {
        await poll(seconds: seconds) { text.contains(needle) }
    }

    /// SIGKILL, then waits for the process to be gone.
    public func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for the process to end and for the last of its output to be read.
    public func waitForExit(seconds: Double = 60) async -> Int32? {
        _ = await poll(seconds: seconds) { !process.isRunning && outputEnded }
        return process.isRunning ? nil : process.terminationStatus
    }

    private var outputEnded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return ended
    }
}
