import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the plain repository around a folder without running git, as
/// `git rev-parse --show-toplevel --git-common-dir` would: the nearest folder above it (or
/// itself) holding a `.git` folder. A git process is a few ms of every start; this is a
/// few `stat`s.
///
/// It answers only the plain case and leaves everything else to git (nil): a `.git` file (a
/// linked worktree, a submodule), a `.git` folder that is not a repository, a config that
/// moves the work tree (`core.worktree`, `bare`, per-worktree config), a repository not
/// owned by this user (git's `safe.directory` decides), a filesystem boundary on the way up,
/// a path inside a `.git` folder, and any environment variable that changes discovery.
enum RepositoryDiscovery {
    /// Variables that change where git looks for the repository.
    static let discoveryVariables = [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
        "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
    ]

    /// The top folder and the common git folder (both absolute, symbolic links resolved) of
    /// the plain repository around `path`; nil when git must say.
    static func plainRepository(around path: String, environment: [String: String]) -> (root: String, commonDirectory: String)? {
        guard !discoveryVariables.contains(where: { environment[$0] != nil }) else { return nil }
        guard let start = realpath(path, nil) else { return nil }
        var folder = String(cString: start)
        free(start)
        guard !folder.split(separator: "/").contains(".git") else { return nil }
        guard let device = fileStatus(folder)?.st_dev else { return nil }
        while true {
            let dotGit = (folder == "/" ? "" : folder) + "/.git"
            if let found = fileStatus(dotGit, following: false) {
                guard found.st_mode & S_IFMT == S_IFDIR, isPlainGitFolder(dotGit), isOwned(folder), isOwned(dotGit) else { return nil }
                return (folder, dotGit)
            }
            guard folder != "/" else { return nil }
            folder = (folder as NSString).deletingLastPathComponent
            // git stops at a filesystem boundary.
            guard fileStatus(folder)?.st_dev == device else { return nil }
        }
    }

    /// A `.git` folder git would take as is: HEAD, objects and refs, and a config that does
    /// not move the work tree.
    private static func isPlainGitFolder(_ dotGit: String) -> Bool {
        guard fileStatus(dotGit + "/HEAD") != nil, isFolder(dotGit + "/objects"), isFolder(dotGit + "/refs"),
            fileStatus(dotGit + "/commondir") == nil
        else { return false }
        guard let data = FileManager.default.contents(atPath: dotGit + "/config") else { return true }
        let config = String(decoding: data, as: UTF8.self).lowercased().filter { $0 != " " && $0 != "\t" }
        return !config.contains("worktree") && !config.contains("bare=true")
    }

    private static func isFolder(_ path: String) -> Bool {
        guard let status = fileStatus(path) else { return false }
        return status.st_mode & S_IFMT == S_IFDIR
    }

    private static func isOwned(_ path: String) -> Bool {
        fileStatus(path)?.st_uid == geteuid()
    }

    private static func fileStatus(_ path: String, following: Bool = true) -> stat? {
        var status = stat()
        let result = following ? stat(path, &status) : lstat(path, &status)
        return result == 0 ? status : nil
    }
}
