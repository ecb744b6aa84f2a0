import Hummingbird
import Logging

/// The server as an application, apart from `fundstelle serve`, so tests run it in process.
///
/// Middleware, outermost first: the request log (sees every final status), CORS when
/// configured, problem documents for errors, the cap on concurrent requests; then the routes.
public func buildApplication(
    configuration: ServerConfiguration, service: IndexService, logger: Logger
) -> some ApplicationProtocol {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    if !configuration.corsOrigins.isEmpty { router.add(middleware: CORSOriginMiddleware(origins: configuration.corsOrigins)) }
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: ConcurrencyLimitMiddleware(limit: configuration.maximumConcurrentRequests))
    SearchAPI(service: service, configuration: configuration).register(on: router)
    SearchPage(service: service, configuration: configuration).register(on: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Fundstelle"),
        logger: logger)
}
