/// Something worth telling the user about a command that was accepted: a warning before it
/// is carried out, or what happened. Plain data; ``text`` words it.
public enum CommandNote: Equatable, Sendable {
    /// The agent chosen is known but not installed.
    case agentNotInstalled(agent: String, message: String)
    /// `/go` from a detached HEAD.
    case headDetached(commit: String)
    /// `/go` with changes not committed (they are not part of the run).
    case uncommittedChanges(files: [String])
    /// Two tasks may run at once and touch the same paths.
    case scopeOverlap(first: String, second: String, paths: [String])
    /// `/go` with a task routed to an agent that is not installed.
    case routedToMissing(task: String, agent: String, alternative: String)
    /// A plan edit that changes nothing.
    case noChange
    /// `/finish`: tasks left out of the PR.
    case notMerged(tasks: [String])
    /// `/finish`: the writer agent's reply was not used for PR.md (the template was); `reason`
    /// is the one line that says why.
    case pullRequestFallback(reason: String)
    /// `/finish`: how to open the pull request.
    case openPullRequest(branch: String, file: String, hasGitHubCLI: Bool)

    /// Shown as `warning: …` rather than a plain line.
    public var isWarning: Bool {
        switch self {
        case .noChange, .openPullRequest: return false
        default: return true
        }
    }

    /// The line, without a `warning:` prefix.
    public var text: String {
        switch self {
        case .agentNotInstalled(_, let message):
            return message
        case .headDetached(let commit):
            return "HEAD is detached — the run starts from commit \(commit.prefix(8))"
        case .uncommittedChanges(let files):
            let list = files.prefix(4).joined(separator: " ") + (files.count > 4 ? " …" : "")
            return "uncommitted changes are not part of the run (\(list)) — commit them first if tasks need them"
        case .scopeOverlap(let first, let second, let paths):
            return
                "\(first) and \(second) may run at once and both touch \(paths.joined(separator: ", ")) — /dep \(second) \(first) would run them one after the other"
        case .routedToMissing(let task, let agent, let alternative):
            return "\(task) is routed to \(agent), which is not installed — /route \(task) \(alternative)"
        case .noChange:
            return "no change"
        case .pullRequestFallback(let reason):
            return reason
        case .notMerged(let tasks):
            return "not merged: \(tasks.joined(separator: " ")) — they are left out of the PR"
        case .openPullRequest(let branch, let file, let gh):
            return gh
                ? "open the PR: git push -u origin \(branch) && gh pr create --head \(branch) --body-file \(file)"
                : "open the PR: push \(branch) and paste \(file) as its description"
        }
    }
}
