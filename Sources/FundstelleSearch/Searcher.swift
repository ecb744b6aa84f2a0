import Dispatch
import FundstelleAnalysis
import FundstelleIndex
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Answers queries against one index snapshot.
///
/// Each query item is matched across the text fields into `Matches` (term-at-a-time,
/// with dense per-segment scratch arrays); items are then scored with BM25F and combined
/// per group. A searcher reuses its buffers, so give each thread its own.
public final class Searcher {
    public let reader: IndexReader
    public var ranking = Ranking() {
        didSet { factorTable = nil }
    }
    /// `lengthFactors` of every text field, made on first need after the ranking changed.
    private var factorTable: [[Float]]?
    public var snippetLength = 220
    private var analyzer = Analyzer()
    /// `collect`'s buffers, as long as the largest segment (see `Accumulator`).
    private var scratch = ZeroedBuffer<Float>(count: 0)
    private var touched = ZeroedBuffer<Int32>(count: 0)
    private var touchedBits = ZeroedBuffer<UInt64>(count: 0)
    /// Documents of the largest segment (the anchor segment included): what the buffers hold.
    private lazy var largestSegment = max(reader.anchors?.documentCount ?? 0, reader.segments.map(\.documentCount).max() ?? 0)
    /// The scores and word masks of the documents a query touched, reused from query to query.
    private lazy var documentScores = DocumentScores(documentCount: reader.documentCount)
    private var positionBuffers: [[Int32]] = []
    /// While a required word is matched only on the documents that matched the words before
    /// it (see `run`): those documents (global numbers, ascending); nil when all count.
    /// Set with `restrict(to:)`, which splits it by segment too.
    private var restriction: [Int32]?

    /// Sets `restriction`, split once per restriction, not once per list read under it.
    private func restrict(to documents: [Int32]?) {
        restriction = documents
        guard let documents else {
            (restrictionBySegment, restrictionInAnchors) = ([], [])
            return
        }
        var bySegment: [[Int32]] = Array(repeating: [], count: reader.segments.count)
        var s = 0
        for d in documents {
            while s + 1 < reader.bases.count && Int(d) >= reader.bases[s + 1] { s += 1 }
            bySegment[s].append(d - Int32(reader.bases[s]))
        }
        restrictionBySegment = bySegment
        restrictionInAnchors = reader.anchorDocuments(about: documents)
    }

    /// Runs `body` with the restriction narrowed to `documents` (ascending, within the
    /// current restriction if there is one), then puts the one before back as it was.
    private func narrowed<T>(to documents: [Int32], _ body: () throws(IndexError) -> T) throws(IndexError) -> T {
        let saved = (restriction, restrictionBySegment, restrictionInAnchors)
        restrict(to: documents)
        defer { (restriction, restrictionBySegment, restrictionInAnchors) = saved }
        return try body()
    }
    /// `restriction` in segment-local numbers, per segment, and as anchor documents.
    private var restrictionBySegment: [[Int32]] = []
    private var restrictionInAnchors: [Int32] = []
    /// The part of `restriction` in the segment `collect` is reading (local numbers).
    private var localCandidates: [Int32]?
    /// What `visit` saw of the current field's lists: the sum of their document frequencies.
    private var visitedFrequency = 0
    /// The idf each required item was ranked with in the last search, per group and item,
    /// so `--explain` shows the same numbers.
    private var rankedIDFs: [[Float]] = []

    public init(reader: IndexReader) {
        self.reader = reader
    }

    /// Runs `text` and returns hits `offset ..< offset + limit` of the ranking.
    /// Fewer hits than this (or partial ones) and the search offers a corrected query.
    public static let suggestionThreshold = 3

    /// Longer queries are cut at the last space before this many bytes.
    public static let maximumQueryBytes = 4096
    /// Required words beyond this many are ignored (one bit per word in the evaluation).
    public static let maximumRequiredWords = 64

    /// Facets the search counts when asked, and how many values each shows.
    public static let facetNames = ["site", "year", "lang"]
    public var facetValueLimit = 10

    /// How long one search may take; a search still running then stops between two query
    /// items and throws `SearchError.overTimeBudget`. Nil: no limit.
    public var timeBudget: Duration?
    private var deadline: ContinuousClock.Instant?
    private var overBudget = false
    /// This search's dictionary look-ups (every one goes through it).
    private var lookups = LookupMemo()

    /// True once the time budget is spent (and remembered, so every loop stops).
    private func budgetSpent() -> Bool {
        if !overBudget, let deadline, ContinuousClock.now > deadline { overBudget = true }
        return overBudget
    }

    public func search(
        _ text: String, limit: Int = 10, offset: Int = 0, facets: Bool = false, explain: Bool = false
    ) throws(SearchError) -> SearchResult {
        let clock = ContinuousClock()
        let started = clock.now
        deadline = timeBudget.map { started + $0 }
        overBudget = false
        lookups.reset()
        let result: SearchResult
        do {
            result = try search(text, limit: limit, offset: offset, facets: facets, explain: explain, started: started)
        } catch {
            throw .index(error)
        }
        if overBudget, let timeBudget { throw .overTimeBudget(timeBudget) }
        return result
    }

    private func search(
        _ text: String, limit: Int, offset: Int, facets: Bool, explain: Bool, started: ContinuousClock.Instant
    ) throws(IndexError) -> SearchResult {
        let clock = ContinuousClock()
        var cut = false
        var text = text
        if text.utf8.count > Self.maximumQueryBytes {
            let bytes = Array(text.utf8.prefix(Self.maximumQueryBytes))
            let end = bytes.lastIndex(of: 0x20) ?? bytes.count
            text = String(decoding: bytes[..<end], as: UTF8.self)
            cut = true
        }
        let parsed = Query.parse(spelledOut(text))
        let query = analyze(parsed)
        var result = try run(query, limit: max(0, limit), offset: max(0, offset), facets: facets)
        result.truncated = cut || query.groups.count > Self.maximumRequiredWords
        result.warnings = parsed.warnings
        if result.complete < Self.suggestionThreshold { result.suggestion = try suggest(for: text) }
        if explain {
            for i in result.hits.indices {
                result.hits[i].explanation = try explanation(of: result.hits[i].doc, query: query)
                result.hits[i].proximity = proximityFactors[Int32(result.hits[i].doc)] ?? 1
            }
        }
        result.query = text
        let elapsed = clock.now - started
        result.tookMilliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        return result
    }

    // MARK: Analysis of the query

    /// `text` with what only its context says written out: dates ("3. Juli 2025") as ISO dates
    /// ("2025-07-03"), and a book's roman numeral after "SGB" as its number ("SGB XII" → "SGB 12").
    /// The query parser analyses word by word, and these span two or three words.
    private func spelledOut(_ text: String) -> String {
        let tokens = analyzer.analyze(text)
        var bytes = Array(text.utf8)
        for (i, t) in tokens.enumerated().reversed() {
            if i + 2 < tokens.count, let iso = t.expansions.first(where: { $0.utf8.count == 10 && $0.contains("-") }) {
                bytes.replaceSubrange(t.start..<tokens[i + 2].end, with: Array(iso.utf8))
            } else if i > 0, tokens[i - 1].normalized == "sgb", t.normalized != t.stem, Int(t.stem) != nil {
                bytes.replaceSubrange(t.start..<t.end, with: Array(t.stem.utf8))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A query word reduced to its index terms.
    struct Word {
        /// The word's index terms: one, or several for a gender-inclusive form.
        var stems: [[UInt8]]
        var exact: [UInt8]
        var folded: [UInt8]
    }

    /// A query item reduced to index terms: a word, or a phrase of stems.
    indirect enum Item {
        case word(Word)
        case phrase([[UInt8]])
        /// Stems in order with at most this many positions between each two.
        case nearPhrase([[UInt8]], Int)
        /// Words beginning with these (lower-cased) bytes.
        case prefix([UInt8])
        /// Words within an edit distance of these (lower-cased) bytes.
        case fuzzy([UInt8], Int)
        /// A word in one field only.
        case inField(Field, Word)
        /// Documents whose path begins with these bytes (a filter: adds no score).
        case pathPrefix([UInt8])
        /// Documents whose meta key `name:value` has a value in the range (a filter).
        case meta(String, Query.MetaRange)
        case boosted(Item, Float)

        var boost: Float {
            if case .boosted(_, let b) = self { return b }
            return 1
        }

        /// A filter narrows the documents and adds no score: it is never left out of a partial match.
        var isFilter: Bool {
            switch self {
            case .pathPrefix, .meta: true
            case .boosted(let inner, _): inner.isFilter
            default: false
            }
        }
    }

    /// The proximity factor of each re-ranked document of the last query.
    private var proximityFactors: [Int32: Float] = [:]
    /// Fields `collect` looks at; one field while a score is explained.
    private var fieldRestriction: [Field] = Field.text

    /// Most words a `prefix*` expands to (per segment), so `a*` cannot walk the dictionary.
    public var prefixExpansionLimit = 256

    struct AnalyzedQuery {
        var groups: [[Item]] = []
        var excluded: [Item] = []
        /// The stems of the query's words in order, stop words included: for proximity.
        var sequence: [[UInt8]] = []
        /// Every term of the query, for highlighting.
        var terms: Set<[UInt8]> = []
    }

    private func analyze(_ query: Query) -> AnalyzedQuery {
        var result = AnalyzedQuery()
        var stopGroups: [[Item]] = []
        let groups = query.groups.flatMap(Self.hyphenParts)
        for group in groups {
            var items: [Item] = []
            var onlyStopWords = true
            for alternative in group {
                let (item, stop) = analyze(alternative)
                guard let item else { continue }
                items.append(item)
                if !stop { onlyStopWords = false }
            }
            guard !items.isEmpty else { continue }
            // Stop words are not required unless the query has nothing else.
            if onlyStopWords { stopGroups.append(items) } else { result.groups.append(items) }
        }
        if result.groups.isEmpty { result.groups = stopGroups }
        for alternative in query.excluded {
            if let item = analyze(alternative).item { result.excluded.append(item) }
        }
        // Proximity looks at the words as typed, stop words too ("was genau sie hat").
        for group in groups where group.count == 1 {
            switch analyze(group[0]).item {
            case .word(let w)?: if let stem = w.stems.first { result.sequence.append(stem) }
            case .phrase(let ts)?: result.sequence += ts
            default: break
            }
        }
        for group in result.groups {
            for item in group {
                switch item {
                case .word(let w), .inField(_, let w), .boosted(.word(let w), _): w.stems.forEach { result.terms.insert($0) }
                case .phrase(let ts), .nearPhrase(let ts, _): ts.forEach { result.terms.insert($0) }
                default: break
                }
            }
        }
        return result
    }

    /// A group that is one hyphenated word ("Fünf-Tage-Woche") as one group per part, so each
    /// part is required on its own ("an fünf Tagen in der Woche" matches); proximity still
    /// ranks the parts standing together first. Other groups stay as they are.
    static func hyphenParts(_ group: [Query.Alternative]) -> [[Query.Alternative]] {
        guard group.count == 1, case .word(let word) = group[0] else { return [group] }
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        // Every part a word: dates ("2025-07-03") and ellipses ("Sozial-") stay as they are.
        guard parts.count >= 2, parts.allSatisfy({ $0.contains(where: \.isLetter) }) else { return [group] }
        return parts.map { [.word(String($0))] }
    }

    /// Query-time splits made so far, by exact word.
    private var querySplits: [[UInt8]: [[UInt8]]] = [:]

    /// The part terms of a word (exact, lower-cased) split as the indexer would have split it,
    /// [] when it does not split. For a word that matches nothing and that the index has no
    /// split of (`wordMatches` asks only then). The word counts come from the dictionary, for
    /// the strings the split can ask about (`partFrequencies`): a few thousand look-ups, not a
    /// walk of every word of the index.
    private func queryTimeSplit(_ exact: [UInt8]) -> [[UInt8]] {
        guard exact.count >= SplitTable.minimumLength else { return [] }
        if let known = querySplits[exact] { return known }
        if querySplits.count >= 10_000 { querySplits.removeAll() }  // a server's searcher lives long
        guard let frequencies = try? partFrequencies(of: exact) else { return [] }
        var analyzer = Analyzer(decompounder: Decompounder(frequencies: frequencies))
        var parts: [[UInt8]] = []
        var copy = String(decoding: exact, as: UTF8.self)
        _ = copy.withUTF8 { utf8 in
            analyzer.analyze(utf8) { term in
                if term.kind == .split { parts = SplitKey.parts(UnsafeRawBufferPointer(term.bytes)) }
            }
        }
        if parts.count < 2 { parts = [] }
        querySplits[exact] = parts
        return parts
    }

    /// The corpus counts `Decompounder` asks about when it splits `word`: for every piece of
    /// the word (two letters or more), the piece less a linking element or inflectional ending
    /// and with an elided -e/-n restored, and for the known ones their inflected forms too
    /// (whole words and merged neighbours are counted by stem), the number of body
    /// documents holding a word of that spelling key (its exact and folded terms, summed over
    /// the segments). The body holds nearly every word of the other fields, so its counts
    /// stand for the index's.
    private func partFrequencies(of word: [UInt8]) throws(IndexError) -> WordFrequencies {
        var table = WordFrequencies()
        var counted = Set<[UInt8]>()
        var keyBuffer: [UInt8] = []
        /// Counts the spelling key of `form` once; returns its count.
        func count(_ form: [UInt8]) throws(IndexError) -> Int {
            form.withUnsafeBufferPointer { GermanFolding.fold($0, into: &keyBuffer) }
            let key = keyBuffer
            guard counted.insert(key).inserted else { return key.withUnsafeBufferPointer { table.frequency(of: $0) } }
            var documents = 0
            for segment in reader.segments {
                documents += try lookups.lookup(segment, .body, .exact, key)?.docFreq ?? 0
                documents += try lookups.lookup(segment, .body, .folded, key)?.docFreq ?? 0
            }
            if documents > 0 { key.withUnsafeBufferPointer { table.add($0, amount: UInt32(clamping: documents)) } }
            return documents
        }
        var cuts: [Int] = []
        for (i, b) in word.enumerated() where b & 0xC0 != 0x80 { cuts.append(i) }
        cuts.append(word.count)
        let endings = Decompounder.linkingElements, elided = Decompounder.elidedEndings
        var known: [[UInt8]] = []
        for i in 0..<(cuts.count - 1) {
            for j in (i + 1)..<cuts.count where j - i >= 2 {
                let piece = Array(word[cuts[i]..<cuts[j]])
                if try count(piece) > 0 { known.append(piece) }
                for ending in endings where piece.count > ending.count + 1 && piece.reversed().starts(with: ending.reversed()) {
                    _ = try count(Array(piece.dropLast(ending.count)))
                }
                for ending in elided { _ = try count(piece + ending) }
            }
        }
        for piece in known where piece.count >= 4 {
            for ending in endings { _ = try count(piece + ending) }
        }
        return table
    }

    /// One word may give several tokens ("§27"): those become a phrase.
    private func analyze(_ alternative: Query.Alternative) -> (item: Item?, stop: Bool) {
        var words: [Word] = []
        var allStop = true
        let texts: [String]
        switch alternative {
        case .word(let w): texts = [w]
        case .phrase(let ws): texts = ws
        case .nearPhrase(let ws, let slop):
            guard case .phrase(let stems)? = analyze(.phrase(ws)).item else { return analyze(.phrase(ws)) }
            return (.nearPhrase(stems, slop), false)
        case .prefix(let p):
            let lower = Array(Lowercaser.lowercase(p).utf8)
            return (lower.isEmpty ? nil : .prefix(lower), false)
        case .fuzzy(let w, let d):
            let lower = Array(Lowercaser.lowercase(w).utf8)
            return (lower.isEmpty ? nil : .fuzzy(lower, d), false)
        case .pathPrefix(let p):
            return (p.isEmpty ? nil : .pathPrefix(Array(p.utf8)), false)
        case .meta(let name, let range):
            var r = range
            if name == "lang" { (r.lower, r.upper) = (r.lower.lowercased(), r.upper.lowercased()) }
            return (.meta(name, r), false)
        case .inField(let name, let w):
            guard let field = Field.text.first(where: { $0.name == name }),
                  case .word(let word)? = analyze(.word(w)).item else { return (nil, true) }
            return (.inField(field, word), false)
        case .boosted(let inner, let b):
            let (item, stop) = analyze(inner)
            return (item.map { .boosted($0, b) }, stop)
        }
        for text in texts {
            var copy = text
            _ = copy.withUTF8 { utf8 in
                analyzer.analyze(utf8) { term in
                    switch term.kind {
                    case .exact:
                        words.append(Word(stems: [], exact: Array(term.bytes), folded: Array(term.bytes)))
                        if !term.isStopWord { allStop = false }
                    case .folded: words[words.count - 1].folded = Array(term.bytes)
                    case .stem: words[words.count - 1].stems.append(Array(term.bytes))
                    case .part, .split: break  // a query's analyzer has no decompounder
                    }
                }
            }
        }
        switch words.count {
        case 0: return (nil, true)
        case 1: return (.word(words[0]), allStop)
        default: return (.phrase(words.map { $0.stems[0] }), allStop)
        }
    }

    // MARK: Evaluation

    private func run(_ query: AnalyzedQuery, limit: Int, offset: Int, facets: Bool = false) throws(IndexError) -> SearchResult {
        let n = reader.documentCount
        guard !query.groups.isEmpty, n > 0 else { return SearchResult(query: "", total: 0, partial: false) }
        let groups = Array(query.groups.prefix(Self.maximumRequiredWords))  // one bit per group
        let found = documentScores
        found.reset()
        defer { restrict(to: nil) }

        /// Adds group g's items to the scores and masks; returns the documents it matched
        /// (unsorted, repeated), or nil when the time budget ran out.
        rankedIDFs = groups.map { [Float](repeating: 0, count: $0.count) }
        /// While words are matched one after the other (all words first, below), their
        /// spelling bonuses wait here: they matter only to the documents that have every word,
        /// known at the end, whose lists are then skipped through rather than read whole.
        var deferring = false
        var deferred: [(word: Word, idf: Float)] = []
        /// Adds the bonus of `word`'s spellings (see `score`) for the documents matched now.
        func addSpellingBonus(_ word: Word, idf: Float) throws(IndexError) {
            let exact = try spellingMatches([word.exact], kinds: [(.exact, 1)])
            for (bonus, spelling) in [(ranking.exactBonus, exact), (ranking.foldedBonus, try foldedMatches(word, exact: exact))] {
                for k in 0..<spelling.count {
                    found.add(Int(spelling.docs[k]), score: bonus * idf * ranking.saturate(spelling.weights[k]))
                }
            }
        }
        func score(_ g: Int) throws(IndexError) -> [Int32]? {
            var matched: [Int32] = []
            for (i, item) in groups[g].enumerated() {
                if budgetSpent() { return nil }
                let m = try matches(item)
                guard m.count > 0 else { continue }
                matched += m.docs
                // Restricted to earlier words' documents, the list's own length is no document
                // frequency: the dictionary's counts stand in for it.
                let df = restriction == nil ? m.count : min(n, max(m.count, m.documentFrequency ?? m.count))
                let idf = ranking.idf(documentFrequency: df, documents: n) * item.boost
                rankedIDFs[g][i] = idf
                for k in 0..<m.count {
                    let d = Int(m.docs[k])
                    found.add(d, score: idf * ranking.saturate(m.weights[k]), bits: 1 << UInt64(g))
                }
                // The same word spelled as in the query, or folded the same way, ranks higher.
                // (Not for words in very many documents: walking their lists again costs more
                // than the bonus can change.)
                guard case .word(let word) = item, df <= ranking.spellingBonusLimit else { continue }
                if deferring {
                    deferred.append((word, idf))
                } else {
                    try addSpellingBonus(word, idf: idf)
                }
            }
            return matched
        }

        // All words first, rarest first: each later word is matched only on the documents that
        // have every word before it, so its list is skipped through, not read whole. When fewer
        // than `Ranking.fillBelow` documents have them all, every document is scored, and the
        // best partial matches follow the complete ones.
        var conjunction: [Int32]?
        var filling = false
        if groups.count >= 2 {
            let costs = try groups.map { group throws(IndexError) in try cost(of: group) }
            var candidates: [Int32]?
            deferring = true
            for g in groups.indices.sorted(by: { costs[$0] != costs[$1] ? costs[$0] < costs[$1] : $0 < $1 }) {
                restrict(to: candidates)
                guard let matched = try score(g) else { return SearchResult(query: "", total: 0, partial: false) }
                let bit = UInt64(1) << UInt64(g)
                if let previous = candidates {
                    candidates = previous.filter { found.mask(Int($0)) & bit != 0 }
                } else {
                    candidates = Self.sortedUnique(matched)
                }
                if candidates!.isEmpty { break }
            }
            restrict(to: nil)
            deferring = false
            if let found = candidates, found.count >= ranking.fillBelow {
                conjunction = found
                restrict(to: found)
                for (word, idf) in deferred { try addSpellingBonus(word, idf: idf) }
                restrict(to: nil)
            } else {
                // Few or no documents have every word: the best partial matches, from all documents.
                filling = candidates?.isEmpty == false
                found.reset()
            }
        }
        if conjunction == nil {
            for g in groups.indices {
                guard try score(g) != nil else { return SearchResult(query: "", total: 0, partial: false) }
            }
        }
        restrict(to: conjunction)
        for item in query.excluded {
            for d in try matches(item).docs { found.clearMask(Int(d)) }
        }
        restrict(to: nil)
        if reader.hasDeletions {
            found.clearMasks(where: reader.isDeleted)
        }
        let all: UInt64 = groups.count == 64 ? ~0 : (1 << UInt64(groups.count)) - 1
        var candidates: [Int32] = []
        var complete = 0
        if let conjunction {
            candidates = conjunction.filter { found.mask(Int($0)) == all }
            complete = candidates.count
        } else {
            // Partial matches have some word, and every filter (site:, year:, path:, …) holds.
            let filters = groups.indices.reduce(UInt64(0)) { bits, g in
                groups[g].allSatisfy(\.isFilter) ? bits | (1 << UInt64(g)) : bits
            }
            for d in found.documentsInOrder() {
                let mask = found.mask(Int(d))
                guard mask & filters == filters && (mask & ~filters != 0 || filters == all) else { continue }
                candidates.append(d)
                if mask == all { complete += 1 }
            }
        }
        let partial = complete == 0
        // Complete matches first, then score, then document order; only as far as proximity
        // and the page look. Partial matches count their score times the coordination factor
        // of the words they have.
        let order = ranking.order(groups: groups.count, partial: partial || filling)
        let key = ranking.sortKey(groups: groups.count, partial: partial || filling)
        var keyed = candidates.map { d in key(found.score(Int(d)), found.mask(Int(d)), d) }
        keyed.sortPrefix(max(ranking.proximityDepth, offset + limit)) { $0.comesBefore($1) }
        candidates = keyed.map(\.doc)
        try rerankByProximity(&candidates, scores: found, sequence: query.sequence, needed: offset + limit) { x, y in
            order(found.score(Int(x)), found.mask(Int(x)), x, found.score(Int(y)), found.mask(Int(y)), y)
        }
        var result = SearchResult(query: "", total: candidates.count, partial: partial)
        result.complete = complete
        if facets { result.facets = try countFacets(candidates) }
        // The parts of a compound split at query time light up too.
        var terms = query.terms
        for group in query.groups {
            for item in group {
                if case .word(let w) = item, let parts = querySplits[w.exact] { terms.formUnion(parts) }
                if case .boosted(.word(let w), _) = item, let parts = querySplits[w.exact] { terms.formUnion(parts) }
            }
        }
        let page = Array(candidates.dropFirst(offset).prefix(limit))
        let made = try hits(page, snippets: SnippetMaker(terms: terms, length: snippetLength))
        for (d, hit) in zip(page, made) {
            guard var hit else { continue }
            hit.score = found.score(Int(d))
            result.hits.append(hit)
        }
        return result
    }

    /// Analyzers for snippets beside `analyzer`, one per further core (see `hits`).
    private var helperAnalyzers: [Analyzer] = []
    private static let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    /// About half a millisecond of snippet work on one core. (At 24 KB, which most pages of
    /// ten law pages reach, the median query grew by a few per cent on this shared machine.)
    var parallelSnippetBytes = 128 * 1024

    /// The hits of `page` (nil for a document deleted since) with their stored fields and
    /// snippets, score left 0. A snippet analyses the hit's whole body (a long law page holds
    /// 100 KB), so the hits are made on all cores, each worker with its own analyzer: every
    /// hit comes out as one worker alone would make it. Short texts are not worth waking a
    /// second thread for: the page's records together must hold `parallelSnippetBytes`.
    private func hits(_ page: [Int32], snippets: SnippetMaker) throws(IndexError) -> [Hit?] {
        let reader = self.reader
        @Sendable func make(_ d: Int32, _ analyzer: inout Analyzer) -> Result<Hit?, IndexError> {
            Result { () throws(IndexError) -> Hit? in
                guard let (doc, body) = try reader.storedDocumentWithBodyBytes(Int(d)) else { return nil }
                let snippet = body.withUnsafeBufferPointer { snippets.make($0, analyzer: &analyzer) }
                return Hit(
                    doc: Int(d), id: doc.id, path: doc.path, url: doc.url, title: doc.title, date: doc.date,
                    score: 0, snippet: snippet.text, highlights: snippet.highlights, duplicates: doc.duplicates)
            }
        }
        let workers = min(Self.cores, page.count)
        guard workers > 1, page.reduce(0, { $0 + reader.storedSize(Int($1)) }) >= parallelSnippetBytes else {
            return try page.map { d throws(IndexError) in try make(d, &analyzer).get() }
        }
        while helperAnalyzers.count < workers - 1 { helperAnalyzers.append(Analyzer()) }
        var results = [Result<Hit?, IndexError>](repeating: .success(nil), count: page.count)
        var pool = [analyzer] + helperAnalyzers
        results.withUnsafeMutableBufferPointer { out in
            pool.withUnsafeMutableBufferPointer { analyzers in
                nonisolated(unsafe) let out = out, analyzers = analyzers
                // Worker w makes hits w, w + workers, …: its own slots and its own analyzer.
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    for i in stride(from: w, to: page.count, by: workers) { out[i] = make(page[i], &analyzers[w]) }
                }
            }
        }
        analyzer = pool[0]
        helperAnalyzers = Array(pool[1...])
        return try results.map { r throws(IndexError) in try r.get() }
    }

    /// What each required item of `query` adds to document `doc`'s score, field by field.
    private func explanation(of doc: Int, query: AnalyzedQuery) throws(IndexError) -> [Explanation] {
        let n = reader.documentCount
        func weight(_ m: Matches) -> Float? {
            var lo = 0, hi = m.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(m.docs[mid]) < doc { lo = mid + 1 } else { hi = mid }
            }
            return lo < m.count && Int(m.docs[lo]) == doc ? m.weights[lo] : nil
        }
        var result: [Explanation] = []
        for (g, group) in query.groups.prefix(64).enumerated() {
            for (i, item) in group.enumerated() {
                let m = try matches(item)
                guard let tf = weight(m) else { continue }
                let ranked = g < rankedIDFs.count && i < rankedIDFs[g].count ? rankedIDFs[g][i] : 0
                let idf = ranked > 0 ? ranked : ranking.idf(documentFrequency: m.count, documents: n) * item.boost
                var fields: [Explanation.FieldShare] = []
                for field in Field.text {
                    fieldRestriction = [field]
                    defer { fieldRestriction = Field.text }
                    if let share = weight(try matches(item)), share > 0 { fields.append(.init(field: field.name, tf: share)) }
                }
                var exact: Float = 0, folded: Float = 0
                if case .word(let word) = item, m.count <= ranking.spellingBonusLimit {
                    if let w = weight(try spellingMatches([word.exact], kinds: [(.exact, 1)])) {
                        exact = ranking.exactBonus * idf * ranking.saturate(w)
                    }
                    if let w = weight(try spellingMatches([word.folded], kinds: [(.exact, 1), (.folded, 1)])) {
                        folded = ranking.foldedBonus * idf * ranking.saturate(w)
                    }
                }
                result.append(Explanation(
                    item: Self.describe(item), score: idf * ranking.saturate(tf), idf: idf, fields: fields,
                    exactBonus: exact, foldedBonus: folded))
            }
        }
        return result
    }

    /// A query item as a person would write it.
    private static func describe(_ item: Item) -> String {
        let text = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self) }
        switch item {
        case .word(let w): return text(w.exact)
        case .phrase(let ts): return "\"" + ts.map(text).joined(separator: " ") + "\""
        case .nearPhrase(let ts, let slop): return "\"" + ts.map(text).joined(separator: " ") + "\"~" + String(slop)
        case .prefix(let p): return text(p) + "*"
        case .fuzzy(let w, let d): return text(w) + "~" + String(d)
        case .inField(let f, let w): return f.name + ":" + text(w.exact)
        case .pathPrefix(let p): return "path:" + text(p)
        case .meta(let name, let r): return name + ":" + (r.lower == r.upper ? r.lower : r.lower + ".." + r.upper)
        case .boosted(let inner, let b): return describe(inner) + "^" + String(b)
        }
    }

    // MARK: Did you mean

    /// The query with each word the index does not know replaced by the nearest one it knows
    /// (not a stop word, same first letter, most documents first): one edit away; else two known
    /// words written together ("pflegegeldantrag" → "pflegegeld antrag"); else, for a word of 8
    /// letters or more, two edits away. Nil when nothing changes.
    private func suggest(for text: String) throws(IndexError) -> String? {
        var changed = false
        var words: [String] = []
        for raw in text.split(separator: " ") {
            if budgetSpent() { return nil }
            let word = String(raw)
            guard word.count >= 3, word.allSatisfy({ $0.isLetter }) else { words.append(word); continue }
            let lower = Array(Lowercaser.lowercase(word).utf8)
            if try documentFrequency(exact: lower) > 0 { words.append(word); continue }
            // One typo, else two words written together, else two typos in a long word.
            if let near = try nearest(to: lower, limit: 1) {
                words.append(String(decoding: near, as: UTF8.self))
                changed = true
            } else if let (a, b) = try twoWords(lower) {
                words.append(String(decoding: a, as: UTF8.self) + " " + String(decoding: b, as: UTF8.self))
                changed = true
            } else if lower.count >= 8, let near = try nearest(to: lower, limit: 2) {
                words.append(String(decoding: near, as: UTF8.self))
                changed = true
            } else {
                words.append(word)
            }
        }
        return changed ? words.joined(separator: " ") : nil
    }

    /// Documents (summed over segments and text fields) holding `word` as written.
    private func documentFrequency(exact word: [UInt8]) throws(IndexError) -> Int {
        var df = 0
        for segment in reader.segments {
            for field in Field.text {
                if let info = try lookups.lookup(segment, field, .exact, word) { df += info.docFreq }
            }
        }
        return df
    }

    /// The most frequent known word within the edit distance, scanning only the body's words
    /// with the same first letter.
    private func nearest(to word: [UInt8], limit: Int) throws(IndexError) -> [UInt8]? {
        guard let first = word.first else { return nil }
        var best: (term: [UInt8], df: Int, distance: Int)?
        for segment in reader.segments {
            try segment.forEachKey(withPrefix: [Field.body.keyPrefix(.exact), first]) { (key, info) throws(IndexError) in
                let term = Array(key[1...])
                guard abs(term.count - word.count) <= limit, !term.withUnsafeBufferPointer(GermanStopWords.contains),
                      let d = Self.editDistance(word, term, limit: limit) else { return true }
                if best == nil || d < best!.distance || (d == best!.distance && info.docFreq > best!.df) {
                    best = (term, info.docFreq, d)
                }
                return true
            }
        }
        return best?.term
    }

    /// A split of `word` into two known words of at least 3 letters, the most frequent pair.
    private func twoWords(_ word: [UInt8]) throws(IndexError) -> ([UInt8], [UInt8])? {
        guard word.count >= 6 else { return nil }
        var best: (a: [UInt8], b: [UInt8], df: Int)?
        for cut in 3...(word.count - 3) {
            let a = Array(word[..<cut]), b = Array(word[cut...])
            let da = try documentFrequency(exact: a)
            guard da > 0 else { continue }
            let db = try documentFrequency(exact: b)
            guard db > 0 else { continue }
            if best == nil || min(da, db) > best!.df { best = (a, b, min(da, db)) }
        }
        return best.map { ($0.a, $0.b) }
    }

    /// Levenshtein distance of two byte strings, nil when above `limit` (stops early).
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        guard !a.isEmpty else { return b.count <= limit ? b.count : nil }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1..<(b.count + 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// Counts, per facet, the values of the matching documents (their `site:`, `year:`, `lang:`
    /// keys): one walk over each facet's keys and postings. O(documents with the key).
    private func countFacets(_ candidates: [Int32]) throws(IndexError) -> [Facet] {
        var matching = [Bool](repeating: false, count: reader.documentCount)
        for d in candidates { matching[Int(d)] = true }
        var facets: [Facet] = []
        for name in Self.facetNames {
            var counts: [String: Int] = [:]
            let prefix = [Field.meta.keyPrefix(.stem)] + Array((name + ":").utf8)
            for (s, segment) in reader.segments.enumerated() {
                try segment.forEachKey(withPrefix: prefix) { (key, info) throws(IndexError) in
                    var cursor = try segment.postings(info)
                    var n = 0
                    while try cursor.next() {
                        if matching[reader.bases[s] + cursor.doc] { n += 1 }
                    }
                    if n > 0 { counts[String(decoding: key[prefix.count...], as: UTF8.self), default: 0] += n }
                    return true
                }
            }
            let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(facetValueLimit)
            facets.append(Facet(name: name, values: top.map { ($0.key, $0.value) }))
        }
        return facets
    }

    /// Re-ranks the best `proximityDepth` candidates (at least the page asked for): where the
    /// query's words stand next to each other in order, in one field, the score grows with
    /// the share of neighbouring word pairs found so (`Ranking.proximityBonus`).
    private func rerankByProximity(
        _ candidates: inout [Int32], scores: DocumentScores, sequence: [[UInt8]], needed: Int,
        by areInIncreasingOrder: (Int32, Int32) -> Bool
    ) throws(IndexError) {
        proximityFactors.removeAll(keepingCapacity: true)
        guard sequence.count >= 2, ranking.proximityBonus > 0, !candidates.isEmpty else { return }
        let depth = min(candidates.count, max(ranking.proximityDepth, needed))
        let top = candidates[..<depth].sorted()
        var pairs = [Int](repeating: 0, count: depth)  // by rank in `top`
        while positionBuffers.count < sequence.count { positionBuffers.append([]) }
        var present = [Bool](repeating: false, count: sequence.count)  // per word, for one document
        for (s, segment) in reader.segments.enumerated() {
            let base = reader.bases[s], end = base + segment.documentCount
            let inSegment = top.indices.filter { Int(top[$0]) >= base && Int(top[$0]) < end }
            guard !inSegment.isEmpty else { continue }
            for field in [Field.title, .headings, .body] {
                var cursors: [PostingsCursor?] = []
                for stem in sequence {
                    cursors.append(try lookups.lookup(segment, field, .stem, stem).map { info throws(IndexError) in try segment.postings(info, positions: true) })
                }
                var best = [Int](repeating: 0, count: depth)
                for k in inSegment {
                    let local = Int(top[k]) - base
                    for i in present.indices { present[i] = false }
                    for i in cursors.indices where cursors[i] != nil {
                        guard try cursors[i]!.advance(to: local) else { cursors[i] = nil; continue }
                        if cursors[i]!.doc == local {
                            try cursors[i]!.readPositions(into: &positionBuffers[i])
                            present[i] = true
                        }
                    }
                    var adjacent = 0
                    for i in 0..<(sequence.count - 1) where present[i] && present[i + 1] {
                        if Self.hasNeighbours(positionBuffers[i], positionBuffers[i + 1]) { adjacent += 1 }
                    }
                    best[k] = adjacent
                }
                for k in inSegment { pairs[k] = max(pairs[k], best[k]) }
            }
        }
        let share = Float(1) / Float(sequence.count - 1)
        for (k, d) in top.enumerated() where pairs[k] > 0 {
            let factor = 1 + ranking.proximityBonus * Float(pairs[k]) * share
            scores.scale(Int(d), by: factor)
            proximityFactors[d] = factor
        }
        candidates[..<depth].sort(by: areInIncreasingOrder)
    }

    /// Whether some position in `a` is directly followed by one in `b` (both ascending).
    private static func hasNeighbours(_ a: [Int32], _ b: [Int32]) -> Bool {
        var j = 0
        for p in a {
            while j < b.count && b[j] < p + 1 { j += 1 }
            if j < b.count && b[j] == p + 1 { return true }
        }
        return false
    }

    private func matches(_ item: Item) throws(IndexError) -> Matches {
        switch item {
        case .word(let w): try wordMatches(w)
        case .phrase(let ts): try phraseMatches(ts)
        case .nearPhrase(let ts, let slop): try phraseMatches(ts, slop: slop)
        case .boosted(let inner, _): try matches(inner)
        case .inField(let field, let w):
            try collect(fields: [field]) { (field, segment, accumulator) throws(IndexError) in
                for stem in w.stems {
                    for (kind, weight) in [(TermKind.stem, Float(1)), (.part, ranking.partWeight)] {
                        guard let info = try lookups.lookup(segment, field, kind, stem) else { continue }
                        var cursor = try segment.postings(info)
                        try visit(&cursor, weight: weight, &accumulator)
                    }
                }
            }
        case .prefix(let p):
            // Exact forms beginning with the prefix, as written in any text field.
            try collect { (field, segment, accumulator) throws(IndexError) in
                var expansions = 0
                try segment.forEachKey(withPrefix: [field.keyPrefix(.exact)] + p) { (_, info) throws(IndexError) in
                    var cursor = try segment.postings(info)
                    try visit(&cursor, &accumulator)
                    expansions += 1
                    return expansions < prefixExpansionLimit
                }
            }
        case .fuzzy(let w, let distance):
            // Exact forms within the distance, sharing the first letter (so the scan covers one
            // letter's words, not the dictionary), at most prefixExpansionLimit per field.
            try collect { (field, segment, accumulator) throws(IndexError) in
                var expansions = 0
                try segment.forEachKey(withPrefix: [field.keyPrefix(.exact), w[0]]) { (key, info) throws(IndexError) in
                    let term = Array(key[1...])
                    guard abs(term.count - w.count) <= distance, Self.editDistance(w, term, limit: distance) != nil else { return true }
                    var cursor = try segment.postings(info)
                    try visit(&cursor, &accumulator)
                    expansions += 1
                    return expansions < prefixExpansionLimit
                }
            }
        case .pathPrefix(let p):
            try pathMatches(p)
        case .meta(let name, let range):
            try metaMatches(name, range)
        }
    }

    /// Documents whose meta key `name:value` has its value in `range`, with weight 0.
    private func metaMatches(_ name: String, _ range: Query.MetaRange) throws(IndexError) -> Matches {
        let prefix = Array((name + ":").utf8)
        let byPrefix = name == "date" || name == "year"
        return try filterMatches(Field.meta, prefix) { range.contains(String(decoding: $0, as: UTF8.self), byPrefix: byPrefix) }
    }

    /// Documents whose path begins with `prefix`, with weight 0: a filter that adds no score.
    private func pathMatches(_ prefix: [UInt8]) throws(IndexError) -> Matches {
        try filterMatches(Field.path, prefix) { _ in true }
    }

    /// Documents holding a key of `field` that begins with `prefix` and whose rest `accept`s,
    /// each with weight 0 (filters add no score).
    private func filterMatches(
        _ field: Field, _ prefix: [UInt8], accept: (UnsafeRawBufferPointer) -> Bool
    ) throws(IndexError) -> Matches {
        var result = Matches()
        let keyPrefix = [field.keyPrefix(.stem)] + prefix
        for (s, segment) in reader.segments.enumerated() {
            var docs: [Int32] = []
            try segment.forEachKey(withPrefix: keyPrefix) { (key, info) throws(IndexError) in
                guard accept(UnsafeRawBufferPointer(rebasing: key[keyPrefix.count...])) else { return true }
                var cursor = try segment.postings(info)
                while try cursor.next() { docs.append(Int32(reader.bases[s] + cursor.doc)) }
                return true
            }
            docs.sort()
            result.docs += docs
            result.weights += [Float](repeating: 0, count: docs.count)
        }
        return result
    }

    /// Combines `freq` of each (field, document) into tf' over all segments: `perField` reads
    /// a field's lists of a segment into the accumulator.
    private func collect(
        fields requested: [Field] = Field.text,
        _ perField: (Field, SegmentReader, inout Accumulator) throws(IndexError) -> Void
    ) throws(IndexError) -> Matches {
        var result = Matches()
        // Per field and norm byte: weight / (1 − b + b · length / average).
        let factors = factorTable ?? Field.text.indices.map { lengthFactors(slot: $0) }
        factorTable = factors
        if scratch.count < largestSegment {
            let largest = largestSegment
            scratch = ZeroedBuffer(count: largest)
            touched = ZeroedBuffer(count: largest)
            touchedBits = ZeroedBuffer(count: (largest + 63) / 64)
        }
        var accumulator = Accumulator(scores: scratch.pointer, bits: touchedBits.pointer, touched: touched.pointer)

        /// Reads the requested fields of `segment` into the accumulator.
        func read(_ segment: SegmentReader, anchors: Bool) throws(IndexError) -> Int {
            accumulator.documentCount = segment.documentCount
            var widest = 0
            for (slot, field) in Field.text.enumerated()
            where (field == .anchor) == anchors && requested.contains(field) && fieldRestriction.contains(field)
                && segment.sumLengths[slot] > 0 {  // (a field no document of the segment has: no look-ups)
                visitedFrequency = 0
                try factors[slot].withUnsafeBufferPointer { factor throws(IndexError) in
                    accumulator.factor = factor.baseAddress!
                    accumulator.norms = segment.norms(slot).baseAddress ?? UnsafePointer(bitPattern: 1)!
                    try perField(field, segment, &accumulator)
                }
                widest = max(widest, visitedFrequency)
            }
            return widest
        }

        // The anchor segment's documents stand for documents of the others, in the same order:
        // read first, their tf' is added to their documents' as each segment is read.
        var anchorDocs: [Int32] = [], anchorWeights: [Float] = []
        if let anchors = reader.anchors, restriction == nil || !restrictionInAnchors.isEmpty {
            localCandidates = restriction == nil ? nil : restrictionInAnchors
            _ = try read(anchors, anchors: true)
            anchorDocs.reserveCapacity(accumulator.touchedCount)
            anchorWeights.reserveCapacity(accumulator.touchedCount)
            accumulator.drain { doc, weight in
                anchorDocs.append(Int32(reader.anchorTarget(doc)))
                anchorWeights.append(weight)
            }
        }
        var estimate = 0
        defer { localCandidates = nil }
        var nextAnchor = 0
        for (s, segment) in reader.segments.enumerated() {
            localCandidates = restriction == nil ? nil : restrictionBySegment[s]
            estimate += try read(segment, anchors: false)
            let base = reader.bases[s], end = base + segment.documentCount
            while nextAnchor < anchorDocs.count && Int(anchorDocs[nextAnchor]) < end {
                accumulator.addWeight(Int(anchorDocs[nextAnchor]) - base, anchorWeights[nextAnchor])
                nextAnchor += 1
            }
            result.docs.reserveCapacity(result.docs.count + accumulator.touchedCount)
            result.weights.reserveCapacity(result.weights.count + accumulator.touchedCount)
            accumulator.drain { doc, weight in
                result.docs.append(Int32(base + doc))
                result.weights.append(weight)
            }
        }
        result.documentFrequency = estimate
        return result
    }

    /// Feeds the accumulator the documents of `cursor` with their frequency times `weight`:
    /// all of them, or under a restriction only the candidates, skipping through the list.
    private func visit(_ cursor: inout PostingsCursor, weight: Float = 1, _ accumulator: inout Accumulator) throws(IndexError) {
        visitedFrequency += cursor.docFreq
        // Few candidates against a long list: skip to each. Otherwise the whole list is read
        // and met with the candidates in one merge (cheaper than a jump per candidate).
        if let local = localCandidates, local.count * Self.skipRatio < cursor.docFreq {
            for c in local {
                guard try cursor.advance(to: Int(c)) else { return }
                if cursor.doc == Int(c) { accumulator.add(cursor.doc, Float(cursor.freq) * weight) }
            }
            return
        }
        let capacity = 128
        try withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { docs throws(IndexError) in
            try withUnsafeTemporaryAllocation(of: Float.self, capacity: capacity) { freqs throws(IndexError) in
                guard let local = localCandidates else {
                    while true {
                        let n = try cursor.fill(docs: docs.baseAddress!, freqs: freqs.baseAddress!, capacity: capacity)
                        if n == 0 { break }
                        for k in 0..<n { accumulator.add(Int(docs[k]), freqs[k] * weight) }
                    }
                    return
                }
                try local.withUnsafeBufferPointer { candidates throws(IndexError) in
                    var j = 0
                    while j < candidates.count {
                        let n = try cursor.fill(docs: docs.baseAddress!, freqs: freqs.baseAddress!, capacity: capacity)
                        if n == 0 { break }
                        for k in 0..<n {
                            let d = docs[k]
                            while j < candidates.count && candidates[j] < d { j += 1 }
                            if j < candidates.count && candidates[j] == d { accumulator.add(Int(d), freqs[k] * weight) }
                        }
                    }
                }
            }
        }
    }

    /// The documents of `lists` (each ascending, one after the other) once each, ascending.
    /// One list is returned as it is.
    static func sortedUnique(_ lists: [Int32]) -> [Int32] {
        guard lists.count > 1, zip(lists, lists.dropFirst()).contains(where: { $0 >= $1 }) else { return lists }
        var all = lists
        all.sort()
        var kept = 1
        for i in 1..<all.count where all[i] != all[kept - 1] {
            all[kept] = all[i]
            kept += 1
        }
        all.removeLast(all.count - kept)
        return all
    }

    /// About how many postings matching `group` would read: the body lists of its words
    /// (of a phrase, its longest word), or a large number for items that are no words.
    private func cost(of group: [Item]) throws(IndexError) -> Int {
        var total = 0
        for item in group {
            var inner = item
            while case .boosted(let i, _) = inner { inner = i }
            let terms: [[UInt8]]
            switch inner {
            case .word(let w): terms = w.stems
            case .inField(_, let w): terms = w.stems
            case .phrase(let ts), .nearPhrase(let ts, _): terms = ts.isEmpty ? [] : [ts.min { $0.count > $1.count }!]
            default: return Int.max / 2
            }
            for term in terms { total += try bodyFrequency(term) }
        }
        return total
    }

    /// In how many documents `term` stands in the body, as a stem.
    private func bodyFrequency(_ term: [UInt8]) throws(IndexError) -> Int {
        var total = 0
        for segment in reader.segments { total += try lookups.lookup(segment, .body, .stem, term)?.docFreq ?? 0 }
        return total
    }

    /// BM25F's per-occurrence weight of a field for each norm byte: weight / (1 − b + b · length / average).
    private func lengthFactors(slot: Int) -> [Float] {
        let weight = ranking.weights[slot], b = ranking.b[slot]
        let average = max(1, reader.averageLengths[slot])
        return FieldNorm.decodeTable.map { length in weight / (1 - b + b * length / average) }
    }

    /// Documents holding any of `terms` as one of `kinds`, their frequencies added up, each
    /// kind's times its weight.
    private func spellingMatches(_ terms: [[UInt8]], kinds: [(TermKind, Float)]) throws(IndexError) -> Matches {
        try collect { (field, segment, accumulator) throws(IndexError) in
            for term in terms {
                for (kind, weight) in kinds {
                    guard let info = try lookups.lookup(segment, field, kind, term) else { continue }
                    var cursor = try segment.postings(info)
                    try visit(&cursor, weight: weight, &accumulator)
                }
            }
        }
    }

    /// The documents holding `word` folded the same way (as an exact form or a folded key).
    /// A word that folding leaves as it is ("antrag") and that no page wrote otherwise (no
    /// folded key) has the documents of its exact form, `exact`: its lists are not read twice.
    private func foldedMatches(_ word: Word, exact: Matches) throws(IndexError) -> Matches {
        if word.folded == word.exact, try spellingMatches([word.folded], kinds: [(.folded, 1)]).count == 0 { return exact }
        return try spellingMatches([word.folded], kinds: [(.exact, 1), (.folded, 1)])
    }

    /// A word's documents: where its term stands whole, or as a part of a compound (weighted
    /// lower); and, for a compound the index has split, where all its parts stand (lower still),
    /// so "Pflegeeinrichtungen" finds "Einrichtungen der Pflege" below the compound itself.
    private func wordMatches(_ word: Word) throws(IndexError) -> Matches {
        let whole = try spellingMatches(word.stems, kinds: [(.stem, 1), (.part, ranking.partWeight)])
        var parts = try splitOf(word.exact)
        var all: Matches?
        // (Restricted to candidates, an empty result may just mean none of them has the word.)
        let unknown = restriction == nil ? whole.count == 0 : (whole.documentFrequency ?? whole.count) == 0
        if parts.isEmpty, unknown, fieldRestriction == Field.text {
            // A compound no page has ("Zuordnungsgrundsätze"): split it now, as the indexer
            // would, and find its parts standing near each other ("Grundsätze der Zuordnung").
            parts = queryTimeSplit(word.exact)
            guard parts.count >= 2 else { return whole }
            all = try nearMatches(parts, window: Self.partWindow)
        } else {
            guard parts.count >= 2 else { return whole }
            // Rarest part first; each next one is read only on the documents that have all
            // before it (skipping through its list: a part such as "hilf" is in many). The
            // weights are then added up in the parts' own order.
            let kinds: [(TermKind, Float)] = [(.stem, 1), (.part, 1)]
            let costs = try parts.map { part throws(IndexError) in try bodyFrequency(part) }
            var perPart = [Matches](repeating: Matches(), count: parts.count)
            var common: Matches?  // the documents of the parts read so far
            for i in parts.indices.sorted(by: { costs[$0] < costs[$1] }) {
                if let docs = common?.docs, docs.count * Self.skipRatio < costs[i] {
                    perPart[i] = try narrowed(to: docs) { () throws(IndexError) in try spellingMatches([parts[i]], kinds: kinds) }
                } else {
                    perPart[i] = try spellingMatches([parts[i]], kinds: kinds)
                }
                common = common.map { Matches.intersection($0, perPart[i]) } ?? perPart[i]
                if common!.count == 0 { return whole }
            }
            all = perPart.dropFirst().reduce(perPart[0]) { Matches.intersection($0, $1) }
        }
        guard var together = all else { return whole }
        for k in together.weights.indices { together.weights[k] *= ranking.partWeight / Float(parts.count) }
        var result = Matches.union(whole, together)
        result.documentFrequency = whole.documentFrequency
        return result
    }

    /// A list is skipped through on candidates rather than read whole when it is more than
    /// this many times longer than they are (by its document frequency).
    static let skipRatio = 3

    /// Most positions between the parts of a compound split at query time: about a sentence.
    /// (Measured: 8 cost known-item MRR 0.002 and XQuAD 0.002; 20 keeps both and takes back
    /// the four boilerplate strings that matched pages holding the parts far apart.)
    static let partWindow: Int32 = 20

    /// Documents where every one of `terms` (as a word or as a compound's part) stands within
    /// `window` positions of the first, in one field, in any order; the weight counts such
    /// places. Reads the terms' positions into per-document lists: meant for the rare query
    /// word the index does not know, not for every word.
    private func nearMatches(_ terms: [[UInt8]], window: Int32) throws(IndexError) -> Matches {
        try collect { (field, segment, accumulator) throws(IndexError) in
            var perTerm: [[Int: [Int32]]] = []
            var positions: [Int32] = []
            for term in terms {
                var docs: [Int: [Int32]] = [:]
                for kind in [TermKind.stem, .part] {
                    guard let info = try lookups.lookup(segment, field, kind, term) else { continue }
                    var cursor = try segment.postings(info, positions: true)
                    while try cursor.next() {
                        try cursor.readPositions(into: &positions)
                        docs[cursor.doc, default: []] += positions
                    }
                }
                guard !docs.isEmpty else { return }
                perTerm.append(docs)
            }
            let fewest = perTerm.indices.min { perTerm[$0].count < perTerm[$1].count }!
            for doc in perTerm[fewest].keys {
                guard let anchors = perTerm[0][doc] else { continue }
                let others = perTerm.dropFirst().compactMap { $0[doc] }
                guard others.count == terms.count - 1 else { continue }
                let places = anchors.filter { p in others.allSatisfy { list in list.contains { abs($0 - p) <= window } } }.count
                if places > 0 { accumulator.add(doc, Float(places)) }
            }
        }
    }

    /// The part terms of `word` as the index split it, [] when it did not.
    private func splitOf(_ word: [UInt8]) throws(IndexError) -> [[UInt8]] {
        guard word.count >= SplitTable.minimumLength else { return [] }  // never split
        let prefix = [Field.title.keyPrefix(.split)] + SplitKey.prefix(of: word)
        var parts: [[UInt8]] = []
        for segment in reader.segments where parts.isEmpty {
            try segment.forEachKey(withPrefix: prefix) { key, _ in
                parts = SplitKey.parts(UnsafeRawBufferPointer(rebasing: key[1...]))
                return false
            }
        }
        return parts
    }

    /// Documents where the terms stand next to each other, in order, within one field.
    private func phraseMatches(_ terms: [[UInt8]], slop: Int = 0) throws(IndexError) -> Matches {
        while positionBuffers.count < terms.count { positionBuffers.append([]) }
        return try collect { (field, segment, accumulator) throws(IndexError) in
            var cursors: [PostingsCursor] = []
            for t in terms {
                guard let info = try lookups.lookup(segment, field, .stem, t) else { return }
                cursors.append(try segment.postings(info, positions: true))
            }
            guard try cursors[0].next() else { return }
            var target = cursors[0].doc
            outer: while true {
                var agreed = true
                for i in cursors.indices {
                    guard try cursors[i].advance(to: target) else { break outer }
                    if cursors[i].doc > target {
                        target = cursors[i].doc
                        agreed = false
                        break
                    }
                }
                guard agreed else { continue }
                for i in cursors.indices { try cursors[i].readPositions(into: &positionBuffers[i]) }
                let freq = slop > 0 ? nearFrequency(count: terms.count, slop: slop) : phraseFrequency(count: terms.count)
                if freq > 0 { accumulator.add(target, Float(freq)) }
                target += 1
            }
        }
    }

    /// How often the position lists 0..<count follow each other in order with at most `slop`
    /// positions between neighbours (each next word taken as early as it can be).
    private func nearFrequency(count: Int, slop: Int) -> Int {
        var freq = 0
        for p in positionBuffers[0] {
            var previous = p
            var ok = true
            for i in 1..<count {
                guard let next = positionBuffers[i].first(where: { $0 > previous && $0 <= previous + 1 + Int32(slop) }) else {
                    ok = false
                    break
                }
                previous = next
            }
            if ok { freq += 1 }
        }
        return freq
    }

    /// How often the position lists 0..<count line up as p, p+1, p+2, …
    private func phraseFrequency(count: Int) -> Int {
        var freq = 0
        var indices = [Int](repeating: 0, count: count)
        for p in positionBuffers[0] {
            var ok = true
            for i in 1..<count {
                let want = p + Int32(i)
                let list = positionBuffers[i]
                while indices[i] < list.count && list[indices[i]] < want { indices[i] += 1 }
                if indices[i] >= list.count || list[indices[i]] != want { ok = false; break }
            }
            if ok { freq += 1 }
        }
        return freq
    }
}
