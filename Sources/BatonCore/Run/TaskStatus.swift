/// Where a task is in its life; the words shown in /status.
public enum TaskStatus: String, Codable, Sendable, CaseIterable {
    // racing: its contestants (a race, best of N) run as runs of their own; it waits for the pick.
    case planned, ready, preparing, running, racing, checking, reviewing, waiting, review, merged, done, failed, cancelled, paused,
        interrupted

    /// The label a person reads in tables.
    public var label: String {
        switch self {
        case .waiting: "waiting for you"
        default: rawValue
        }
    }

    /// A run of this task is in progress (an agent process may be alive).
    public var isActive: Bool { self == .preparing || self == .running || self == .checking || self == .reviewing }

    /// Finished for good: nothing more will happen without the user.
    public var isTerminal: Bool { self == .merged || self == .done || self == .cancelled }

    /// Dependents may start.
    public var satisfiesDependents: Bool { self == .merged || self == .done }

    /// On its way or through: its dependents will be able to start without the user.
    public var hasStarted: Bool {
        switch self {
        case .preparing, .running, .racing, .checking, .reviewing, .waiting, .review, .merged, .done: true
        case .planned, .ready, .failed, .cancelled, .paused, .interrupted: false
        }
    }
}
