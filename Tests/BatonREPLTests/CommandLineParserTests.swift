import BatonCore
import Testing

@testable import BatonREPL

@Suite struct CommandLineParserTests {
    private func command(_ line: String) throws -> any SlashCommand {
        switch CommandLineParser.parse(line) {
        case .command(let c): return c
        case .error(let e): throw CommandError(e)
        }
    }

    private func error(_ line: String) -> String? {
        if case .error(let e) = CommandLineParser.parse(line) { return e }
        return nil
    }

    @Test func parsesArgumentsAndOptions() throws {
        let route = try #require(try command("/route T3 codex") as? RouteCommand)
        #expect(route.task == "T3" && route.agent == "codex" && route.prefer == nil)
        let prefer = try #require(try command("/route all --prefer cheap") as? RouteCommand)
        #expect(prefer.task == "all" && prefer.prefer == "cheap")
        let add = try #require(try command("/add Write a migration guide --after T1,T2 --kind docs") as? AddCommand)
        #expect(add.title.joined(separator: " ") == "Write a migration guide")
        #expect(add.after == "T1,T2" && add.kind == "docs")
        let log = try #require(try command("/log T2 40") as? LogCommand)
        #expect(log.task == "T2" && log.lines == 40)
        let decide = try #require(try command("/decide D1 stream rows, not a file") as? DecideCommand)
        #expect(decide.answer.joined(separator: " ") == "stream rows, not a file")
        let edit = try #require(try command("/edit T2 scope Sources/API/, Tests/API/") as? EditCommand)
        #expect(edit.task == "T2" && edit.field == "scope" && edit.value.joined(separator: " ") == "Sources/API/, Tests/API/")
        #expect(try command("/plan --json") is PlanCommand)
        #expect(try command("/exit") is QuitCommand, "aliases parse to their command")
    }

    @Test func quotesApostrophesAndEscapes() throws {
        #expect(CommandLineParser.tokenize(#"a "b c" d\ e 'f g'"#) == ["a", "b c", "d e", "f g"])
        let note = try #require(try command(#"/note "use UTC" everywhere, it's fine"#) as? NoteCommand)
        #expect(note.text == ["use UTC", "everywhere,", "it's", "fine"], "an apostrophe inside a word is not a quote")
        let reject = try #require(try command(#"/reject T1 don't "stream" rows"#) as? RejectCommand)
        #expect(reject.why == ["don't", "stream", "rows"])
        #expect(CommandLineParser.tokenize(#"say "unclosed text"#) == ["say", "\"unclosed", "text"], "an unclosed quote is kept as typed")
    }

    @Test func badArgumentsGiveTheUsageLine() {
        #expect(error("/drop")?.hasSuffix("usage: /drop T") == true)
        #expect(error("/parallel x")?.contains("usage: /parallel N") == true)
        #expect(error("/parallel 0")?.contains("between 1 and 256") == true)
        #expect(error("/decide D1")?.contains("usage: /decide D ANSWER") == true)
        #expect(error("/reject T1")?.contains("say why") == true)
        #expect(error("/dep T1")?.contains("usage: /dep T WAITS_FOR") == true)
        #expect(error("/status extra")?.contains("usage: /status") == true)
        for message in [error("/drop"), error("/parallel x")] {
            #expect(message?.contains("\n") == false, "errors are one line")
        }
    }

    @Test func unknownCommandsSuggestTheNearest() {
        #expect(error("/rout T1") == "unknown command /rout — did you mean /route?")
        #expect(error("/stauts") == "unknown command /stauts — did you mean /status?")
        #expect(error("/mrege T1") == "unknown command /mrege — did you mean /merge?")
        #expect(error("/desicions")?.contains("did you mean /decisions?") == true)
        #expect(error("/xyzzy") == "unknown command /xyzzy — type /help for the list")
        #expect(error("/")?.contains("/help") == true)
    }

    @Test func everyCommandOfTheSurfaceIsRegistered() {
        let surface =
            "plan edit add drop dep undep route undo redo replan go status log diff merge reject retry cancel pause continue parallel wait decide decisions note done policy permissions agents sessions resume new finish clean help quit exit"
        for name in surface.split(separator: " ") {
            #expect(CommandRegistry.command(named: String(name)) != nil, "/\(name) is registered")
        }
        for type in CommandRegistry.all {
            #expect(type.usage.hasPrefix("/" + type.name), "\(type.name)'s usage starts with its name")
            #expect(!type.summary.isEmpty)
            if case .error(let e) = CommandLineParser.parse(type.example) {
                Issue.record("the example of /\(type.name) does not parse: \(e)")
            }
        }
    }

    @Test func editDistanceCountsTranspositionsAsOne() {
        #expect(Suggestion.editDistance("stauts", "status") == 1)
        #expect(Suggestion.editDistance("route", "route") == 0)
        #expect(Suggestion.editDistance("", "abc") == 3)
    }

    /// A command made without the parser when typed bare must be one the parser makes from
    /// its name alone and refuses with any argument: nothing of it can be skipped.
    @Test func aCommandMadeWithoutTheParserTakesNoArgumentsAtAll() throws {
        let bare = CommandRegistry.all.filter { $0.takesNoArguments }
        #expect(bare.contains { $0 == QuitCommand.self } && bare.contains { $0 == GoCommand.self })
        for type in bare {
            let parsed = try SlashRoot.parseAsRoot([type.name])
            #expect(Swift.type(of: parsed) == type, "/\(type.name)")
            #expect(throws: (any Error).self, "/\(type.name) x") { try SlashRoot.parseAsRoot([type.name, "x"]) }
            #expect(throws: (any Error).self, "/\(type.name) --x") { try SlashRoot.parseAsRoot([type.name, "--x"]) }
            #expect(Swift.type(of: try command("/\(type.name)")) == type)
        }
        #expect(error("/quit now")?.contains("usage: /quit") == true)
    }
}
