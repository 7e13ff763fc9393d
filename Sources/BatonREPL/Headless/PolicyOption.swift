import BatonCore

/// `--policy merge=auto,checkpoints=ask`: policy settings given on the command line, each
/// checked by the same rules as `/policy NAME VALUE`.
struct PolicyOption: Equatable {
    struct Setting: Equatable {
        var name: String
        var value: String
    }

    var settings: [Setting]

    /// Parses comma-separated NAME=VALUE pairs; the first bad one is a one-line error.
    static func parse(_ text: String) throws -> PolicyOption {
        let usage = "--policy takes NAME=VALUE pairs separated by commas, e.g. --policy merge=auto,checkpoints=ask"
        var settings: [Setting] = []
        var probe = Policy()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                throw CommandError("\"\(part.trimmingCharacters(in: .whitespaces))\" is not NAME=VALUE — \(usage)")
            }
            if let error = probe.set(pair[0], pair[1]) {
                throw CommandError("--policy: " + error.replacingOccurrences(of: "/policy \(pair[0]) ", with: "\(pair[0])="))
            }
            settings.append(Setting(name: pair[0], value: pair[1]))
        }
        return PolicyOption(settings: settings)
    }

    /// The commands that set these policies in a session.
    var commands: [Command] { settings.map { .policy(name: $0.name, value: $0.value) } }
}
