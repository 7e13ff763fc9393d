import Foundation
import Testing

@testable import BatonWorkspace

/// The process runner under every git command: both pipes read together, exit statuses as
/// results, and failures to start as errors that say so.
@Suite struct CapturedCommandTests {
    private let environment = ["PATH=/usr/bin:/bin", "LC_ALL=C"]

    @Test func bothStreamsAreReadTogetherPastAPipesCapacity() async throws {
        // 200 KB to each stream, interleaved: reading one pipe to its end before the other
        // would leave the child blocked on the full one.
        let script = "i=0; while [ $i -lt 2000 ]; do printf '%0100d\\n' $i; printf '%0100d\\n' $i >&2; i=$((i+1)); done; exit 3"
        let output = try await CapturedCommand.run(["sh", "-c", script], environment: environment, in: "/", limit: 1 << 20)
        #expect(output.exitCode == 3)
        #expect(output.stdout.count == 2000 * 101)
        #expect(output.stderr.count == 2000 * 101)
        #expect(String(decoding: output.stdout.suffix(101), as: UTF8.self) == String(format: "%0100d\n", 1999))
    }

    @Test func runsInTheDirectoryWithTheEnvironmentGiven() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("captured-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = try await CapturedCommand.run(
            ["/bin/sh", "-c", "pwd; echo \"$ONLY_HERE\"; read line; echo \"[$line]\""],
            environment: environment + ["ONLY_HERE=yes"], in: folder, limit: 1024)
        let lines = String(decoding: output.stdout, as: UTF8.self).split(separator: "\n")
        #expect(
            lines.first.map { URL(fileURLWithPath: String($0)).resolvingSymlinksInPath().path }
                == URL(fileURLWithPath: folder).resolvingSymlinksInPath().path)
        #expect(lines.dropFirst().map(String.init) == ["yes", "[]"])  // stdin is /dev/null
    }

    @Test func aSignalIsAResult() async throws {
        let output = try await CapturedCommand.run(["sh", "-c", "kill -TERM $$"], environment: environment, in: "/", limit: 1024)
        #expect(output.exitCode == 128 + SIGTERM)
    }

    @Test func outputPastTheLimitIsAnError() async throws {
        await #expect(throws: CapturedCommand.Failure.self) {
            try await CapturedCommand.run(["sh", "-c", "head -c 5000 /dev/zero"], environment: environment, in: "/", limit: 4096)
        }
    }

    @Test func aMissingProgramOrFolderSaysWhatCouldNotStart() async throws {
        for (argv, folder) in [(["no-such-program-here"], "/"), (["sh", "-c", "true"], "/no/such/folder")] {
            do {
                _ = try await CapturedCommand.run(argv, environment: environment, in: folder, limit: 1024)
                Issue.record("\(argv) in \(folder) started")
            } catch {
                #expect("\(error)".hasPrefix("could not start \(argv[0]): No such file or directory"))
            }
        }
    }
}
