/// One ranked document.
public struct Hit: Sendable, Equatable {
    /// Global document number in the snapshot (not stable: use `id`).
    public var doc: Int
    /// Stable id: 16 hex digits derived from the path.
    public var id: String
    public var path: String
    /// The page's address (canonical URL, or the mirror path turned back into one); "" when unknown.
    public var url: String = ""
    public var title: String
    public var date: String
    public var score: Float
    public var snippet: String
    /// `[start, end)` offsets into `snippet`, counted in Unicode code points.
    public var highlights: [[Int]]
    /// Other paths with the same content.
    public var duplicates: [String] = []
    /// With `explain`: what each query item added to the score.
    public var explanation: [Explanation] = []
    /// With `explain`: the factor proximity multiplied the score by (1 when it did not).
    public var proximity: Float = 1
}

/// One query item's share of a hit's score: idf × saturated tf' (tf' summed over the fields,
/// each weighted and length-normalised), plus the bonuses for the query's own spelling.
public struct Explanation: Sendable, Equatable {
    public struct FieldShare: Sendable, Equatable {
        public var field: String
        /// The field's weighted, length-normalised term frequency.
        public var tf: Float
    }

    public var item: String
    public var score: Float
    public var idf: Float
    public var fields: [FieldShare]
    public var exactBonus: Float
    public var foldedBonus: Float
}

public struct Facet: Sendable, Equatable {
    public var name: String
    public var values: [(value: String, count: Int)]

    public static func == (a: Facet, b: Facet) -> Bool {
        a.name == b.name && a.values.map(\.value) == b.values.map(\.value) && a.values.map(\.count) == b.values.map(\.count)
    }
}

public struct SearchResult: Sendable, Equatable {
    public var query: String
    /// Documents in the ranking: those with every required word, and when fewer than
    /// `Ranking.fillBelow` have them all, those with any of them after these.
    public var total: Int
    /// True when no document has every required word and the hits are the best partial matches.
    public var partial: Bool
    /// Documents with every required word: the first `complete` of the ranking.
    public var complete = 0
    public var tookMilliseconds: Double = 0
    /// True when the query was cut: longer than `Searcher.maximumQueryBytes`, or more required
    /// words than `Searcher.maximumRequiredWords` (the rest was ignored).
    public var truncated = false
    /// What was wrong with the query text and how it was read anyway (`Query.warnings`).
    public var warnings: [String] = []
    /// For a query with fewer than `Searcher.suggestionThreshold` hits: the query with its
    /// unknown words replaced by the nearest words the index knows ("Did you mean").
    public var suggestion: String?
    public var hits: [Hit] = []
    /// When asked for: per facet ("site", "year", "lang") its most frequent values among all
    /// matching documents, with their counts, most first.
    public var facets: [Facet] = []

    public init(query: String, total: Int, partial: Bool) {
        self.query = query
        self.total = total
        self.partial = partial
        self.complete = partial ? 0 : total
    }
}
