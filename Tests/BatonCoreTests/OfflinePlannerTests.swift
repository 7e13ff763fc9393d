import Testing
@testable import BatonCore

@Suite struct OfflinePlannerTests {
    @Test func debugDump() {
        let missions = [
            "Build the onboarding flow: signup form, email verification, welcome tour; tests; README",
            "Add CSV export to the reports page, then write tests for it; update the README",
            "Fix the crash when the cart is empty",
            "Please add a dark mode toggle to the settings screen.",
            "1. Add rate limiting to Sources/API/\n2. Add tests for the rate limiter\n3. Document it in README.md",
            "We need to migrate the user table to the new schema, then update the ORM models, and finally write release notes.",
            "Refactor the payment module so that it no longer depends on the legacy gateway. Add tests. Update the changelog.",
            "Investigate why the build is slow on CI and compare caching strategies",
            "Set up a GitHub Actions pipeline that runs swift test, then deploy the docs site",
            "Add a logout button, add a session timeout, and write tests for both",
            "I want you to rename UserManager to AccountStore and clean up the dead code in Sources/Legacy/",
            "Add pagination to the /users endpoint. It must keep the existing response shape. Then add tests.",
            "- extract the parser into its own module\n- add unit tests for the parser\n- update docs",
            "Implement OAuth login with Google; after that add GitHub login; finally update the README and changelog",
            "Add a Dockerfile for the server and also add a docker-compose.yml for local development",
            "Write tests for the date formatter",
            "Improve error messages in the CLI, e.g. when the config file is missing, and document the exit codes",
        ]
        for m in missions {
            let tasks = OfflinePlanner.plan(mission: m)
            print("### " + m.replacingOccurrences(of: "\n", with: " | "))
            for t in tasks {
                print("  \(t.id) [\(t.kind)] \(t.title)  scope=\(t.scope) deps=\(t.deps) acc=\(t.acceptance)")
            }
            print("  errors: \(PlanValidator.validate(Plan(tasks: tasks)))")
        }
    }
}
