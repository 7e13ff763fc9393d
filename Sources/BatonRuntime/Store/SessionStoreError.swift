/// Everything that can go wrong opening or writing a session, each with one line that says
/// what to do.
public enum SessionStoreError: Error, Equatable, CustomStringConvertible {
    case locked(session: String, pid: Int32?)
    case notFound(String, known: [String])
    case ambiguous(String, matches: [String])
    case noSessions
    case corrupt(session: String, line: Int, reason: String)
    case notASessionLog(String)
    case newerSchema(Int)
    case readOnly(String)
    case io(String)

    public var description: String {
        switch self {
        case .locked(let s, let pid):
            let who = pid.map { "baton (pid \($0))" } ?? "another baton"
            return "session \(s) is open in \(who) — quit it there, or start a new session with /new"
        case .notFound(let id, let known):
            let list = known.prefix(6).joined(separator: " ")
            return "no session \(id)" + (known.isEmpty ? " — there are no sessions yet" : " — sessions are \(list) (see baton sessions)")
        case .ambiguous(let id, let matches):
            return "\(id) matches several sessions: \(matches.joined(separator: " ")) — type more of the id"
        case .noSessions:
            return "no sessions in this repository yet — run baton and type a mission"
        case .corrupt(let s, let line, let reason):
            return "session \(s) is damaged at line \(line) (\(reason)) — opened read-only up to it; /new starts a fresh session"
        case .notASessionLog(let path):
            return "\(path) is not a Baton session log — move it away, or pick another session"
        case .newerSchema(let v):
            return "this session was written by a newer Baton (schema \(v)) — update baton to open it"
        case .readOnly(let s):
            return "session \(s) is read-only (it is damaged) — /new starts a fresh session"
        case .io(let what):
            return "could not write the session: \(what) — free some disk space and try again; nothing was lost"
        }
    }
}
