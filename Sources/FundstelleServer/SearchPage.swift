import FundstelleIndex
import FundstelleSearch
import Hummingbird

/// The search page for people at `/` (and a text view of a document at `/dokument/{id}`):
/// server-rendered HTML in German that works without JavaScript.
struct SearchPage: Sendable {
    let service: IndexService
    let configuration: ServerConfiguration
    static let hitsPerPage = 10
    static let facetTitles = ["site": "Bereich", "year": "Jahr", "lang": "Sprache"]

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in await page(request) }
        router.get("/dokument/:id") { _, context in documentPage(context.parameters.get("id") ?? "") }
    }

    /// The form, and for a query its hits, facets, "did you mean" and page links. A bad
    /// parameter gives the page with the message (status 400), not a problem document.
    func page(_ request: Request) async -> Response {
        let params: SearchParameters
        let page: Int
        do throws(ProblemDetails) {
            let query = try QueryString(request.uri.query)
            page = try SearchParameters.integer(query, "seite", default: 1, in: 1...(configuration.maximumOffset / Self.hitsPerPage + 1))
            var p = try SearchParameters(query, configuration: configuration, defaultFacets: true, queryRequired: false)
            p.limit = Self.hitsPerPage
            p.offset = (page - 1) * Self.hitsPerPage
            params = p
        } catch {
            return Responses.html(layout(query: "", body: message(error.detail)), status: error.status)
        }
        guard !params.query.isEmpty else { return Responses.html(layout(query: "", body: intro())) }
        let snapshot = service.current()
        do {
            let result = try await SearchAPI.offload { try SearchAPI.run(params, on: snapshot) }
            return Responses.html(layout(query: params.query, body: results(result, params, page: page)))
        } catch let error as ProblemDetails {
            return Responses.html(layout(query: params.query, body: message(error.detail)), status: error.status)
        } catch {
            return Responses.html(layout(query: params.query, body: message("\(error)")), status: .internalServerError)
        }
    }

    // MARK: Parts of the page

    private func layout(query: String, body: String) -> String {
        let title = query.isEmpty ? "Fundstelle – Suche" : "\(HTML.escape(query)) – Fundstelle"
        return """
            <!DOCTYPE html>
            <html lang="de">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <a class="skip" href="#treffer">Zu den Treffern springen</a>
            <header>
            <p class="name"><a href="/">Fundstelle</a></p>
            <form role="search" action="/" method="get">
            <label for="q">Suchbegriffe</label>
            <input id="q" name="q" type="search" value="\(HTML.escape(query))" autocomplete="off">
            <button type="submit">Suchen</button>
            </form>
            </header>
            <main id="inhalt">
            \(body)
            </main>
            <footer><p>Suche über \(HTML.number(service.current().reader.liveDocumentCount)) Seiten. <a href="/openapi.json">Schnittstelle (JSON)</a></p></footer>
            </body>
            </html>
            """
    }

    private func intro() -> String {
        """
        <h1>Suche</h1>
        <p>Geben Sie ein oder mehrere Wörter ein. Gefunden werden alle Formen eines Wortes
        („Pflege“ findet auch „Pflegeeinrichtungen“), Umlaute dürfen umschrieben werden
        („Fachkraefte“). Wörter in Anführungszeichen stehen als Wortgruppe beieinander,
        ein Minus schließt ein Wort aus.</p>
        """
    }

    private func message(_ text: String) -> String {
        "<h1>Suche</h1>\n<p class=\"error\" role=\"alert\">\(HTML.escape(text))</p>"
    }

    private func results(_ result: SearchResult, _ params: SearchParameters, page: Int) -> String {
        var out = "<h1>Treffer für „\(HTML.escape(params.query))“</h1>\n"
        let took = (result.tookMilliseconds * 10).rounded() / 10
        let count = result.total == 1 ? "1 Treffer" : "\(HTML.number(result.total)) Treffer"
        let kind = result.partial ? ", die nicht alle Wörter enthalten"
            : result.complete < result.total ? ", davon \(HTML.number(result.complete)) mit allen Wörtern" : ""
        out += "<p role=\"status\" class=\"count\">\(count)\(kind) (\(String(took).replacingDot) ms)</p>\n"
        if let suggestion = result.suggestion {
            out += "<p class=\"suggestion\">Meinten Sie: <a href=\"\(link(query: suggestion, filters: params.filters))\">\(HTML.escape(suggestion))</a>?</p>\n"
        }
        for warning in result.warnings { out += "<p class=\"warning\">Hinweis zur Anfrage: \(HTML.escape(warning))</p>\n" }
        out += "<div class=\"columns\">\n"
        out += facets(result, params)
        out += "<section id=\"treffer\" aria-label=\"Treffer\" tabindex=\"-1\">\n"
        if result.hits.isEmpty {
            out += "<p>Keine Seite enthält diese Wörter.</p>\n"
        } else {
            out += "<ol class=\"hits\" start=\"\(params.offset + 1)\">\n"
            for hit in result.hits { out += self.hit(hit) }
            out += "</ol>\n"
        }
        out += pagination(result, params, page: page)
        out += "</section>\n</div>\n"
        return out
    }

    private func hit(_ hit: Hit) -> String {
        let title = HTML.escape(hit.title.isEmpty ? hit.path : hit.title)
        let target = hit.url.hasPrefix("http") ? hit.url : "/dokument/\(hit.id)"
        var meta = [HTML.escape(hit.url.isEmpty ? hit.path : hit.url)]
        if !hit.date.isEmpty { meta.append("<time datetime=\"\(HTML.escape(hit.date))\">\(HTML.germanDate(hit.date))</time>") }
        return """
            <li class="hit"><article>
            <h2><a href="\(HTML.escape(target))">\(title)</a></h2>
            <p class="meta">\(meta.joined(separator: " · ")) · <a href="/dokument/\(hit.id)">Textansicht</a></p>
            <p class="snippet">\(HTML.highlighted(hit.snippet, hit.highlights))</p>
            </article></li>

            """
    }

    private func facets(_ result: SearchResult, _ params: SearchParameters) -> String {
        var out = "<nav class=\"facets\" aria-label=\"Treffer eingrenzen\">\n"
        if !params.filters.isEmpty {
            out += "<h2>Eingegrenzt auf</h2>\n<ul>\n"
            for f in params.filters {
                let rest = params.filters.filter { $0 != f }
                out += "<li>\(HTML.escape(f)) <a href=\"\(link(query: params.query, filters: rest))\" aria-label=\"Eingrenzung \(HTML.escape(f)) aufheben\">(aufheben)</a></li>\n"
            }
            out += "</ul>\n"
        }
        for facet in result.facets where !facet.values.isEmpty {
            out += "<h2>\(Self.facetTitles[facet.name] ?? facet.name)</h2>\n<ul>\n"
            for (value, count) in facet.values {
                let filter = "\(facet.name):\(value)"
                if params.filters.contains(filter) {
                    out += "<li aria-current=\"true\">\(HTML.escape(value)) (\(HTML.number(count)))</li>\n"
                } else {
                    out += "<li><a href=\"\(link(query: params.query, filters: params.filters + [filter]))\">\(HTML.escape(value))</a> (\(HTML.number(count)))</li>\n"
                }
            }
            out += "</ul>\n"
        }
        return out + "</nav>\n"
    }

    private func pagination(_ result: SearchResult, _ params: SearchParameters, page: Int) -> String {
        let pages = min((result.total + Self.hitsPerPage - 1) / Self.hitsPerPage, configuration.maximumOffset / Self.hitsPerPage + 1)
        guard pages > 1 else { return "" }
        var out = "<nav class=\"pages\" aria-label=\"Seiten\">\n"
        if page > 1 { out += "<a rel=\"prev\" href=\"\(link(query: params.query, filters: params.filters, page: page - 1))\">Zurück</a>\n" }
        out += "<span>Seite \(page) von \(HTML.number(pages))</span>\n"
        if page < pages { out += "<a rel=\"next\" href=\"\(link(query: params.query, filters: params.filters, page: page + 1))\">Weiter</a>\n" }
        return out + "</nav>\n"
    }

    /// A link to the search page, HTML-escaped for an attribute.
    private func link(query: String, filters: [String], page: Int = 1) -> String {
        var url = "/?q=" + QueryString.encode(query)
        for f in filters { url += "&filter=" + QueryString.encode(f) }
        if page > 1 { url += "&seite=\(page)" }
        return HTML.escape(url)
    }

    // MARK: A document

    /// `/dokument/{id}`: the stored text of a page, for pages without a web address.
    func documentPage(_ id: String) -> Response {
        let reader = service.current().reader
        guard let doc = reader.document(id: id), let stored = try? reader.storedDocument(doc) else {
            return Responses.html(layout(query: "", body: message("Diese Seite gibt es im Index nicht (mehr).")), status: .notFound)
        }
        var body = "<article>\n<h1>\(HTML.escape(stored.title.isEmpty ? stored.path : stored.title))</h1>\n<p class=\"meta\">"
        body += HTML.escape(stored.url.isEmpty ? stored.path : stored.url)
        if !stored.date.isEmpty { body += " · <time datetime=\"\(HTML.escape(stored.date))\">\(HTML.germanDate(stored.date))</time>" }
        body += "</p>\n"
        for paragraph in stored.body.split(separator: "\n") where !paragraph.allSatisfy({ $0 == " " }) {
            body += "<p>\(HTML.escape(String(paragraph)))</p>\n"
        }
        body += "</article>\n"
        return Responses.html(layout(query: "", body: body))
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:0 1rem;line-height:1.5;color:#1a1a1a}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
        header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:1rem 0;border-bottom:1px solid #ccc}
        .name{font-weight:bold;margin:0}form{display:flex;gap:.5rem;align-items:center;flex:1}
        input[type=search]{flex:1;font-size:1.1rem;padding:.4rem}button{font-size:1rem;padding:.4rem 1rem}
        a{color:#0645ad}a:focus,input:focus,button:focus{outline:3px solid #fb0}
        .columns{display:flex;gap:2rem}.facets{min-width:12rem}.facets h2{font-size:1rem}
        .facets ul{list-style:none;padding:0}.hits{padding-left:1.5rem}.hit h2{font-size:1.1rem;margin:.8rem 0 0}
        .meta{color:#555;font-size:.9rem;margin:0}mark{background:#ffe066}.error{color:#a00}
        .pages{display:flex;gap:1rem;margin:1rem 0}footer{border-top:1px solid #ccc;margin-top:2rem;color:#555}
        @media(max-width:40rem){.columns{flex-direction:column}}
        """
}

extension String {
    /// "3.5" → "3,5" (German decimal comma).
    var replacingDot: String { String(map { $0 == "." ? "," : $0 }) }
}
