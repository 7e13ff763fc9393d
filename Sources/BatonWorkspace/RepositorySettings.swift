import Foundation
import Synchronization

/// What Baton reads from the repository's git configuration before it commits or checks out:
/// whether an identity is set, and whether the user chose how many processes a checkout uses.
///
/// Read with one `git config --get-regexp` the first time a workspace needs it, then kept for
/// the workspace's life (a session): every checkpoint and merge used to ask git twice.
/// An identity the user sets while a session runs is used from the next start of Baton.
struct RepositorySettings: Sendable, Equatable {
    /// `user.name` is set (non-empty) somewhere git looks.
    var hasName: Bool
    /// `user.email` is set (non-empty).
    var hasEmail: Bool
    /// `checkout.workers` is set: the user's choice stands.
    var choosesCheckoutWorkers: Bool

    /// The keys asked for, as one regular expression for `git config --get-regexp`.
    static let query = #"^(user\.name|user\.email|checkout\.workers)$"#

    /// Reads `git config --get-regexp` output (`key value` lines; exit 1 and no output when
    /// nothing matched).
    init(configOutput: String) {
        var set = Set<String>()
        for line in configOutput.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, !parts[1].trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            set.insert(String(parts[0]).lowercased())
        }
        hasName = set.contains("user.name")
        hasEmail = set.contains("user.email")
        choosesCheckoutWorkers = set.contains("checkout.workers")
    }

    /// `-c` options for a command that commits: no signing (a checkpoint must never prompt),
    /// no automatic maintenance (git would start `git maintenance run --auto` after each of
    /// Baton's commits and merges, on the way from one task to the next; the user's own
    /// commands still start it), and a fixed identity for whatever the repository lacks.
    var commitOptions: [String] {
        var options = ["-c", "commit.gpgsign=false", "-c", "maintenance.auto=false"]
        if !hasName { options += ["-c", "user.name=Baton"] }
        if !hasEmail { options += ["-c", "user.email=baton@localhost"] }
        return options
    }

    /// `-c` options for a command that fills a worktree: unless the user chose otherwise, one
    /// checkout process per core (`checkout.workers=0`; git keeps checkouts of fewer than 100
    /// files sequential). On two cores a new worktree of 1,000 files is made in about three
    /// quarters of the time.
    var checkoutOptions: [String] {
        choosesCheckoutWorkers ? [] : ["-c", "checkout.workers=0"]
    }

    /// Holds the settings once read; shared by the copies of one ``Workspace``.
    final class Cache: Sendable {
        private let value = Mutex<RepositorySettings?>(nil)

        /// The settings read before, or nil.
        var cached: RepositorySettings? { value.withLock { $0 } }

        /// Keeps `settings` (the first reading wins when two race).
        func keep(_ settings: RepositorySettings) -> RepositorySettings {
            value.withLock { current in
                if let current { return current }
                current = settings
                return settings
            }
        }
    }
}
