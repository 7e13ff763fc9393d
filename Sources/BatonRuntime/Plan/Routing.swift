import BatonAgents
import BatonCore

/// Fills each task's route with the router's choice, keeping the user's overrides for tasks
/// that are still the same (same id and title) as in `current`. `scopeFiles` sizes the
/// scopes (a scope holding many files is broad work).
enum Routing {
    static func route(
        _ tasks: [PlanTask], registry: AgentRegistry, keeping current: Plan?, preference: RoutePreference = .best,
        scopeFiles: [String: Int] = [:]
    ) -> [PlanTask] {
        tasks.map { task in
            var t = task
            if let old = current?.task(task.id), old.title == task.title, old.routeOverridden, let route = old.route {
                t.route = route
                t.routeReason = old.routeReason
                t.routeOverridden = true
            } else if !t.routeOverridden || t.route == nil {
                let choice = Router.route(
                    task: t, available: registry.available, preference: preference, scopeFiles: { scopeFiles[$0] })
                t.route = choice.agent
                t.routeReason = choice.reason
                t.routeOverridden = false
            }
            return t
        }
    }
}
