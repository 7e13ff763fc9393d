import Foundation

/// The real ``GitClient``: spawns `git` from `PATH` with an argv array (never a shell), through
/// ``CapturedCommand`` (`posix_spawn`: a git command costs the same however large Baton is).
///
/// The child inherits Baton's environment with `GIT_TERMINAL_PROMPT=0` (never ask for
/// credentials on the terminal), `LC_ALL=C` (stable, parseable messages) and
/// `GIT_MERGE_AUTOEDIT=no`, and without `GIT_DIR`, `GIT_WORK_TREE`, `GIT_INDEX_FILE`
/// (which would redirect every command away from the worktree it is run in). That
/// environment is made once, when the client is (Baton runs many git commands: reading the
/// whole environment again for each was a measurable part of starting a task).
public struct CommandLineGit: GitClient {
    /// Extra environment values applied last (tests use this to isolate git config).
    public var environment: [String: String] {
        didSet { childEnvironment = Self.childEnvironment(environment) }
    }
    /// The child's whole environment, `KEY=value` each.
    private var childEnvironment: [String]
    /// The most bytes collected from each of stdout and stderr.
    public var outputLimit: Int
    /// Where `git` is, found once by the caller's PATH lookup (spawning by name tries every
    /// `PATH` folder with a failed exec first, for each of the many git commands Baton
    /// runs); nil to spawn `git` by name.
    public var gitPath: String?

    /// Creates a client. `environment` overrides are applied on top of the defaults.
    public init(environment: [String: String] = [:], outputLimit: Int = 64 << 20, gitPath: String? = nil) {
        self.environment = environment
        self.childEnvironment = Self.childEnvironment(environment)
        self.outputLimit = outputLimit
        self.gitPath = gitPath
    }

    /// Runs `git <arguments>` with `directory` as its working directory.
    public func run(_ arguments: [String], in directory: String) async throws -> GitResult {
        let output = try await CapturedCommand.run(
            [executable] + arguments, environment: childEnvironment, in: directory, limit: outputLimit)
        return GitResult(
            exitCode: output.exitCode,
            stdout: String(decoding: output.stdout, as: UTF8.self),
            stderr: String(decoding: output.stderr, as: UTF8.self)
        )
    }

    /// `gitPath`; with a `PATH` of the client's own, the git found there.
    private var executable: String {
        guard let path = environment["PATH"] else { return gitPath ?? "git" }
        return path.split(separator: ":").map { $0 + "/git" }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "git"
    }

    /// Baton's environment with git's settings, then `overrides`.
    private static func childEnvironment(_ overrides: [String: String]) -> [String] {
        var values = ProcessInfo.processInfo.environment
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"] { values[key] = nil }
        values["GIT_TERMINAL_PROMPT"] = "0"
        values["LC_ALL"] = "C"
        values["GIT_MERGE_AUTOEDIT"] = "no"
        values.merge(overrides) { $1 }
        return PosixSpawn.entries(values)
    }
}
