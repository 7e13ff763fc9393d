import BatonTestSupport
import Foundation
import Testing

/// Worktrees that run: the main checkout's `.env` reaches every task worktree (never a
/// commit), and each task gets its own ports and identity in its environment.
@Suite struct WorktreeIncludeTests {
    static func repository(agentsJSON: String) throws -> (TestRepository, BatonEnvironment) {
        let repo = try TestRepository(files: ["README.md": "# Demo\n", ".gitignore": ".env\nconfig/local/\n"])
        try repo.write(".env", "SECRET=1\n")
        try repo.write("config/local/db.json", "{}\n")
        try repo.write(".baton/agents.json", agentsJSON)
        let report = "${BATON_PORT} ${PORT} ${BATON_TASK} ${BATON_SESSION} ${BATON_WORKTREE}\n"
        let env = try Review.environment(
            repo,
            plan: [
                Review.task("T1", "Add the parser", scope: ["src/parser/"]),
                Review.task("T2", "Add the printer", scope: ["src/printer/"]),
            ],
            turns: [
                "T1": [
                    [
                        "write": ["src/parser/env.txt": report, ".env": "CHANGED BY T1\n"],
                        "checkpoint": ["checkpoint": "done", "summary": "Parser added"],
                    ]
                ],
                "T2": [["write": ["src/printer/env.txt": report], "checkpoint": ["checkpoint": "done", "summary": "Printer added"]]],
            ])
        return (repo, env)
    }

    @Test func envReachesEveryWorktreeAndNeverACommitAndPortsDiffer() throws {
        let (repo, env) = try Self.repository(agentsJSON: #"{"include": [".env", "config/local/*"]}"#)
        let result = try Baton.run(input: "Add the parser and the printer\n/go\n/wait\n/quit\n", in: repo, environment: env)
        #expect(result.stdout.contains("[T1 claude] done") && result.stdout.contains("[T2 claude] done"), "\(result.stdout)")
        let session = try Review.session(repo)
        let worktrees = ["T1", "T2"].map { repo.path + "/.baton/worktrees/\(session)/\($0)" }
        #expect(repo.read(".baton/worktrees/\(session)/T2/.env") == "SECRET=1\n")
        #expect(repo.read(".baton/worktrees/\(session)/T1/config/local/db.json") == "{}\n")
        #expect(repo.read(".env") == "SECRET=1\n", "a copy: T1's change stays in T1")
        // Never in any commit, on any branch.
        #expect(try repo.git("log", "--all", "--format=%h", "--", ".env", "config/local").isEmpty)
        #expect(try repo.git("ls-tree", "-r", "--name-only", "baton/\(session)/T1").contains("src/parser/env.txt"))
        // The brief lists them.
        let brief = try String(contentsOfFile: worktrees[0] + "/CONTEXT.md", encoding: .utf8)
        #expect(brief.contains("## Files from the main checkout") && brief.contains(".env, config/local/db.json"))
        // Each task: its own port block, its id, the session, its worktree.
        let t1 = try String(contentsOfFile: worktrees[0] + "/src/parser/env.txt", encoding: .utf8).split(separator: " ").map(String.init)
        let t2 = try String(contentsOfFile: worktrees[1] + "/src/printer/env.txt", encoding: .utf8).split(separator: " ").map(String.init)
        #expect(t1.count == 5 && t2.count == 5)
        let (p1, p2) = (Int(t1[0]) ?? 0, Int(t2[0]) ?? 0)
        #expect(p1 > 1024 && p2 > 1024 && p1 != p2, "\(t1) \(t2)")
        #expect(t1[1] == t1[0] && t2[1] == t2[0])
        #expect(t1[2] == "T1" && t2[2] == "T2")
        #expect(t1[3] == session && t2[3] == session)
        #expect(t1[4].trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("/.baton/worktrees/\(session)/T1"))
    }

    @Test func symlinkModeLinksToTheMainCheckout() throws {
        let (repo, env) = try Self.repository(agentsJSON: #"{"include": [".env"], "include_mode": "symlink"}"#)
        var environment = env
        try environment.scenario(
            Review.scenario(["*": [["write": ["src/x.txt": "x\n"], "checkpoint": ["checkpoint": "done", "summary": "ok"]]]]))
        let result = try Baton.run(input: "Add things\n/go\n/wait\n/quit\n", in: repo, environment: environment)
        #expect(result.stdout.contains("[T1 claude] done"), "\(result.stdout)")
        let session = try Review.session(repo)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: repo.path + "/.baton/worktrees/\(session)/T1/.env")
        #expect(link.hasSuffix("/repo/.env"))
        #expect(try repo.git("log", "--all", "--format=%h", "--", ".env").isEmpty)
    }

    @Test func sparseWorktreesHoldOnlyTheScopeAndStillMerge() throws {
        let repo = try TestRepository(files: [
            "README.md": "# Demo\n", "Package.swift": "// swift\n",
            "src/parser/Parser.swift": "// parser\n", "src/printer/Printer.swift": "// printer\n",
        ])
        try repo.write(".baton/agents.json", #"{"sparse": true, "checks": []}"#)
        let env = try Review.environment(
            repo, plan: [Review.task("T1", "Add the parser", scope: ["src/parser/"])],
            turns: [
                "T1": [
                    ["write": ["src/parser/Lexer.swift": "// lexer\n"], "checkpoint": ["checkpoint": "done", "summary": "Lexer added"]]
                ]
            ])
        let result = try Baton.run(input: "Add the parser\n/policy merge auto\n/go\n/wait\n/quit\n", in: repo, environment: env)
        #expect(result.stdout.contains("[T1 claude] done"), "\(result.stdout)")
        let session = try Review.session(repo)
        let worktree = ".baton/worktrees/\(session)/T1/"
        #expect(repo.read(worktree + "src/parser/Parser.swift") == "// parser\n")
        #expect(repo.read(worktree + "Package.swift") == "// swift\n")
        #expect(repo.read(worktree + "src/printer/Printer.swift") == nil)
        // The branch still has every file, plus the task's work.
        let files = try repo.git("ls-tree", "-r", "--name-only", "baton/\(session)/T1")
        #expect(files.contains("src/printer/Printer.swift") && files.contains("src/parser/Lexer.swift"))
        #expect(FileManager.default.fileExists(atPath: repo.path + "/src/printer/Printer.swift"), "the main checkout stays whole")
        let merged = try repo.git("ls-tree", "-r", "--name-only", "baton/\(session)/main")
        #expect(merged.contains("src/parser/Lexer.swift") && merged.contains("src/printer/Printer.swift"))
    }
}
