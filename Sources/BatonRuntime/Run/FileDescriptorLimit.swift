import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The open-file limit a session with many runs needs. Each run holds its output file open
/// while it is followed, and git and the agents' spawns take a few more for a moment: at
/// start Baton raises its soft limit towards `wanted` (as far as the hard limit allows).
public enum FileDescriptorLimit {
    /// Room for 128 runs at once and everything else Baton opens.
    public static let wanted: rlim_t = 4096
    /// Below this, many runs at once may fail to start: worth a warning.
    public static let enough: rlim_t = 1024

    /// Raises the soft limit; a problem line when it stays below `enough`, else nil.
    public static func raise() -> String? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        if limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = limit.rlim_max == rlim_t.max ? wanted : min(wanted, limit.rlim_max)
            if raised.rlim_cur > limit.rlim_cur, setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 {
                limit = raised
            }
        }
        guard limit.rlim_cur < enough else { return nil }
        return "only \(limit.rlim_cur) open files are allowed (ulimit -n) — many runs at once may fail to start;"
            + " raise the limit (ulimit -n \(enough)) before starting baton"
    }
}
