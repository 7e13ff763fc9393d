import BatonTestSupport
import Foundation
import Testing

/// Shared pieces of the review, decision and merge end-to-end tests: plans for the stand-in
/// planner, and reading what a session left in the repository and in the stand-ins' calls.
enum Review {
    /// One task of a plan for `BatonEnvironment.plan(_:)`.
    static func task(_ id: String, _ title: String, scope: [String], deps: [String] = [], kind: String = "code") -> [String: Any] {
        [
            "id": id, "title": title, "kind": kind, "detail": "Do \(title.lowercased()).", "scope": scope,
            "avoid": [String](), "deps": deps, "acceptance": ["\(title) works"],
        ]
    }

    /// The planner's answer for these tasks (a ```json fence, as a model would write it).
    static func plan(_ tasks: [[String: Any]]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["tasks": tasks], options: [.sortedKeys])
        return "```json\n" + String(decoding: data, as: UTF8.self) + "\n```"
    }

    /// A stand-in scenario from task id to its turns.
    static func scenario(_ turns: [String: [[String: Any]]]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: turns, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// A repository with the stand-ins, only `agents` installed (claude by default, so the
    /// router and the planner both pick it), `plan` for the planner and `turns` as scenario.
    static func environment(
        _ repo: TestRepository, agents: [String]? = ["claude"], plan tasks: [[String: Any]]? = nil,
        turns: [String: [[String: Any]]]? = nil
    ) throws -> BatonEnvironment {
        var env = try BatonEnvironment(repository: repo, agents: agents)
        if let tasks { try env.plan(plan(tasks)) }
        if let turns { try env.scenario(scenario(turns)) }
        return env
    }

    /// The one session the run created.
    static func session(_ repo: TestRepository) throws -> String {
        let ids = repo.sessionIDs
        try #require(ids.count == 1, "expected one session, found \(ids)")
        return ids[0]
    }

    static func sessionDirectory(_ repo: TestRepository) throws -> String {
        try repo.path + "/.baton/Sessions/" + session(repo)
    }

    /// `git show REF:PATH`, nil when it does not exist.
    static func show(_ repo: TestRepository, _ ref: String, _ path: String) -> String? {
        try? repo.git("show", "\(ref):\(path)")
    }

    /// Commit subjects on `branch` since `main`, oldest first.
    static func subjects(_ repo: TestRepository, _ branch: String) throws -> [String] {
        try repo.git("log", "--reverse", "--format=%s", "main..\(branch)").split(separator: "\n").map(String.init)
    }

    /// Files `branch` has ever committed since `main`.
    static func committedFiles(_ repo: TestRepository, _ branch: String) throws -> Set<String> {
        Set(try repo.git("log", "--format=", "--name-only", "main..\(branch)").split(separator: "\n").map(String.init))
    }

    /// The prompts of every worker turn the stand-in claude got for `task`, in order
    /// (planner calls, which use `--output-format json`, are left out).
    static func prompts(_ env: BatonEnvironment, task: String) -> [String] {
        workerCalls(env).map(\.prompt).filter { $0.contains("Task \(task) ") || $0.contains("Task \(task)\n") }
    }

    /// Worker turns of the stand-in claude: the full argv and the prompt (the `-p` value).
    static func workerCalls(_ env: BatonEnvironment) -> [(argv: [String], prompt: String)] {
        env.calls().filter { $0.agent == "claude" && $0.argv.contains("stream-json") }.map { call in
            let i = call.argv.firstIndex(of: "-p").map { $0 + 1 } ?? call.argv.count
            return (call.argv, i < call.argv.count ? call.argv[i] : "")
        }
    }

    /// Lines of `text` that contain `needle`.
    static func lines(_ text: String, containing needle: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.contains(needle) }
    }
}

/// The checks every review session shares.
@Suite struct ReviewTests {
    /// /merge, /reject, /finish and /clean before /go each say so, in one error line.
    @Test func reviewCommandsBeforeAnyRunSayWhatToDo() throws {
        let repo = try TestRepository()
        let env = try Review.environment(repo, plan: [Review.task("T1", "Add export", scope: ["src/"])])
        let result = try Baton.run(input: "Add export\n/merge T1\n/finish\n", in: repo, environment: env)
        #expect(result.stdout.contains("error: nothing runs yet — /go first"), "\(result.stdout)")
        #expect(Review.lines(result.stdout, containing: "error:").count == 2, "\(result.stdout)")
        #expect(result.status != 0)
    }
}
