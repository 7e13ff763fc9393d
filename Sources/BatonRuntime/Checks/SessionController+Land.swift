import BatonCore
import BatonWorkspace
import Foundation

extension SessionController {
    /// `/finish --local`: the integration branch into the branch checked out in the user's
    /// checkout (fast-forward when it can); refused while that checkout has uncommitted changes.
    public func landLocally() async throws -> String {
        guard let integration = state.integrationBranch else { throw CommandError(.wrongPhase, "nothing runs yet — /go first") }
        let head: HeadState
        do { head = try await context.workspace.headState() } catch { throw CommandError.failed(error) }
        guard let branch = head.branch, let commit = head.commit else {
            throw CommandError(.wrongState, "HEAD is detached in \(context.repositoryRoot) — check out your branch, then /finish --local")
        }
        guard head.dirtyFiles.isEmpty else {
            let files = head.dirtyFiles.prefix(3).joined(separator: ", ") + (head.dirtyFiles.count > 3 ? ", …" : "")
            throw CommandError(.wrongState, "\(branch) has uncommitted changes (\(files)) — commit or stash them, then /finish --local")
        }
        do {
            switch try await withGitLock(.integration, { try await context.workspace.land(integration, onto: branch, at: commit) }) {
            case .upToDate: return "\(branch) already holds \(integration)"
            case .fastForward(_, let to): return "\(branch) fast-forwarded to \(integration) (\(to.prefix(8)))"
            case .merged(_, let to): return "merged \(integration) into \(branch) (\(to.prefix(8)))"
            }
        } catch WorkspaceError.mergeConflict(let files) {
            throw CommandError(
                .wrongState,
                "\(integration) conflicts with \(branch) in \(files.joined(separator: ", ")) — nothing changed; merge it by hand")
        } catch {
            throw CommandError.failed(error)
        }
    }

    /// `/finish --pr`: pushes the integration branch and opens a pull request with PR.md as
    /// its body through `gh`, when it is installed and the repository has a remote; else the
    /// two commands to do it by hand.
    public func openPullRequest() async throws -> [String] {
        guard let branch = state.integrationBranch, let file = state.summaryFile else {
            throw CommandError(.wrongState, "no PR.md yet — /finish writes it")
        }
        let push = ["git", "push", "-u", "origin", branch]
        let title = TerminalText.oneLine(state.mission ?? "Baton session", limit: 72)
        let create = ["gh", "pr", "create", "--head", branch, "--title", title, "--body-file", file]
        let remotes = (try? await context.workspace.remotes()) ?? []
        guard context.executor.which("gh") != nil, remotes.contains("origin") else {
            let why = remotes.contains("origin") ? "gh is not installed" : "the repository has no remote named origin"
            return ["\(why) — open the pull request with:", "  " + Self.shellLine(push), "  " + Self.shellLine(create)]
        }
        var lines: [String] = []
        for argv in [push, create] {
            let log = runFiles.scratch("pr") + ".log"
            do { try runFiles.create() } catch {}
            let process: SpawnedProcess
            do { process = try context.executor.spawn(argv, in: context.repositoryRoot, stdout: log, stderr: log) } catch {
                throw CommandError(.failed, "\(error)")
            }
            let code = await context.executor.waitForExit(process)
            let out = TerminalText.oneLine(TurnMonitor.tail(of: log, lines: 3), limit: 200)
            guard code == 0 else { throw CommandError(.failed, "\(argv.prefix(3).joined(separator: " ")) failed (status \(code)): \(out)") }
            if argv[0] == "gh" { lines.append("opened the pull request: \(out)") }
        }
        return ["pushed \(branch) to origin"] + lines
    }

    /// `git push -u origin 'baton/s-1/main'`: argv quoted for a shell, for the user to copy.
    static func shellLine(_ argv: [String]) -> String {
        argv.map { arg in
            arg.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@".contains($0) }
                ? arg : "'" + arg.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
