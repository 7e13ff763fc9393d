/// The DAG view of a plan: order, readiness, critical path, reachability, scope overlaps.
///
/// Deps naming tasks that are not in the plan are ignored here (`PlanValidator` reports them).
public struct PlanGraph: Sendable {
    public let plan: Plan
    /// Task ids in plan order (first occurrence of duplicates only).
    public let ids: [String]
    private let deps: [String: [String]]
    private let dependents: [String: [String]]
    private let position: [String: Int]

    public init(_ plan: Plan) {
        self.plan = plan
        var ids: [String] = []
        var position: [String: Int] = [:]
        for task in plan.tasks where position[task.id] == nil {
            position[task.id] = ids.count
            ids.append(task.id)
        }
        var deps: [String: [String]] = [:]
        var dependents: [String: [String]] = [:]
        for task in plan.tasks where deps[task.id] == nil {
            var list: [String] = []
            for dep in task.deps where position[dep] != nil && dep != task.id && !list.contains(dep) {
                list.append(dep)
                dependents[dep, default: []].append(task.id)
            }
            deps[task.id] = list
        }
        self.ids = ids
        self.position = position
        self.deps = deps
        self.dependents = dependents
    }

    /// Known deps of a task (unknown ids and self-deps dropped).
    public func deps(of id: String) -> [String] { deps[id] ?? [] }

    /// Tasks that directly wait for `id`.
    public func dependents(of id: String) -> [String] { dependents[id] ?? [] }

    /// Every task in an order where deps come first; among ready tasks, plan order wins.
    /// Tasks caught in a cycle come last, in plan order.
    public func topologicalOrder() -> [String] {
        var remaining = Dictionary(uniqueKeysWithValues: ids.map { ($0, deps(of: $0).count) })
        var order: [String] = []
        var placed: Set<String> = []
        while true {
            guard let next = ids.first(where: { !placed.contains($0) && remaining[$0] == 0 }) else { break }
            placed.insert(next)
            order.append(next)
            for d in dependents(of: next) { remaining[d, default: 0] -= 1 }
        }
        return order + ids.filter { !placed.contains($0) }
    }

    /// Tasks not in `done` whose deps are all in `done`, in plan order.
    public func readyNow(done: Set<String>) -> [String] {
        plan.tasks.filter { task in
            !done.contains(task.id) && task.deps.allSatisfy { done.contains($0) }
        }.map(\.id).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The longest chain of tasks by total weight (1 per task unless `weights` says otherwise),
    /// from its first task to its last. Ties go to the chain ending earliest in plan order.
    public func criticalPath(weights: [String: Int] = [:]) -> [String] {
        var best: [String: Int] = [:]
        var previous: [String: String] = [:]
        for id in topologicalOrder() {
            var longest: Int?
            for dep in deps(of: id).sorted(by: { position[$0]! < position[$1]! }) {
                if let b = best[dep], longest == nil || b > longest! {
                    longest = b
                    previous[id] = dep
                }
            }
            best[id] = (longest ?? 0) + (weights[id] ?? 1)
        }
        guard var end = ids.max(by: { (best[$0] ?? 0, position[$1]!) < (best[$1] ?? 0, position[$0]!) }) else { return [] }
        var path = [end]
        while let p = previous[end], !path.contains(p) {
            path.append(p)
            end = p
        }
        return path.reversed()
    }

    /// Weight of the longest chain starting at `id` (the task itself included) down to a
    /// task nothing waits for. Higher means more work is blocked behind it.
    public func remainingChainLength(of id: String, weights: [String: Int] = [:]) -> Int {
        remainingChainLengths(weights: weights)[id] ?? 0
    }

    /// `remainingChainLength` of every task at once (the scheduler's tie-break).
    public func remainingChainLengths(weights: [String: Int] = [:]) -> [String: Int] {
        var memo: [String: Int] = [:]
        var visiting: Set<String> = []
        func length(_ t: String) -> Int {
            if let m = memo[t] { return m }
            if visiting.contains(t) { return 0 }
            visiting.insert(t)
            let tail = dependents(of: t).map(length).max() ?? 0
            visiting.remove(t)
            let value = (weights[t] ?? 1) + tail
            memo[t] = value
            return value
        }
        for id in ids { _ = length(id) }
        return memo
    }

    /// Every task `id` waits for, directly or not.
    public func ancestors(of id: String) -> Set<String> { reach(from: id, along: deps(of:)) }

    /// Every task that waits for `id`, directly or not.
    public func descendants(of id: String) -> Set<String> { reach(from: id, along: dependents(of:)) }

    /// Two different tasks may run at the same time when neither waits for the other.
    public func mayRunConcurrently(_ a: String, _ b: String) -> Bool {
        a != b && !ancestors(of: a).contains(b) && !ancestors(of: b).contains(a)
    }

    /// Each cycle once, as ids with the first repeated at the end (`["T2", "T4", "T2"]`).
    public func cycles() -> [[String]] {
        var result: [[String]] = []
        var inCycle: Set<String> = []
        for id in ids where !inCycle.contains(id) {
            // Shortest path from one of id's deps back to id closes a cycle through id.
            guard let loop = shortestPath(from: id, to: id) else { continue }
            if loop.dropLast().contains(where: inCycle.contains) { continue }
            loop.forEach { inCycle.insert($0) }
            result.append(loop)
        }
        return result
    }

    /// Pairs of tasks that may run at once while their scopes overlap, with the paths they
    /// share (the narrower path of each overlapping pair). Order the pair with `/dep B A`.
    public func overlaps() -> [ScopeOverlap] {
        var result: [ScopeOverlap] = []
        let tasks = ids.compactMap { plan.task($0) }
        // Each task's ancestors and scope entries read once, not once per pair.
        let waitsFor = tasks.map { ancestors(of: $0.id) }
        let scopes = tasks.map { $0.scope.map { ($0, ScopePattern($0)) } }
        for i in tasks.indices {
            for j in tasks.indices.dropFirst(i + 1) {
                let (a, b) = (tasks[i].id, tasks[j].id)
                guard a != b, !waitsFor[i].contains(b), !waitsFor[j].contains(a) else { continue }
                var shared: [String] = []
                for pa in scopes[i] {
                    for pb in scopes[j] {
                        guard let narrow = ScopePattern.overlap(pa, pb), !shared.contains(narrow) else { continue }
                        shared.append(narrow)
                    }
                }
                if !shared.isEmpty { result.append(ScopeOverlap(first: a, second: b, paths: shared)) }
            }
        }
        return result
    }

    /// `overlaps()` as plain tuples (first task, second task, shared paths).
    public func scopeOverlaps() -> [(String, String, [String])] {
        overlaps().map { ($0.first, $0.second, $0.paths) }
    }

    private func reach(from id: String, along next: (String) -> [String]) -> Set<String> {
        var seen: Set<String> = []
        var stack = next(id)
        while let t = stack.popLast() {
            if seen.insert(t).inserted { stack.append(contentsOf: next(t)) }
        }
        return seen
    }

    /// Path following deps edges: start → … → goal (start reached again when goal == start).
    private func shortestPath(from start: String, to goal: String) -> [String]? {
        var parent: [String: String] = [:]
        var queue = deps(of: start).filter { parent[$0] == nil }
        for q in queue { parent[q] = start }
        var head = 0
        while head < queue.count {
            let t = queue[head]
            head += 1
            if t == goal {
                var path = [t]
                var cur = parent[t]!
                while cur != start {
                    path.append(cur)
                    cur = parent[cur]!
                }
                path.append(start)
                // path is goal … start along reversed edges; show in "waits for" order.
                return path.reversed()
            }
            for d in deps(of: t) where parent[d] == nil {
                parent[d] = t
                queue.append(d)
            }
        }
        return nil
    }
}

/// Two tasks that may run at once and touch the same paths.
public struct ScopeOverlap: Equatable, Sendable, CustomStringConvertible {
    public var first: String
    public var second: String
    public var paths: [String]

    public init(first: String, second: String, paths: [String]) {
        self.first = first
        self.second = second
        self.paths = paths
    }

    /// The command that orders them: the later task waits for the earlier one.
    public var suggestion: String { "/dep \(second) \(first)" }

    public var description: String {
        "warning: \(first) and \(second) may run at once and both touch \(paths.joined(separator: ", ")) — \(suggestion) to order them"
    }
}
