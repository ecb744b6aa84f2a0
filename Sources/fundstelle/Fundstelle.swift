import ArgumentParser

/// Runs the command line. Only `serve` needs Swift concurrency; every other command runs
/// right here, on the main thread. (`AsyncParsableCommand.main()` would hop to a thread of
/// the concurrency pool first, which a search of a few milliseconds notices.)
@main
enum Main {
    @MainActor
    static func main() async {
        do {
            if let search = quickSearch() {
                try search.run()
                return
            }
            var command = try parseCommand()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            Fundstelle.exit(withError: error)
        }
    }

    /// A plain `fundstelle search …` (see `SearchRun(quick:)`), run without ArgumentParser.
    private static func quickSearch() -> SearchRun? {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.first == "search" else { return nil }
        return SearchRun(quick: arguments.dropFirst())
    }

    /// Any other `fundstelle search …` is parsed by the search command alone: building the
    /// whole command tree (every subcommand's arguments, found by reflection and protocol
    /// look-ups) took a one-shot search more time than its query. Whatever that parse does not
    /// accept, and any request for help, version or completions, goes through the full parser,
    /// so errors and help read as they always do.
    private static func parseCommand() throws -> ParsableCommand {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let meta: Set<String> = ["-h", "--help", "--version", "help"]
        if arguments.first == "search",
           !arguments.contains(where: { meta.contains($0) || $0.hasPrefix("--experimental") || $0.hasPrefix("--generate-completion") }),
           let command = try? SearchCommand.parse(Array(arguments.dropFirst())) {
            return command
        }
        return try Fundstelle.parseAsRoot()
    }
}

struct Fundstelle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fundstelle",
        abstract: "Full-text search for German social-affairs pages and laws.",
        discussion: """
            Typical use: `fundstelle index` (indexes ./Corpus into ./Index), then
            `fundstelle search "Hilfe zum Lebensunterhalt"`, or `fundstelle serve` for the
            search page and the JSON API at http://127.0.0.1:8080/.

            EXIT CODES
              0   success (a search that finds nothing is a success too)
              1   failure: no index or a damaged one, nothing could be indexed, the index
                  could not be written, an input file could not be read
              64  usage error: unknown option, bad value
            """,
        version: "0.1.0",
        subcommands: [
            IndexCommand.self, SearchCommand.self, ShowCommand.self, StatsCommand.self,
            ExtractCommand.self, AnalyzeCommand.self, StemCommand.self, CheckCommand.self, ServeCommand.self,
        ]
    )
}

/// The `--index DIR` option shared by the commands that read or write an index.
struct IndexLocation: ParsableArguments {
    @Option(name: .customLong("index"), help: ArgumentHelp("The index folder.", valueName: "DIR"))
    var directory: String = "Index"
}
