import BatonTestSupport
import Foundation
import Testing

/// 128 runs need more open files than some systems allow by default: Baton raises its soft
/// limit at start, and says so in one line when the hard limit keeps it too low.
@Suite struct OpenFileLimitTests {
    /// Runs `baton` (piped /quit) with the open-file limit set to (soft, hard) first.
    private func batonWithLimit(soft: Int, hard: Int?) throws -> Command.Result {
        let repo = try TestRepository()
        let env = try BatonEnvironment(repository: repo)
        let limit = hard.map { "(\(soft), \($0))" } ?? "(\(soft), resource.getrlimit(resource.RLIMIT_NOFILE)[1])"
        let script = "import resource, os, sys; resource.setrlimit(resource.RLIMIT_NOFILE, \(limit)); os.execv(sys.argv[1], sys.argv[1:])"
        return try Command.run(
            "/usr/bin/env", ["python3", "-c", script, Products.baton], in: repo.path, input: "/quit\n", environment: env.values)
    }

    @Test func aHardLimitTooLowForManyRunsIsOneLine() throws {
        let result = try batonWithLimit(soft: 256, hard: 256)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("open files") }
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.contains("only 256 open files are allowed (ulimit -n)") == true, "\(result.stderr)")
    }

    @Test func aLowSoftLimitIsRaisedWithoutAWord() throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        try #require(limit.rlim_max >= 1024, "this machine's hard limit is below 1024")
        let result = try batonWithLimit(soft: 256, hard: nil)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("open files"), "\(result.stderr)")
    }
}
