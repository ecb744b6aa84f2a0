/// One token after the whole chain, as values: for `fundstelle analyze`, tests and tools.
public struct AnalyzedToken: Sendable, Equatable, Codable {
    /// The token as written in the input.
    public var text: String
    /// Byte offsets into the UTF-8 input.
    public var start: Int
    public var end: Int
    public var position: Int
    /// Lower-cased, gender joiners and soft hyphens removed, numbers in one spelling.
    public var normalized: String
    /// The spelling key: umlauts, ß and accents folded.
    public var folded: String
    /// The index term a query matches: `GermanConflation`'s term for `normalized` (a CISTEM-style
    /// stem; `GermanStemmer` gives Snowball's).
    public var stem: String
    public var isStopWord: Bool
    /// "number", "section", "gendered", "truncated-end", "truncated-start", "abbreviation".
    public var flags: [String]
    /// Further index terms at the token's position: for "Bürger*innen" the terms of "Bürger"
    /// and "Bürgerin".
    public var expansions: [String] = []
}

/// One term the analyzer emits; its buffer is valid only during the callback.
public struct AnalyzedTerm {
    public var token: Token
    public var kind: TermKind
    public var bytes: UnsafeBufferPointer<UInt8>
    public var isStopWord: Bool
}

/// The German analysis chain: tokenize → normalise (lower-case, gender forms, numbers) →
/// stop-word flag → exact form, folded form, index term (`GermanConflation`).
///
/// Query text and document text go through the same chain, so a query word meets the index
/// terms of every inflected and folded spelling ("Fachkraefte" ↔ "Fachkräfte"). Stop words are
/// indexed (phrases keep their positions) but flagged, so a query can leave them out of its
/// required words. One analyzer owns reusable buffers; use one per thread.
public struct Analyzer: Sendable {
    private var normalized: [UInt8] = []
    private var folded: [UInt8] = []
    private var cache = WordCache()

    public init() {
        normalized.reserveCapacity(64)
        folded.reserveCapacity(64)
    }

    /// Calls `body` for each term of each token of `text`: first its exact form, then its folded
    /// form when that differs, then its stem. Returns the position after the last token.
    @discardableResult
    public mutating func analyze(
        _ text: UnsafeBufferPointer<UInt8>, firstPosition: Int = 0, _ body: (AnalyzedTerm) -> Void
    ) -> Int {
        var afterSGB = false  // the previous token was "SGB": a roman numeral names the book
        return Tokenizer.tokenize(text, firstPosition: firstPosition) { token in
            let word = UnsafeBufferPointer(rebasing: text[token.start..<token.end])
            TokenNormalizer.normalize(word, flags: token.flags, into: &normalized)
            guard !normalized.isEmpty else { return }
            let book = afterSGB ? LegalTerms.romanNumeral(normalized) : nil
            afterSGB = normalized == LegalTerms.sgb
            normalized.withUnsafeBufferPointer { exact in
                let e = cache.entry(exact, scratch: &folded)
                let stop = e.isStopWord
                body(AnalyzedTerm(token: token, kind: .exact, bytes: exact, isStopWord: stop))
                if e.foldedStart >= 0 {
                    cache.withBytes(e.foldedStart, e.foldedLength) {
                        body(AnalyzedTerm(token: token, kind: .folded, bytes: $0, isStopWord: stop))
                    }
                }
                if let book {
                    let digits = Array(String(book).utf8)
                    digits.withUnsafeBufferPointer { body(AnalyzedTerm(token: token, kind: .stem, bytes: $0, isStopWord: stop)) }
                } else if token.flags.contains(.number) || token.flags.contains(.section) {
                    body(AnalyzedTerm(token: token, kind: .stem, bytes: exact, isStopWord: stop))
                } else {
                    cache.withBytes(e.stemStart, e.stemLength) {
                        body(AnalyzedTerm(token: token, kind: .stem, bytes: $0, isStopWord: stop))
                    }
                }
            }
            // "Bürger*innen" stands for "Bürger", "Bürgerin" and "Bürgerinnen": their terms too.
            if token.flags.contains(.gendered), let base = TokenNormalizer.genderBase(normalized) {
                var emitted = [termOf(normalized)]  // the token's own term, emitted above
                for ending in ["", "in", "innen"] {
                    let term = termOf(Array(base) + Array(ending.utf8))
                    if emitted.contains(term) { continue }
                    emitted.append(term)
                    term.withUnsafeBufferPointer { body(AnalyzedTerm(token: token, kind: .stem, bytes: $0, isStopWord: false)) }
                }
            }
        }
    }

    /// The index term of a normalised word, through the cache.
    private mutating func termOf(_ word: [UInt8]) -> [UInt8] {
        let e = word.withUnsafeBufferPointer { cache.entry($0, scratch: &folded) }
        return cache.withBytes(e.stemStart, e.stemLength) { Array($0) }
    }

    /// The stems only: calls `body(token, stem)` for tokens that `wanted` accepts (it sees the
    /// token's raw bytes); other tokens come with `nil`. For scanning long texts for a few terms
    /// (snippets), where stemming every word would dominate.
    @discardableResult
    public mutating func stems(
        _ text: UnsafeBufferPointer<UInt8>, where wanted: (UnsafeBufferPointer<UInt8>) -> Bool,
        _ body: (Token, UnsafeBufferPointer<UInt8>?) -> Void
    ) -> Int {
        Tokenizer.tokenize(text) { token in
            let word = UnsafeBufferPointer(rebasing: text[token.start..<token.end])
            guard wanted(word) else {
                body(token, nil)
                return
            }
            TokenNormalizer.normalize(word, flags: token.flags, into: &normalized)
            guard !normalized.isEmpty else {
                body(token, nil)
                return
            }
            if token.flags.contains(.number) || token.flags.contains(.section) {
                normalized.withUnsafeBufferPointer { body(token, $0) }
                return
            }
            let e = normalized.withUnsafeBufferPointer { cache.entry($0, scratch: &folded) }
            cache.withBytes(e.stemStart, e.stemLength) { body(token, $0) }
        }
    }

    /// The index term (stem) of a single word ("Pflegeeinrichtungen" → "pflegeeinrichtung").
    public mutating func term(_ word: String) -> [UInt8] {
        var result: [UInt8]?
        var copy = word
        _ = copy.withUTF8 { buffer in
            analyze(buffer) { term in
                if result == nil, term.kind == .stem { result = Array(term.bytes) }
            }
        }
        return result ?? []
    }

    /// The whole chain as values, for `fundstelle analyze`, tests and snippets.
    public mutating func analyze(_ text: String) -> [AnalyzedToken] {
        var result: [AnalyzedToken] = []
        var stemSeen = false  // the current token's first stem came already: more are expansions
        var copy = text
        _ = copy.withUTF8 { buffer in
            analyze(buffer) { term in
                let value = String(decoding: term.bytes, as: UTF8.self)
                switch term.kind {
                case .exact:
                    stemSeen = false
                    result.append(AnalyzedToken(
                        text: String(decoding: UnsafeBufferPointer(rebasing: buffer[term.token.start..<term.token.end]), as: UTF8.self),
                        start: term.token.start, end: term.token.end, position: term.token.position,
                        normalized: value, folded: value, stem: value, isStopWord: term.isStopWord,
                        flags: Analyzer.names(term.token.flags)))
                case .folded:
                    result[result.count - 1].folded = value
                case .stem:
                    if stemSeen {
                        result[result.count - 1].expansions.append(value)
                    } else {
                        result[result.count - 1].stem = value
                    }
                    stemSeen = true
                }
            }
        }
        return result
    }

    static func names(_ flags: TokenFlags) -> [String] {
        var names: [String] = []
        if flags.contains(.number) { names.append("number") }
        if flags.contains(.section) { names.append("section") }
        if flags.contains(.gendered) { names.append("gendered") }
        if flags.contains(.truncatedEnd) { names.append("truncated-end") }
        if flags.contains(.truncatedStart) { names.append("truncated-start") }
        if flags.contains(.abbreviation) { names.append("abbreviation") }
        return names
    }
}
