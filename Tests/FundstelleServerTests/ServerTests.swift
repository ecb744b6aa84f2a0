import Foundation
import FundstelleExtract
import FundstelleIndex
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import TestSupport
@testable import FundstelleServer

let pages = [
    Document(path: "soziales/wohngeld.html", title: "Wohngeld beantragen",
             body: "Wohngeld ist ein Zuschuss zur Miete. Den Antrag stellen Mieterinnen und Mieter bei der Wohngeldstelle.",
             language: "de", date: "2025-07-03", url: "https://www.stadt.example/soziales/wohngeld"),
    Document(path: "soziales/pflege.html", title: "Hilfe zur Pflege",
             body: "Pflegebedürftige erhalten Hilfe zur Pflege. Die Fachkräfte der Pflegeeinrichtungen beraten.",
             language: "de", date: "2024-02-01"),
    Document(path: "kita/anmeldung.html", title: "Kita-Platz anmelden",
             body: "Eltern melden ihr Kind für einen Platz in der Kindertagesstätte an.", language: "de", date: "2025-01-15"),
]

/// An index of `docs` in a fresh folder.
func makeIndex(_ docs: [Document], in dir: String) throws {
    let writer = try IndexWriter(directory: dir)
    for doc in docs { try writer.add(doc) }
    _ = try writer.commit(root: "/")
}

/// Log lines kept in memory, to check the request log.
final class LogLines: @unchecked Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
}

struct CapturingHandler: LogHandler {
    let sink: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        sink.lines.withLock { $0.append(event.message.description) }
    }
}

/// Runs `body` with a test client of a server over an index of `docs`.
func withServer(
    _ docs: [Document] = pages, configure: (inout ServerConfiguration) -> Void = { _ in },
    _ body: @Sendable (any TestClientProtocol, IndexService, LogLines, String) async throws -> Void
) async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try makeIndex(docs, in: dir.path)
    var configuration = ServerConfiguration(directory: dir.path)
    configure(&configuration)
    let service = try IndexService(directory: dir.path, timeBudget: configuration.timeBudget, reloadInterval: configuration.reloadInterval)
    let lines = LogLines()
    let logger = Logger(label: "test") { _ in CapturingHandler(sink: lines) }
    let app = buildApplication(configuration: configuration, service: service, logger: logger)
    let path = dir.path
    try await app.test(.router) { client in try await body(client, service, lines, path) }
}

let spec = try! OpenAPIValidator(Data(OpenAPIDocument.text.utf8))

/// The response body as JSON, after checking it against the OpenAPI document's schema for
/// `path` and the response's status and content type.
func checkedJSON(_ response: TestResponse, path: String) throws -> [String: Any] {
    let data = Data(buffer: response.body)
    let object = try JSONSerialization.jsonObject(with: data)
    let schema = try spec.responseSchema(path: path, status: Int(response.status.code), contentType: response.headers[.contentType] ?? "")
    let errors = try spec.errors(object, schema)
    #expect(errors.isEmpty, "\(path) \(response.status.code): \(errors)")
    return object as? [String: Any] ?? [:]
}

extension Data {
    init(buffer: ByteBuffer) { self.init(buffer.readableBytesView) }
}

@Suite struct ServerTests {
    @Test func searchAnswersLikeTheCommandLineAndMatchesTheSpec() async throws {
        try await withServer { client, _, _, _ in
            let response = try await client.execute(uri: "/search?q=Fachkraefte+Pflege&explain=true&facets=true", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = try checkedJSON(response, path: "/search")
            #expect(json["total"] as? Int == 1)
            let hits = json["hits"] as? [[String: Any]] ?? []
            #expect(hits.first?["path"] as? String == "soziales/pflege.html")
            #expect((hits.first?["explain"] as? [String: Any])?["items"] != nil)
            #expect((json["facets"] as? [String: Any])?["year"] != nil)
        }
    }

    @Test func filtersPagingAndDidYouMean() async throws {
        try await withServer { client, _, _, _ in
            // A filter given twice and comma-separated narrows like --filter.
            var json = try checkedJSON(try await client.execute(uri: "/search?q=hilfe+OR+wohngeld+OR+kind&filter=year:2025&filter=lang:de", method: .get), path: "/search")
            #expect(Set((json["hits"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }) == ["soziales/wohngeld.html", "kita/anmeldung.html"])
            json = try checkedJSON(try await client.execute(uri: "/search?q=hilfe+OR+wohngeld+OR+kind&filter=year:2025,site:kita", method: .get), path: "/search")
            #expect((json["hits"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } == ["kita/anmeldung.html"])
            // Pages of one hit each add up to the whole list, in the same order.
            let all = try checkedJSON(try await client.execute(uri: "/search?q=hilfe+OR+wohngeld+OR+kind", method: .get), path: "/search")
            var paged: [String] = []
            for offset in 0..<3 {
                let page = try checkedJSON(try await client.execute(uri: "/search?q=hilfe+OR+wohngeld+OR+kind&limit=1&offset=\(offset)", method: .get), path: "/search")
                paged += (page["hits"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
            }
            #expect(paged == (all["hits"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
            json = try checkedJSON(try await client.execute(uri: "/search?q=wohngelt", method: .get), path: "/search")
            #expect(json["did_you_mean"] as? String == "wohngeld")
        }
    }

    @Test func badParametersGetProblemDocumentsNamingThem() async throws {
        try await withServer { client, _, _, _ in
            for (uri, parameter) in [
                ("/search", "q"), ("/search?q=+", "q"), ("/search?q=a&limit=101", "limit"), ("/search?q=a&limit=zehn", "limit"),
                ("/search?q=a&offset=-1", "offset"), ("/search?q=a&explain=vielleicht", "explain"), ("/search?q=a&facets=", "facets"), ("/search?q=a&explain=1", "explain"),
                ("/search?q=a&filter=farbe:rot", "filter"), ("/search?q=a&filter=", "filter"), ("/search?q=%ZZ", "q"),
                ("/search?q=" + String(repeating: "a", count: 4097), "q"), ("/documents/xyz", "id"),
                ("/suggest?q=pf&limit=1000", "limit"),
            ] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.headers[.contentType] == "application/problem+json; charset=utf-8")
                let path = uri.hasPrefix("/documents") ? "/documents/{id}" : String(uri.prefix { $0 != "?" })
                let json = try checkedJSON(response, path: path)
                #expect(json["parameter"] as? String == parameter, "\(uri)")
                #expect(json["status"] as? Int == 400)
                #expect((json["detail"] as? String)?.contains(parameter) == true)
            }
            let missing = try await client.execute(uri: "/documents/0000000000000000", method: .get)
            #expect(missing.status == .notFound)
            _ = try checkedJSON(missing, path: "/documents/{id}")
            let nowhere = try await client.execute(uri: "/nirgends", method: .get)
            #expect(nowhere.status == .notFound)
            #expect(String(buffer: nowhere.body).contains("/problems/not-found"))
            let post = try await client.execute(uri: "/search?q=a", method: .post)
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET")
        }
    }

    @Test func documentsSuggestStatsHealthAndTheSpecItself() async throws {
        try await withServer { client, _, _, _ in
            let search = try checkedJSON(try await client.execute(uri: "/search?q=wohngeld", method: .get), path: "/search")
            let id = (search["hits"] as? [[String: Any]])?.first?["id"] as? String ?? ""
            let doc = try checkedJSON(try await client.execute(uri: "/documents/\(id)", method: .get), path: "/documents/{id}")
            #expect(doc["title"] as? String == "Wohngeld beantragen")
            #expect(doc["url"] as? String == "https://www.stadt.example/soziales/wohngeld")
            let suggest = try checkedJSON(try await client.execute(uri: "/suggest?q=hilfe+zur+pfl", method: .get), path: "/suggest")
            let suggestions = suggest["suggestions"] as? [String] ?? []
            #expect(suggestions.contains("hilfe zur pflege"))
            #expect(suggestions.contains("hilfe zur pflegeeinrichtungen"))
            #expect(suggestions.allSatisfy { $0.hasPrefix("hilfe zur pfl") })
            let stats = try checkedJSON(try await client.execute(uri: "/stats", method: .get), path: "/stats")
            #expect(stats["documents"] as? Int == 3)
            let health = try checkedJSON(try await client.execute(uri: "/health", method: .get), path: "/health")
            #expect(health["status"] as? String == "ok")
            let openapi = try await client.execute(uri: "/openapi.json", method: .get)
            let served = try JSONSerialization.jsonObject(with: Data(buffer: openapi.body)) as? [String: Any]
            #expect(served?["openapi"] as? String == "3.1.0")
            #expect((served?["paths"] as? [String: Any])?.keys.sorted() == ["/documents/{id}", "/health", "/openapi.json", "/search", "/stats", "/suggest"])
        }
    }

    @Test func newCommitIsServedWithoutRestartAndOldSnapshotsStayReadable() async throws {
        try await withServer(configure: { $0.reloadInterval = .zero }) { client, service, _, dir in
            let before = service.current()
            var json = try checkedJSON(try await client.execute(uri: "/search?q=Elterngeld", method: .get), path: "/search")
            #expect(json["total"] as? Int == 0)
            // Another writer commits an index with a new page (the old segment files go).
            try makeIndex(pages + [Document(path: "familie/elterngeld.html", title: "Elterngeld", body: "Elterngeld für Mütter und Väter.")], in: dir)
            json = try checkedJSON(try await client.execute(uri: "/search?q=Elterngeld", method: .get), path: "/search")
            #expect(json["total"] as? Int == 1)
            let health = try checkedJSON(try await client.execute(uri: "/health", method: .get), path: "/health")
            #expect(health["documents"] as? Int == 4)
            // A request that began on the old commit finishes on it.
            let old = try before.withSearcher { try $0.search("Elterngeld OR Wohngeld") }
            #expect(old.total == 1 && old.hits.first?.path == "soziales/wohngeld.html")
        }
    }

    @Test func timeBudgetAndConcurrencyCapAnswer503WithRetryAfter() async throws {
        try await withServer(configure: { $0.timeBudget = .zero }) { client, _, _, _ in
            let response = try await client.execute(uri: "/search?q=wohngeld", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "1")
            let json = try checkedJSON(response, path: "/search")
            #expect((json["detail"] as? String)?.contains("time budget") == true)
        }
        try await withServer(configure: { $0.maximumConcurrentRequests = 0 }) { client, _, _, _ in
            let response = try await client.execute(uri: "/search?q=wohngeld", method: .get)
            #expect(response.status == .serviceUnavailable)
            _ = try checkedJSON(response, path: "/search")
        }
    }

    @Test func corsIsOffUnlessConfigured() async throws {
        let origin: HTTPFields = [.origin: "https://portal.stadt.example"]
        try await withServer { client, _, _, _ in
            let response = try await client.execute(uri: "/health", method: .get, headers: origin)
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
        try await withServer(configure: { $0.corsOrigins = ["https://portal.stadt.example"] }) { client, _, _, _ in
            let allowed = try await client.execute(uri: "/health", method: .get, headers: origin)
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://portal.stadt.example")
            let other = try await client.execute(uri: "/health", method: .get, headers: [.origin: "https://fremd.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await client.execute(uri: "/search", method: .options, headers: origin)
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("GET") == true)
        }
    }

    @Test func oneLogLinePerRequestWithMethodPathStatusAndTime() async throws {
        try await withServer { client, _, lines, _ in
            _ = try await client.execute(uri: "/health", method: .get)
            _ = try await client.execute(uri: "/search?q=geheim&limit=9999", method: .get)
            let log = lines.all
            #expect(log.count == 2)
            #expect(log.first?.hasPrefix("GET /health 200 ") == true && log.first?.hasSuffix(" ms") == true)
            #expect(log.last?.hasPrefix("GET /search 400 ") == true)
            #expect(!log.joined().contains("geheim"))  // queries stay out of the log
        }
    }

    @Test func searchPageShowsHitsFacetsPagingAndDidYouMean() async throws {
        try await withServer { client, _, _, _ in
            let empty = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(empty.contains("<html lang=\"de\">") && empty.contains("<label for=\"q\">") && empty.contains("role=\"search\""))
            let response = try await client.execute(uri: "/?q=Fachkraefte", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let page = String(buffer: response.body)
            #expect(page.contains("Hilfe zur Pflege</a></h2>"))
            #expect(page.contains("<mark>Fachkräfte</mark>"))  // folded query, exact highlight
            #expect(page.contains("1. Februar 2024"))
            #expect(page.contains("value=\"Fachkraefte\""))
            #expect(page.contains("<main id=\"inhalt\">") && page.contains("aria-label=\"Treffer eingrenzen\""))
            let paged = String(buffer: try await client.execute(uri: "/?q=hilfe+OR+wohngeld+OR+kind&seite=1", method: .get).body)
            #expect(paged.contains("<a href=\"/?q=hilfe+OR+wohngeld+OR+kind&amp;filter=year:2025\">2025</a> (2)"))
            let typo = String(buffer: try await client.execute(uri: "/?q=wohngelt", method: .get).body)
            #expect(typo.contains("Meinten Sie: <a href=\"/?q=wohngeld\">wohngeld</a>?"))
            let bad = try await client.execute(uri: "/?q=x&seite=0", method: .get)
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("role=\"alert\""))
            let escaped = String(buffer: try await client.execute(uri: "/?q=%3Cscript%3E", method: .get).body)
            #expect(!escaped.contains("<script>") && escaped.contains("&lt;script&gt;"))
        }
    }
}
