import BatonAgents
import Foundation
import Testing

@testable import BatonRuntime

/// What /log shows for a turn.
@Suite struct TurnTranscriptTests {
    @Test func anAgentThatWroteNoLineShowsItsStderrWithoutTheNoise() {
        let stderr =
            "Reading additional input from stdin...\nError: --dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons\n"
        let lines = TurnTranscript.lines(stdout: Data(), stderrTail: stderr, adapter: ClaudeAdapter(), worktree: "/w/T1")
        #expect(lines == [.stderr("Error: --dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons")])
    }

    @Test func aStreamShowsRelativePathsAndRetries() {
        let stdout = """
            {"type":"system","subtype":"api_retry","attempt":1,"max_retries":10,"retry_delay_ms":500,"error_status":529,"error":"overloaded","session_id":"c"}
            {"type":"assistant","message":{"id":"m","content":[{"type":"text","text":"On it."},{"type":"tool_use","id":"t","name":"Edit","input":{"file_path":"/w/T1/src/a.py"}}]},"session_id":"c"}
            """
        let lines = TurnTranscript.lines(stdout: Data(stdout.utf8), stderrTail: "ignored", adapter: ClaudeAdapter(), worktree: "/w/T1")
        #expect(
            lines == [.warning("API call failed (status 529), retrying (attempt 1 of 10)"), .text("On it."), .activity("editing src/a.py")])
    }
}
