import BatonCore
import Foundation

// baton-bench: in-process measurements for benchmarks/run. Every subcommand prints one JSON
// object on stdout, so the script can read its figures.
//
//   baton-bench write-session FILE --events N [--tasks T]   a valid N-event session log
//   baton-bench replay FILE                                  SessionLog.replay + reduce, timed
//   baton-bench decode --format claude|codex --megabytes M   stream decoder throughput
//   baton-bench analyze FILE                                 makespan, decisions, dispatch times

/// Tiny argument reader: `--name value` options after a subcommand and positionals.
struct Arguments {
    var positionals: [String] = []
    var options: [String: String] = [:]

    init(_ argv: ArraySlice<String>) {
        var i = argv.startIndex
        while i < argv.endIndex {
            let a = argv[i]
            if a.hasPrefix("--"), i + 1 < argv.endIndex {
                options[String(a.dropFirst(2))] = argv[i + 1]
                i += 2
            } else {
                positionals.append(a)
                i += 1
            }
        }
    }

    func int(_ name: String, _ fallback: Int) -> Int { options[name].flatMap(Int.init) ?? fallback }
}

/// Prints a JSON object (keys sorted) on one line.
func emit(_ object: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("baton-bench: " + message + "\n").utf8))
    exit(2)
}

/// Monotonic seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let argv = CommandLine.arguments
guard argv.count >= 2 else { fail("usage: baton-bench write-session|replay|decode|analyze ...") }
let args = Arguments(argv.dropFirst(2))
do {
    switch argv[1] {
    case "write-session":
        guard let file = args.positionals.first else { fail("write-session FILE --events N") }
        emit(try SessionWriter.write(to: file, events: args.int("events", 100_000), tasks: args.int("tasks", 50)))
    case "replay":
        guard let file = args.positionals.first else { fail("replay FILE") }
        emit(try ReplayBench.run(file: file))
    case "decode":
        let format = args.options["format"] ?? "claude"
        guard let kind = DecodeBench.Format(rawValue: format) else { fail("unknown format \(format)") }
        emit(DecodeBench.run(format: kind, megabytes: args.int("megabytes", 100), repeats: args.int("repeat", 1)))
    case "analyze":
        guard let file = args.positionals.first else { fail("analyze FILE") }
        emit(try SessionAnalysis.run(file: file))
    default:
        fail("unknown subcommand \(argv[1])")
    }
} catch {
    fail("\(error)")
}
