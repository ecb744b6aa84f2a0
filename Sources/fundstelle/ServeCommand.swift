import ArgumentParser
import FundstelleIndex
import FundstelleServer
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer searches over HTTP: a search page at / and a JSON API.",
        discussion: """
            ENDPOINTS (all GET; described in full at /openapi.json)
              /                          the search page (German, works without JavaScript)
              /search?q=&limit=&offset=&filter=&explain=&facets=
                                         the JSON of `fundstelle search --json`; filter is
                                         NAME:VALUE (site, year, date, lang), repeatable
              /documents/{id}            a document as `fundstelle show --json` prints it
              /suggest?q=&limit=         the query with its last word completed
              /stats                     what `fundstelle stats --json` prints
              /health                    {"status":"ok","documents","generation"}
            Errors are RFC 9457 problem documents (application/problem+json) naming the
            parameter. A commit by `fundstelle index` in another process is served without
            a restart; requests in flight finish on the commit they began with. SIGTERM or
            SIGINT (Ctrl-C) stops the server after the requests in flight.
            """
    )

    @OptionGroup var location: IndexLocation

    @Option(help: "Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: ArgumentHelp("Origins allowed to call the API from a browser (repeatable; * for any). CORS is off without it.", valueName: "ORIGIN"))
    var corsOrigin: [String] = []

    @Option(help: ArgumentHelp("Requests answered at once; more get 503.", valueName: "N"))
    var maxConcurrentRequests = 256

    @Option(help: ArgumentHelp("Milliseconds one search may take; longer ones get 503.", valueName: "MS"))
    var timeBudget = 2000

    @Option(help: ArgumentHelp("Longest query accepted, in bytes.", valueName: "BYTES"))
    var maxQueryBytes = 4096

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxConcurrentRequests >= 1 else { throw ValidationError("--max-concurrent-requests must be at least 1") }
        guard timeBudget >= 1 else { throw ValidationError("--time-budget must be at least 1 (milliseconds)") }
        guard (1...1_048_576).contains(maxQueryBytes) else { throw ValidationError("--max-query-bytes must be between 1 and 1048576") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(directory: location.directory)
        configuration.host = host
        configuration.port = port
        configuration.corsOrigins = corsOrigin
        configuration.maximumConcurrentRequests = maxConcurrentRequests
        configuration.timeBudget = .milliseconds(timeBudget)
        configuration.maximumQueryBytes = maxQueryBytes
        let service: IndexService
        do {
            service = try IndexService(directory: location.directory, timeBudget: configuration.timeBudget, reloadInterval: configuration.reloadInterval)
        } catch {
            Terminal.error("fundstelle: \(Failure(error, directory: location.directory).description)")
            throw ExitCode.failure
        }
        var logger = Logger(label: "fundstelle")
        logger.logLevel = .info
        let app = buildApplication(configuration: configuration, service: service, logger: logger)
        try await app.runService()
    }
}
