import Hummingbird
import Logging
import Synchronization

/// Turns every error into an RFC 9457 problem document: a `ProblemDetails` as it is, the
/// router's own errors (no such path, wrong method) with their status, anything else as 500.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as ProblemDetails {
            return Responses.problem(problem, instance: request.uri.path)
        } catch let error as HTTPError where error.status == .notFound && request.method != .get && Self.isRoute(request.uri.path) {
            var problem = ProblemDetails(status: .methodNotAllowed, detail: "\(request.method) is not allowed on '\(request.uri.path)': only GET")
            problem.allow = "GET"
            return Responses.problem(problem, instance: request.uri.path)
        } catch let error as HTTPError {
            let detail: String = switch error.status {
            case .notFound: "no endpoint at '\(request.uri.path)'; see /openapi.json"
            case .methodNotAllowed: "\(request.method) is not allowed on '\(request.uri.path)'"
            default: error.body ?? error.status.reasonPhrase
            }
            return Responses.problem(ProblemDetails(status: error.status, detail: detail), instance: request.uri.path)
        } catch {
            return Responses.problem(ProblemDetails(status: .internalServerError, detail: "\(error)"), instance: request.uri.path)
        }
    }

    /// Whether `path` is one of the server's routes (all GET), for 405 instead of 404.
    static func isRoute(_ path: String) -> Bool {
        ["/", "/search", "/suggest", "/stats", "/health", "/openapi.json"].contains(path)
            || path.hasPrefix("/documents/") || path.hasPrefix("/dokument/")
    }
}

/// One log line per request: method, path (without the query, which may be personal), status
/// and milliseconds.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            logger.info("\(request.method) \(request.uri.path) \(status) \((ms * 100).rounded() / 100) ms")
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}

/// At most `limit` requests at once; the next ones get 503 with Retry-After at once instead of
/// waiting in a queue that only grows.
final class ConcurrencyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int
    private let inFlight = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let running = inFlight.wrappingAdd(1, ordering: .relaxed).newValue
        defer { inFlight.wrappingSubtract(1, ordering: .relaxed) }
        guard running <= limit else {
            throw ProblemDetails(status: .serviceUnavailable, detail: "the server is answering \(limit) requests already; try again shortly", retryAfter: 1)
        }
        return try await next(request, context)
    }
}

/// Cross-origin requests from the configured origins (`*` for any): the Access-Control headers
/// on answers, and preflight `OPTIONS` requests answered with 204. Off unless configured.
struct CORSOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    let origins: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], let allowed = allowedOrigin(origin) else {
            return try await next(request, context)
        }
        var response: Response
        if request.method == .options {
            response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, HEAD, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "Accept, Content-Type"
            response.headers[.accessControlMaxAge] = "600"
        } else {
            response = try await next(request, context)
        }
        response.headers[.accessControlAllowOrigin] = allowed
        if allowed != "*" { response.headers[.vary] = "Origin" }
        return response
    }

    private func allowedOrigin(_ origin: String) -> String? {
        if origins.contains("*") { return "*" }
        return origins.contains(origin) ? origin : nil
    }
}
