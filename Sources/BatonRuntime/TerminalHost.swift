import BatonAgents
import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif
#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Why a terminal program could not run.
public struct TerminalHostError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}

/// Runs the programs that take over the user's terminal — the pager and `$EDITOR` — with
/// the terminal inherited (stdout, stderr, and stdin for the editor), and waits for them.
/// The REPL goes through this and never starts a process itself. Short-lived commands run
/// through swift-subprocess; `argv` arrays only, the command looked up on PATH by
/// ``ExecutableSearch``.
public struct TerminalHost: Sendable {
    /// The environment the commands are read from (`PAGER`, `VISUAL`, `EDITOR`, `PATH`).
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// `$PAGER` split on spaces, else `less -R`.
    public var pagerCommand: [String] {
        Self.words(environment["PAGER"]) ?? ["less", "-R"]
    }

    /// `$VISUAL`, else `$EDITOR`, split on spaces, else `vi`.
    public var editorCommand: [String] {
        Self.words(environment["VISUAL"]) ?? Self.words(environment["EDITOR"]) ?? ["vi"]
    }

    /// Shows `text` in the pager and waits for the user to leave it. False when no pager
    /// could run or it failed (the caller then prints the text itself).
    public func page(_ text: String) async -> Bool {
        guard let input = try? Self.unlinkedFile(holding: text) else { return false }
        let status = try? await run(pagerCommand, input: .fileDescriptor(input, closeAfterSpawningProcess: true))
        if status == nil { try? input.close() }
        return status?.isSuccess ?? false
    }

    /// Opens `file` in the editor and waits for the user to close it (whatever its exit
    /// status: the file says what was saved). Throws when the editor cannot be started.
    public func edit(_ file: String) async throws {
        let command = editorCommand
        do {
            _ = try await run(command + [file], input: .currentStandardInput)
        } catch {
            throw TerminalHostError(description: "could not start \(command.joined(separator: " ")) — set $EDITOR to your editor")
        }
    }

    private func run(_ argv: [String], input: FileDescriptorInput) async throws -> TerminationStatus {
        guard let name = argv.first, let path = ExecutableSearch.find(name, path: environment["PATH"] ?? "") else {
            throw TerminalHostError(description: "\(argv.first ?? "(nothing)") is not on PATH")
        }
        let result = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(Array(argv.dropFirst())),
            input: input, output: .currentStandardOutput, error: .currentStandardError)
        return result.terminationStatus
    }

    /// A file with `text`, already unlinked, open for reading from its start: the pager's
    /// stdin without a pipe (a pager quit early cannot raise SIGPIPE in Baton).
    private static func unlinkedFile(holding text: String) throws -> FileDescriptor {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-page-\(UUID().uuidString)").path
        let fd = try FileDescriptor.open(FilePath(path), .readWrite, options: [.create, .exclusiveCreate], permissions: [.ownerReadWrite])
        unlink(path)
        do {
            _ = try fd.writeAll(Array(text.utf8))
            _ = try fd.seek(offset: 0, from: .start)
        } catch {
            try? fd.close()
            throw error
        }
        return fd
    }

    private static func words(_ value: String?) -> [String]? {
        let words = (value ?? "").split(separator: " ").map(String.init)
        return words.isEmpty ? nil : words
    }
}
