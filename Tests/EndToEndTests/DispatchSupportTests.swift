import BatonTestSupport
import Foundation
import Testing

/// What the dispatch end-to-end tests share: plans for the stand-in planner, the stand-ins'
/// call log with times and working folders, and reading a finished session from disk.
struct DispatchMission {
    let repo: TestRepository
    var env: BatonEnvironment

    /// A fresh repository (README.md "# Demo") and stand-in environment; `plan` is the JSON
    /// the stand-in planner answers with, `scenario` the stand-in agents' script.
    init(plan: String, scenario: String? = nil, agents: [String]? = nil) throws {
        repo = try TestRepository()
        env = try BatonEnvironment(repository: repo, agents: agents)
        try env.plan(plan)
        if let scenario { try env.scenario(scenario) }
    }

    /// Runs `baton` with these lines piped in (each ends with a newline).
    func run(_ lines: [String], arguments: [String] = []) throws -> Command.Result {
        try Baton.run(arguments, input: lines.map { $0 + "\n" }.joined(), in: repo, environment: env)
    }

    /// The one session this test created.
    var session: String {
        get throws {
            let ids = repo.sessionIDs
            guard ids.count == 1 else { throw DispatchFailure("expected one session, found \(ids)") }
            return ids[0]
        }
    }

    var integrationBranch: String { get throws { "baton/\(try session)/main" } }

    func branch(_ task: String) throws -> String { "baton/\(try session)/\(task)" }

    func worktree(_ task: String) throws -> String { repo.path + "/.baton/worktrees/\(try session)/\(task)" }

    /// A file's content on a branch (nil when it is not there).
    func show(_ branch: String, _ path: String) -> String? {
        try? repo.gitArgs(["show", "\(branch):\(path)"])
    }

    /// Subjects of the checkpoint commits Baton made for `task` on its branch, oldest first.
    func checkpointSubjects(_ task: String) throws -> [String] {
        try repo.gitArgs(["log", "--reverse", "--format=%s", "main..\(try branch(task))"])
            .split(separator: "\n").map(String.init).filter { $0.hasPrefix("baton: \(task) checkpoint") }
    }

    /// Every file tracked on a branch.
    func trackedFiles(_ branch: String) throws -> [String] {
        try repo.gitArgs(["ls-tree", "-r", "--name-only", branch]).split(separator: "\n").map(String.init)
    }

    /// The agent's own session id from the first line that carries one in a turn's stream.
    func agentSessionID(_ task: String, turn: Int) throws -> String? {
        let file = repo.path + "/.baton/Sessions/\(try session)/runs/\(task)-\(turn).jsonl"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        for line in text.split(separator: "\n") {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            if let id = (obj["session_id"] ?? obj["thread_id"]) as? String { return id }
        }
        return nil
    }

    /// Worker turns (planner calls left out) in the order they started.
    func turns() -> [StandInCall] { StandInCall.all(in: env).filter(\.isWorkerTurn) }

    func turns(of task: String) -> [StandInCall] { turns().filter { $0.task == task } }
}

/// One line of the stand-ins' calls.jsonl.
struct StandInCall {
    var agent: String
    var argv: [String]
    var cwd: String
    var time: Double

    static func all(in env: BatonEnvironment) -> [StandInCall] {
        guard let text = try? String(contentsOfFile: env.standInState + "/calls.jsonl", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let agent = o["agent"] as? String, let argv = o["argv"] as? [String]
            else { return nil }
            return StandInCall(agent: agent, argv: argv, cwd: o["cwd"] as? String ?? "", time: o["time"] as? Double ?? 0)
        }
    }

    /// The prompt argument (the one naming the task).
    var prompt: String { argv.first { $0.contains("## Task ") } ?? "" }

    /// `T3` for a worker turn of task T3.
    var task: String? {
        guard let r = prompt.range(of: #"## Task (T\d+)"#, options: .regularExpression) else { return nil }
        return String(prompt[r].dropFirst("## Task ".count))
    }

    /// A task's turn, not a planner call (planners run read-only / plain json).
    var isWorkerTurn: Bool {
        task != nil && !argv.contains("read-only") && !argv.contains("plan") && !argv.contains("json")
    }

    /// The value after `flag` in the argv.
    func value(after flag: String) -> String? {
        guard let i = argv.firstIndex(of: flag), i + 1 < argv.count else { return nil }
        return argv[i + 1]
    }
}

extension String {
    /// The index of the first line containing `needle` (nil when none).
    func lineIndex(of needle: String) -> Int? {
        split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }
    }

    /// How many lines contain `needle`.
    func lineCount(of needle: String) -> Int {
        split(separator: "\n").filter { $0.contains(needle) }.count
    }
}

/// A test precondition that did not hold.
struct DispatchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
