/// Something the user (or a script) asks of a session that changes it. ``decide(_:in:at:context:)``
/// turns a command into the events to record, or refuses it with a ``CommandError``.
///
/// Task and decision ids are given as typed (`t2` or `T2`); `decide` resolves them.
public enum Command: Equatable, Sendable {
    // Conversation
    /// Plain text: the mission (first), feedback to the planner (while planning), or a remark.
    case say(String)
    /// `@T2 TEXT`: guidance for a task's next turn.
    case guide(task: String, text: String)

    // The plan (before and, for tasks not started, during the run)
    /// `/edit T FIELD VALUE`; FIELD is title, detail, kind, scope, avoid or acceptance.
    case editField(task: String, field: String, value: String)
    /// `/edit` in $EDITOR: the whole plan replaced by the edited one.
    case replacePlan(tasks: [PlanTask])
    /// `/add TITLE [--after T1,T2] [--kind K] [--route AGENT]`.
    case add(title: String, after: [String], kind: String?, route: String?)
    /// `/drop T`: its dependents wait for its dependencies instead.
    case drop(task: String)
    /// `/dep T WAITS_FOR`.
    case addDependency(task: String, waitsFor: String)
    /// `/undep T WAITS_FOR`.
    case removeDependency(task: String, waitsFor: String)
    /// `/undo`, `/redo`: move through plan versions (before /go).
    case undo
    case redo
    /// `/replan [FEEDBACK]`: ask the planner to revise the plan (before /go).
    case replan(feedback: String)
    /// `/route T AGENT` (choose), `/route all [--prefer P]` or `/route --prefer P` (re-route
    /// every task the user did not choose). `prefer` is best, cheap or fast.
    case route(RouteTarget, agent: String?, prefer: String?)
    /// `/go`: approve the plan and start. Needs ``CommandContext/head``.
    case go

    // The run
    case retry(task: String, agent: String?)
    case pause(task: String)
    case resume(task: String)
    case cancel(task: String)
    /// `/parallel N` (1…``Command/maxParallel``).
    case parallel(Int)
    /// `--budget-usd`: the mission's spending limit (nil: none).
    case budget(usd: Double?)
    /// `/policy NAME VALUE`.
    case policy(name: String, value: String)
    /// `/permissions bypass on|off`; turning it on needs `confirmed` (the user typed yes).
    case permissions(bypass: Bool, confirmed: Bool)

    // Decisions
    /// `/decide D ANSWER`: an option's number or words.
    case answer(decision: String, answer: String)
    /// `/decide D2 D3 D4 ANSWER`, or `/decide all ANSWER` (no ids): one answer for several
    /// decisions with the same options.
    case answerMany(decisions: [String], answer: String)
    /// `/note TEXT`.
    case note(String)
    /// `/done T [SUMMARY]`: a task done by hand, or a conflict resolved.
    case done(task: String, summary: String)

    // Review
    case reject(task: String, feedback: String)
    /// `/merge T` or `/merge all`: the intent; the runtime merges after a dry run.
    case merge(MergeTarget)
    /// `/finish`: merge what is in review in dependency order, then write PR.md.
    case finish
    /// `/checks T`: run the task's checks now.
    case runChecks(task: String)

    // Races
    /// `/race T AGENT AGENT…`, `/race T N` (`count`: the N best-suited agents), `--more` (one
    /// more contestant), `--deadline 20m` (stragglers stop that long after the start).
    case race(task: String, agents: [String], count: Int?, more: Bool, deadline: String?)
    /// `/pick T AGENT`: that contestant's work becomes the task's result.
    case pick(task: String, agent: String)

    /// The most tasks `/parallel` lets run at once (each run holds a worktree, a process and
    /// a few files open; Baton raises its file limit at start to allow this many).
    public static let maxParallel = 256
}

/// What `/route` applies to.
public enum RouteTarget: Equatable, Sendable {
    case task(String)
    /// Every task the user did not route by hand.
    case all
}

/// What `/merge` applies to.
public enum MergeTarget: Equatable, Sendable {
    case task(String)
    /// `/merge T --force`: merged even with red, running or missing checks.
    case forced(String)
    /// Every task in review, in dependency order.
    case all
}

extension Command {
    /// True when the command may start a session by itself (a mission, a setting, a note);
    /// every other command needs a session first.
    public var startsSession: Bool {
        switch self {
        case .say, .parallel, .budget, .policy, .permissions, .note: return true
        default: return false
        }
    }

    /// True for commands that change the plan (an empty result means "no change").
    public var editsPlan: Bool {
        switch self {
        case .editField, .replacePlan, .add, .drop, .addDependency, .removeDependency, .route: return true
        default: return false
        }
    }
}
