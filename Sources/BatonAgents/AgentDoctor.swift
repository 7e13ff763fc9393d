import BatonCore
import Foundation

/// `baton doctor`: for every agent profile, whether its CLI is on PATH, its version, whether
/// the flags Baton passes are in its `--help`, and a hint when no login is found; with
/// `live`, one tiny read-only turn in a scratch folder and whether its stream parsed.
public struct AgentDoctor: Sendable {
    /// What was found for one agent.
    public struct Report: Sendable, Equatable {
        public var name: String
        public var executable: String?
        public var version: String?
        /// Flags Baton passes that the CLI's help does not list.
        public var missingFlags: [String] = []
        /// True when the help could not be read at all.
        public var helpUnreadable = false
        public var loginHint: String?
        /// The live turn's outcome, one line (nil without `live`).
        public var live: String?
        public var liveFailed = false
        public var install: String

        /// True when nothing needs the user's attention.
        public var healthy: Bool { executable != nil && missingFlags.isEmpty && !helpUnreadable && !liveFailed }
    }

    public let environment: [String: String]
    public let timeout: Double

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Double = 20) {
        self.environment = environment
        self.timeout = timeout
    }

    /// Examines `adapter`'s CLI (`profile` gives the install hint).
    public func examine(_ profile: AgentProfile, adapter: any AgentAdapter, executable: String, live: Bool) -> Report {
        var report = Report(name: profile.name, install: profile.install)
        guard let path = ExecutableSearch.find(executable, path: environment["PATH"] ?? "") else { return report }
        report.executable = path
        if let version = capture(path, ["--version"], in: nil)?.output {
            report.version = version.split(whereSeparator: \.isNewline).first.map { TerminalText.oneLine(String($0), limit: 60) }
        }
        if let help = capture(path, adapter.helpArguments, in: nil), help.status == 0 {
            report.missingFlags = adapter.flagsUsed.filter { !Self.lists(help.output, flag: $0) }
        } else {
            report.helpUnreadable = true
        }
        report.loginHint = loginHint(profile)
        if live { (report.live, report.liveFailed) = liveTurn(adapter) }
        return report
    }

    /// True when `help` lists `flag` as a word (`--model`, not `--model-provider`).
    static func lists(_ help: String, flag: String) -> Bool {
        var searchFrom = help.startIndex
        while let range = help.range(of: flag, range: searchFrom..<help.endIndex) {
            let before = range.lowerBound == help.startIndex ? " " : help[help.index(before: range.lowerBound)]
            let after = range.upperBound == help.endIndex ? " " : help[range.upperBound]
            if !(before.isLetter || before.isNumber || before == "-") && !(after.isLetter || after.isNumber || after == "-" || after == "_")
            {
                return true
            }
            searchFrom = range.upperBound
        }
        return false
    }

    /// A hint when neither an API key nor the CLI's own login file is found.
    func loginHint(_ profile: AgentProfile) -> String? {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let (keys, files, login): ([String], [String], String)
        switch profile.protocol {
        case .claude:
            (keys, files, login) = (
                ["ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_AUTH_TOKEN"],
                [home + "/.claude/.credentials.json", home + "/.claude.json"], "run `claude` once and /login"
            )
        case .codex:
            let codexHome = environment["CODEX_HOME"] ?? home + "/.codex"
            (keys, files, login) = (["OPENAI_API_KEY", "CODEX_API_KEY"], [codexHome + "/auth.json"], "run `codex login`")
        case .gemini:
            (keys, files, login) = (
                ["GEMINI_API_KEY", "GOOGLE_API_KEY"], [home + "/.gemini/oauth_creds.json"], "run `gemini` once to log in"
            )
        case .aider:
            (keys, files, login) = (
                ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENROUTER_API_KEY"], [home + "/.aider.conf.yml"], "set an API key"
            )
        default:
            return nil
        }
        if keys.contains(where: { !(environment[$0] ?? "").isEmpty }) { return nil }
        if files.contains(where: { FileManager.default.fileExists(atPath: $0) }) { return nil }
        return "no login found — \(login), or set \(keys[0])"
    }

    /// One tiny turn that asks for no tool, in a scratch folder: did its stream parse?
    func liveTurn(_ adapter: any AgentAdapter) -> (String, Bool) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("baton-doctor-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        do { try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true) } catch {
            return ("could not make a scratch folder: \(error)", true)
        }
        let options = TurnOptions(prompt: "Reply with the single word ok. Do not use any tool.", worktree: scratch)
        var argv = adapter.argv(firstTurn: options)
        guard !argv.isEmpty, let path = ExecutableSearch.find(argv[0], path: environment["PATH"] ?? "") else {
            return ("not found on PATH", true)
        }
        argv[0] = path
        guard let run = capture(path, Array(argv.dropFirst()), in: scratch, timeout: max(timeout, 120)) else {
            return ("the turn did not end in time", true)
        }
        var decoder = adapter.makeDecoder(worktree: scratch)
        var warnings = 0
        var drift: AgentDrift?
        for line in run.output.split(separator: "\n", omittingEmptySubsequences: true) {
            for event in decoder.decode(line: String(line)) {
                if case .warning = event { warnings += 1 }
                if case .drift(let d) = event, drift == nil { drift = d }
            }
        }
        let result = decoder.finish(exitCode: run.status, stderrTail: run.error)
        if let error = result.error { return ("live turn failed: \(TerminalText.oneLine(error, limit: 160))", true) }
        let reply = TerminalText.oneLine(result.finalText, limit: 40)
        var parsed = warnings == 0 ? "stream parsed" : "stream parsed with \(warnings) unreadable line\(warnings == 1 ? "" : "s")"
        if let drift { parsed += " · drift: " + TerminalText.oneLine(drift.text(), limit: 120) }
        return ("live turn ok · \(parsed) · replied \(reply.isEmpty ? "(nothing)" : "“\(reply)”")", warnings > 0 || drift != nil)
    }

    /// Runs `path args` (argv, no shell; stdin closed) in `directory`; nil when it could not
    /// start or did not end within the timeout (it is then killed).
    func capture(
        _ path: String, _ args: [String], in directory: String?, timeout: Double? = nil
    ) -> (status: Int32, output: String, error: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = args
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = environment
        let files = (0..<2).map { _ in FileManager.default.temporaryDirectory.appendingPathComponent("baton-doctor-\(UUID().uuidString)") }
        defer { for f in files { try? FileManager.default.removeItem(at: f) } }
        do {
            for f in files { FileManager.default.createFile(atPath: f.path, contents: nil) }
            process.standardOutput = try FileHandle(forWritingTo: files[0])
            process.standardError = try FileHandle(forWritingTo: files[1])
            process.standardInput = FileHandle.nullDevice
            try process.run()
        } catch {
            return nil
        }
        let deadline = Date().addingTimeInterval(timeout ?? self.timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        let read = { (url: URL) in String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        return (process.terminationStatus, read(files[0]), read(files[1]))
    }
}
