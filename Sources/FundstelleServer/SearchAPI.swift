import FundstelleIndex
import FundstelleSearch
import Hummingbird
import NIOPosix

/// The JSON endpoints: `/search`, `/documents/{id}`, `/suggest`, `/stats`, `/health` and
/// `/openapi.json`, which describes them all.
struct SearchAPI: Sendable {
    let service: IndexService
    let configuration: ServerConfiguration

    func register(on router: Router<BasicRequestContext>) {
        router.get("/search") { request, _ in try await search(request) }
        router.get("/documents/:id") { request, context in try document(context.parameters.get("id") ?? "") }
        router.get("/suggest") { request, _ in try await suggest(request) }
        router.get("/stats") { _, _ in try stats() }
        router.get("/health") { _, _ in health() }
        router.get("/openapi.json") { _, _ in Responses.body(OpenAPIDocument.text, type: "application/json; charset=utf-8", status: .ok) }
    }

    /// `GET /search?q=&limit=&offset=&filter=&explain=&facets=`: the JSON of `fundstelle search --json`.
    func search(_ request: Request) async throws -> Response {
        let params = try SearchParameters(QueryString(request.uri.query), configuration: configuration)
        let snapshot = service.current()
        let result = try await Self.offload { try Self.run(params, on: snapshot) }
        return Responses.json(result.json())
    }

    /// Runs CPU-bound work (a search, completions) on NIO's blocking pool, whose queue is
    /// first come, first served, instead of on the threads that move requests and answers:
    /// under load every request then waits its turn, and none waits behind the others.
    static func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    /// Runs a checked search on a snapshot, turning search errors into problems.
    static func run(_ params: SearchParameters, on snapshot: IndexSnapshot) throws(ProblemDetails) -> SearchResult {
        do {
            return try snapshot.withSearcher { searcher throws(SearchError) in
                try searcher.search(params.searchText, limit: params.limit, offset: params.offset,
                                    facets: params.facets, explain: params.explain)
            }
        } catch {
            switch error {
            case .overTimeBudget:
                throw ProblemDetails(status: .serviceUnavailable, detail: "\(error); simplify the query", retryAfter: 1)
            case .index(let error):
                throw ProblemDetails(status: .internalServerError, detail: "the index cannot be read: \(error)")
            }
        }
    }

    /// `GET /documents/{id}`: a stored document by its id (16 hex digits, as hits give it).
    func document(_ id: String) throws -> Response {
        guard id.utf8.count == 16, id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw ProblemDetails.badParameter("id", "'\(id)' is not a document id (16 lower-case hex digits)")
        }
        let reader = service.current().reader
        do {
            guard let doc = reader.document(id: id), let stored = try reader.storedDocument(doc) else {
                throw ProblemDetails.notFound("no document with id '\(id)'")
            }
            return Responses.json(DocumentView(stored).json())
        } catch let error as IndexError {
            throw ProblemDetails(status: .internalServerError, detail: "the index cannot be read: \(error)")
        }
    }

    /// `GET /suggest?q=&limit=`: the query with its last word completed from the index's words.
    func suggest(_ request: Request) async throws -> Response {
        let params = try QueryString(request.uri.query)
        let query = params["q"] ?? ""
        guard query.utf8.count <= configuration.maximumQueryBytes else {
            throw ProblemDetails.badParameter("q", "the query has \(query.utf8.count) bytes, at most \(configuration.maximumQueryBytes) are allowed")
        }
        let limit = try SearchParameters.integer(params, "limit", default: 8, in: 0...configuration.maximumLimit)
        let snapshot = service.current()
        let suggestions = try await Self.offload { () throws(ProblemDetails) in
            do {
                return try snapshot.withSearcher { searcher throws(IndexError) in try searcher.completions(for: query, limit: limit) }
            } catch {
                throw ProblemDetails(status: .internalServerError, detail: "the index cannot be read: \(error)")
            }
        }
        var w = JSONWriter()
        w.beginObject()
        w.string(query, key: "query")
        w.strings(suggestions, key: "suggestions")
        w.endObject()
        return Responses.json(w.output)
    }

    /// `GET /stats`: what `fundstelle stats --json` prints, for the snapshot being served.
    func stats() throws -> Response {
        do {
            return Responses.json(try service.current().stats().json(directory: service.directory))
        } catch {
            throw ProblemDetails(status: .internalServerError, detail: "the index cannot be read: \(error)")
        }
    }

    /// `GET /health`: `{"status":"ok","documents","generation"}` once the index is open.
    func health() -> Response {
        let reader = service.current().reader
        var w = JSONWriter()
        w.beginObject()
        w.string("ok", key: "status")
        w.number(reader.liveDocumentCount, key: "documents")
        w.number(reader.generation, key: "generation")
        w.endObject()
        return Responses.json(w.output)
    }
}
