import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// The real ``GitClient``: spawns `git` from `PATH` with an argv array (never a shell).
///
/// The child inherits Baton's environment with `GIT_TERMINAL_PROMPT=0` (never ask for
/// credentials on the terminal), `LC_ALL=C` (stable, parseable messages) and
/// `GIT_MERGE_AUTOEDIT=no`, and without `GIT_DIR`, `GIT_WORK_TREE`, `GIT_INDEX_FILE`
/// (which would redirect every command away from the worktree it is run in).
public struct SubprocessGit: GitClient {
    /// Extra environment values applied last (tests use this to isolate git config).
    public var environment: [String: String]
    /// The most bytes collected from each of stdout and stderr.
    public var outputLimit: Int
    /// Where `git` is, found once by the caller's PATH lookup (spawning by name tries every
    /// `PATH` folder with a failed exec first, for each of the many git commands Baton
    /// runs); nil to spawn `git` by name.
    public var gitPath: String?

    /// Creates a client. `environment` overrides are applied on top of the defaults.
    public init(environment: [String: String] = [:], outputLimit: Int = 64 << 20, gitPath: String? = nil) {
        self.environment = environment
        self.outputLimit = outputLimit
        self.gitPath = gitPath
    }

    /// Runs `git <arguments>` with `directory` as its working directory.
    public func run(_ arguments: [String], in directory: String) async throws -> GitResult {
        var overrides: [Environment.Key: String?] = [
            "GIT_TERMINAL_PROMPT": "0",
            "LC_ALL": "C",
            "GIT_MERGE_AUTOEDIT": "no",
            "GIT_DIR": nil,
            "GIT_WORK_TREE": nil,
            "GIT_INDEX_FILE": nil,
        ]
        for (key, value) in environment {
            if let key = Environment.Key(rawValue: key) { overrides[key] = value }
        }
        let result = try await Subprocess.run(
            environment["PATH"] == nil ? gitPath.map { .path(FilePath($0)) } ?? .name("git") : .name("git"),
            arguments: Arguments(arguments),
            environment: .inherit.updating(overrides),
            workingDirectory: FilePath(directory),
            output: .string(limit: outputLimit),
            error: .string(limit: outputLimit)
        )
        let code: Int32
        switch result.terminationStatus {
        case .exited(let status): code = Int32(status)
        case .signaled(let signal): code = 128 + Int32(signal)
        }
        return GitResult(
            exitCode: code,
            stdout: result.standardOutput,
            stderr: result.standardError
        )
    }
}
