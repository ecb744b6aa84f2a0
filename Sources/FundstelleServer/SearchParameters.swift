import FundstelleSearch

/// The parameters of a search request (`/search` and the search page), checked against the
/// server's limits. Each error names the parameter.
struct SearchParameters: Sendable {
    var query: String
    var limit: Int
    var offset: Int
    var filters: [String]
    var explain: Bool
    var facets: Bool

    init(_ params: QueryString, configuration: ServerConfiguration, defaultFacets: Bool = false, queryRequired: Bool = true) throws(ProblemDetails) {
        query = (params["q"] ?? "").trimmingSpaces()
        if queryRequired && query.isEmpty { throw .badParameter("q", "give a query, e.g. q=wohngeld") }
        if query.utf8.count > configuration.maximumQueryBytes {
            throw .badParameter("q", "the query has \(query.utf8.count) bytes, at most \(configuration.maximumQueryBytes) are allowed")
        }
        limit = try Self.integer(params, "limit", default: 10, in: 0...configuration.maximumLimit)
        offset = try Self.integer(params, "offset", default: 0, in: 0...configuration.maximumOffset)
        explain = try Self.flag(params, "explain", default: false)
        facets = try Self.flag(params, "facets", default: defaultFacets)
        filters = []
        for value in params.all("filter") {
            guard !value.trimmingSpaces().isEmpty else { throw .badParameter("filter", "the value is empty; give NAME:VALUE, e.g. year:2024") }
            for f in value.split(separator: ",").map({ String($0).trimmingSpaces() }) where !f.isEmpty {
                guard Query.isFilter(f) else {
                    throw .badParameter("filter", "'\(f)' is not one of site:VALUE, year:VALUE, date:VALUE, lang:VALUE")
                }
                filters.append(f)
            }
        }
    }

    /// The text the searcher runs: the query and the filters as query syntax.
    var searchText: String { ([query] + filters).joined(separator: " ") }

    static func integer(_ params: QueryString, _ name: String, default value: Int, in range: ClosedRange<Int>) throws(ProblemDetails) -> Int {
        guard let text = params[name] else { return value }
        guard let n = Int(text) else { throw .badParameter(name, "'\(text)' is not a whole number") }
        guard range.contains(n) else { throw .badParameter(name, "\(n) is outside \(range.lowerBound)...\(range.upperBound)") }
        return n
    }

    /// `true` or `false`, as the OpenAPI document's booleans are written.
    static func flag(_ params: QueryString, _ name: String, default value: Bool) throws(ProblemDetails) -> Bool {
        guard let text = params[name] else { return value }
        switch text {
        case "true": return true
        case "false": return false
        default: throw .badParameter(name, "'\(text)' is not true or false")
        }
    }
}
