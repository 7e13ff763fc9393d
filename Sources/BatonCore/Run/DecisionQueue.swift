/// The open decisions as `/decisions` lists them: the same question asked by several tasks
/// is one entry, and entries come most blocking first — by the tasks waiting behind them
/// (the asking tasks' unfinished dependents), then the critical path, then how long they
/// have waited.
public enum DecisionQueue {
    /// One question, asked once or by several tasks.
    public struct Entry: Equatable, Sendable {
        /// In id order; the first is the one shown.
        public var decisions: [Decision]
        /// Unfinished tasks that depend on the asking tasks (they wait behind the answer).
        public var blocked: [String]
        /// An asking task is on the plan's critical path.
        public var onCriticalPath: Bool
        /// When the oldest of them was opened (seconds since 1970), if known.
        public var openedAt: Double?

        public var ids: [String] { decisions.map(\.id) }
        public var tasks: [String] { decisions.compactMap(\.task) }
    }

    public static func entries(_ state: SessionState) -> [Entry] {
        let graph = PlanGraph(state.plan)
        let critical = Set(graph.criticalPath())
        let entries = DecisionMatch.groups(state.openDecisions).map { group -> Entry in
            let tasks = group.compactMap(\.task)
            var blocked: Set<String> = []
            for t in tasks where state.plan.task(t) != nil {
                blocked.formUnion(
                    graph.descendants(of: t).filter { !state.status(of: $0).satisfiesDependents && !state.status(of: $0).isTerminal })
            }
            blocked.subtract(tasks)
            return Entry(
                decisions: group, blocked: state.plan.ids.filter(blocked.contains),
                onCriticalPath: tasks.contains(where: critical.contains), openedAt: group.compactMap(\.openedAt).min())
        }
        return entries.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.blocked.count != y.blocked.count { return x.blocked.count > y.blocked.count }
            if x.onCriticalPath != y.onCriticalPath { return x.onCriticalPath }
            let (ox, oy) = (x.openedAt ?? .infinity, y.openedAt ?? .infinity)
            if ox != oy { return ox < oy }
            return a.offset < b.offset
        }.map(\.element)
    }
}
