/// The outcome of one git invocation. A non-zero exit code is a result, not an error.
public struct GitResult: Sendable, Equatable {
    /// The process exit code (a signal-terminated git reports 128 + signal).
    public var exitCode: Int32
    /// Everything git wrote to standard output.
    public var stdout: String
    /// Everything git wrote to standard error.
    public var stderr: String

    /// Creates a result.
    public init(exitCode: Int32, stdout: String = "", stderr: String = "") {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
    }

    /// True when git exited with status 0.
    public var succeeded: Bool { exitCode == 0 }

    /// Standard output without its trailing newline(s): handy for one-line answers.
    public var trimmedOutput: String {
        var text = Substring(stdout)
        while let last = text.last, last == "\n" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}

/// The narrow seam between Baton and git: run `git <arguments>` in a directory.
///
/// Implementations never go through a shell and never prompt. Throwing is reserved for
/// failures to run git at all (missing executable, unreadable output); a git command that
/// fails still returns a ``GitResult`` carrying its exit code.
public protocol GitClient: Sendable {
    /// Runs git with `arguments` (without the leading `git`) in `directory`.
    func run(_ arguments: [String], in directory: String) async throws -> GitResult
}
