/// One entry of `git worktree list --porcelain`.
public struct WorktreeInfo: Sendable, Equatable {
    /// The worktree's folder (absolute).
    public var path: String
    /// The commit checked out there (empty for a bare repository entry).
    public var head: String
    /// The branch checked out (short name, e.g. `baton/s-1/T1`); nil when detached.
    public var branch: String?
    /// True when git reports the folder as gone (`git worktree prune` would forget it).
    public var prunable: Bool

    /// Creates a worktree entry.
    public init(path: String, head: String, branch: String?, prunable: Bool = false) {
        self.path = path
        self.head = head
        self.branch = branch
        self.prunable = prunable
    }

    /// Parses the output of `git worktree list --porcelain -z` (or without `-z`).
    public static func parse(porcelain text: String) -> [WorktreeInfo] {
        let separator: Character = text.contains("\0") ? "\0" : "\n"
        var entries: [WorktreeInfo] = []
        var current: WorktreeInfo?
        for line in text.split(separator: separator, omittingEmptySubsequences: false) {
            if line.isEmpty {
                if let entry = current { entries.append(entry) }
                current = nil
                continue
            }
            let (key, value) = splitOnce(line)
            switch key {
            case "worktree":
                if let entry = current { entries.append(entry) }
                current = WorktreeInfo(path: value, head: "", branch: nil)
            case "HEAD":
                current?.head = value
            case "branch":
                let prefix = "refs/heads/"
                current?.branch = value.hasPrefix(prefix) ? String(value.dropFirst(prefix.count)) : value
            case "prunable":
                current?.prunable = true
            default:
                break
            }
        }
        if let entry = current { entries.append(entry) }
        return entries
    }

    private static func splitOnce(_ line: Substring) -> (String, String) {
        guard let space = line.firstIndex(of: " ") else { return (String(line), "") }
        return (String(line[..<space]), String(line[line.index(after: space)...]))
    }
}
