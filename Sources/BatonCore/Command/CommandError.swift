/// Why a command was refused or failed: a code a program can act on, the one line a person
/// reads, and the underlying error when there is one (a git failure, a full disk).
///
/// Render it with ``ErrorLine/render(_:)`` — the one place an error becomes an `error:` line.
public struct CommandError: Error, Sendable, CustomStringConvertible {
    /// What kind of refusal or failure.
    public enum Code: String, Sendable, Equatable {
        /// No session yet (only a mission, a setting or a note starts one).
        case noSession
        /// No plan or no mission yet.
        case noPlan
        /// A task, decision, agent, field, kind or policy that does not exist.
        case unknown
        /// A value that is not allowed (an empty title, a bad scope, a number out of range).
        case invalidValue
        /// The edited plan would not be valid.
        case invalidPlan
        /// The session is in the wrong phase for this (before /go, after /finish, ...).
        case wrongPhase
        /// The task or decision is in the wrong state for this.
        case wrongState
        /// Asks for something the user must confirm first.
        case needsConfirmation
        /// Carrying the command out failed (git, the file system, the session log).
        case failed
    }

    public var code: Code
    /// The task or decision the error is about, when there is one.
    public var subject: String?
    /// One line, without the `error:` prefix, saying what to do.
    public var message: String
    /// The error underneath (its description is part of `message` already).
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, subject: String? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.subject = subject
        self.underlying = underlying
    }

    /// Wraps a failure of the runtime (git, files) with what was being done.
    public static func failed(_ error: any Error, doing: String? = nil) -> CommandError {
        if let own = error as? CommandError { return own }
        let text = ErrorLine.text(of: error)
        return CommandError(.failed, doing.map { "\($0): \(text)" } ?? text, underlying: error)
    }

    public var description: String { message }
}

extension CommandError: Equatable {
    /// Equal when code, subject and message are (the underlying error is not compared).
    public static func == (a: CommandError, b: CommandError) -> Bool {
        a.code == b.code && a.subject == b.subject && a.message == b.message
    }
}

/// The one place an error becomes the line the user reads: `error: ` once, then one line.
public enum ErrorLine {
    /// `error: MESSAGE` for any error (a ``CommandError``, a workspace or store error, ...).
    public static func render(_ error: any Error) -> String { "error: " + text(of: error) }

    /// The error's one line, without the `error:` prefix.
    public static func text(of error: any Error) -> String {
        (error as? CommandError)?.message ?? String(describing: error)
    }
}
