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
    /// and "Bürgerin"; for "Sozial-" in "Sozial- und Jugendamt" the term of "Sozialamt".
    public var expansions: [String] = []
    /// Index terms of the compound's parts: "pfleg", "einrichtung" for "Pflegeeinrichtungen".
    public var parts: [String] = []
}

/// One term the analyzer emits; its buffer is valid only during the callback.
public struct AnalyzedTerm {
    public var token: Token
    public var kind: TermKind
    public var bytes: UnsafeBufferPointer<UInt8>
    public var isStopWord: Bool
}

/// The German analysis chain: tokenize → normalise (lower-case, gender forms, numbers) →
/// stop-word flag → exact form, folded form, index term (`GermanConflation`) → with a
/// decompounder, the terms of compound parts and the completions of ellipses.
///
/// Query text and document text go through the same chain, so a query word meets the index
/// terms of every inflected and folded spelling ("Fachkraefte" ↔ "Fachkräfte"). Stop words are
/// indexed (phrases keep their positions) but flagged, so a query can leave them out of its
/// required words. One analyzer owns reusable buffers and a cache; use one per thread.
public struct Analyzer {
    private var normalized: [UInt8] = []
    private var folded: [UInt8] = []
    private let cache = WordCache()

    /// - Parameter decompounder: splits compounds into parts (emitted as `.part` terms) and
    ///   completes ellipses ("Sozial- und Jugendamt" → "Sozialamt"); nil for neither.
    /// - Parameter splits: splits computed ahead for the corpus' vocabulary (shared between
    ///   analyzers, so each word is split once); words it lacks are split on demand.
    public init(decompounder: Decompounder? = nil, splits: SplitTable? = nil) {
        normalized.reserveCapacity(64)
        folded.reserveCapacity(64)
        cache.decompounder = decompounder
        cache.splitTable = splits
    }

    /// Whether `word` joins the members of an ellipsis ("Kinder- und Jugendhilfe", "Ein- oder
    /// Ausgang"): "und", "oder", "bzw", "sowie", "noch".
    /// (Asked of every token: compared by length and bytes, not hashed.)
    private static func isConjunction(_ word: [UInt8]) -> Bool {
        switch word.count {
        case 3: word.elementsEqual("und".utf8) || word.elementsEqual("bzw".utf8)
        case 4: word.elementsEqual("oder".utf8) || word.elementsEqual("noch".utf8)
        case 5: word.elementsEqual("sowie".utf8)
        default: false
        }
    }

    /// Calls `body` for each term of each token of `text`: first its exact form, then its folded
    /// form when that differs, then its stem, then further terms (gender forms, compound parts,
    /// completed ellipses). Returns the position after the last token.
    @discardableResult
    public mutating func analyze(
        _ text: UnsafeBufferPointer<UInt8>, firstPosition: Int = 0, _ body: (AnalyzedTerm) -> Void
    ) -> Int {
        var afterSGB = false  // the previous token was "SGB": a roman numeral names the book
        var dayToken: Token?  // "3." of "3. Juli 2025", and its day
        var day = 0
        var month = 0  // the month name right after such a day, else 0
        var truncated: [(token: Token, word: [UInt8])] = []  // "Sozial-", "Kinder-", waiting for their head
        var previousWord: [UInt8] = []  // the last word that was not a conjunction, for "-nehmer"
        // A local reference: read through `self` inside the closure, each use of the cache
        // retained and released it (six times a token).
        let cache = self.cache
        return Tokenizer.tokenize(text, firstPosition: firstPosition) { token in
            let word = UnsafeBufferPointer(rebasing: text[token.start..<token.end])
            TokenNormalizer.normalize(word, flags: token.flags, into: &normalized)
            guard !normalized.isEmpty else { return }
            let book = afterSGB ? LegalTerms.romanNumeral(normalized) : nil
            afterSGB = normalized.count == 3 && normalized[0] == 0x73 && normalized[1] == 0x67 && normalized[2] == 0x62  // "sgb"
            // "3. Juli 2025" is also the date "2025-07-03", at the day's position.
            if let d = dayToken, month > 0, token.flags.contains(.number), normalized.count == 4,
               let year = Int(String(decoding: normalized, as: UTF8.self)),
               let iso = LegalTerms.isoDate(day: day, month: month, year: year)
            {
                iso.withUnsafeBufferPointer {
                    body(AnalyzedTerm(token: d, kind: .exact, bytes: $0, isStopWord: false))
                    body(AnalyzedTerm(token: d, kind: .stem, bytes: $0, isStopWord: false))
                }
            }
            if dayToken != nil, month == 0, let m = LegalTerms.months[normalized] {
                month = m
            } else if token.flags.contains(.number), normalized.count <= 2, token.end < text.count, text[token.end] == 0x2E,
                      let d = Int(String(decoding: normalized, as: UTF8.self))
            {
                dayToken = token
                day = d
                month = 0
            } else {
                dayToken = nil
                month = 0
            }
            let e = normalized.withUnsafeBufferPointer { cache.entry($0, scratch: &folded) }
            let firstSeen = cache.lastWasNew
            // "§" stands before nearly every citation: like a stop word, indexed but not required.
            let stop = e.isStopWord || token.flags.contains(.section)
            normalized.withUnsafeBufferPointer { exact in
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
            cache.forEachPart(of: e) { body(AnalyzedTerm(token: token, kind: .part, bytes: $0, isStopWord: false)) }
            if firstSeen, e.partsCount > 0 {
                var record = SplitKey.make(word: normalized)
                cache.forEachPart(of: e) { SplitKey.append(part: $0, to: &record) }
                record.withUnsafeBufferPointer { body(AnalyzedTerm(token: token, kind: .split, bytes: $0, isStopWord: false)) }
            }
            guard cache.splitsCompounds else { return }

            // Ellipses: "Sozial- und Jugendamt" → Sozialamt; "Arbeitgeber und -nehmer" → Arbeitnehmer.
            if Analyzer.isConjunction(normalized) { return }
            if token.flags.contains(.truncatedStart), e.headOffset < 0, !previousWord.isEmpty {
                let modifier = modifierOf(previousWord, completing: normalized)
                if !modifier.isEmpty { emitCompletion(modifier + normalized, at: token, body) }
            }
            if token.flags.contains(.truncatedEnd) {
                truncated.append((token, normalized))
            } else {
                if !truncated.isEmpty {
                    let head = headOf(normalized, entry: e)
                    if !head.isEmpty {
                        for t in truncated { emitCompletion(t.word + head, at: t.token, body) }
                    }
                    truncated.removeAll()
                }
                // Copied into its own buffer: sharing `normalized`'s would make the next
                // token's normalisation allocate a new one. (One call replacing the contents
                // costs less than clearing and appending.)
                previousWord.replaceSubrange(previousWord.indices, with: normalized)
            }
        }
    }

    /// Emits the terms of a completed ellipsis ("sozialamt") at the truncated token.
    private mutating func emitCompletion(_ word: [UInt8], at token: Token, _ body: (AnalyzedTerm) -> Void) {
        word.withUnsafeBufferPointer { body(AnalyzedTerm(token: token, kind: .exact, bytes: $0, isStopWord: false)) }
        termOf(word).withUnsafeBufferPointer { body(AnalyzedTerm(token: token, kind: .stem, bytes: $0, isStopWord: false)) }
    }

    /// The head of a compound ("amt" of "jugendamt"): its last part, or — when the decompounder
    /// does not split it — the longest proper suffix that is a word of the corpus, of at least
    /// four bytes or one of the short words parts can be ("gang" of "ausgang", "amt"); empty
    /// when there is none.
    private func headOf(_ word: [UInt8], entry: WordCache.Entry) -> [UInt8] {
        if entry.headOffset > 0 { return Array(word[Int(entry.headOffset)...]) }
        guard let decompounder = cache.decompounder, word.count >= 6 else { return [] }
        for cut in 2...(word.count - 3) where word[cut] & 0xC0 != 0x80 {
            let suffix = Array(word[cut...])
            let found = suffix.withUnsafeBufferPointer { s in
                decompounder.isWord(s) && (s.count >= 4 || GermanWordParts.isShortWord(s))
            }
            if found { return suffix }
        }
        return []
    }

    /// The modifier of a compound for completing `head` ("arbeit" of "arbeitgeber" for
    /// "-nehmer"): all before its last part; when it does not split, its longest proper prefix
    /// of at least three bytes that makes a corpus word with `head`; empty when there is none.
    private mutating func modifierOf(_ word: [UInt8], completing head: [UInt8]) -> [UInt8] {
        let e = word.withUnsafeBufferPointer { cache.entry($0, scratch: &folded) }
        if e.headOffset > 0 { return Array(word[..<Int(e.headOffset)]) }
        guard let decompounder = cache.decompounder, word.count >= 5 else { return [] }
        for cut in stride(from: word.count - 2, through: 3, by: -1) where word[cut] & 0xC0 != 0x80 {
            let candidate = Array(word[..<cut]) + head
            if candidate.withUnsafeBufferPointer({ decompounder.isWord($0) }) { return Array(word[..<cut]) }
        }
        return []
    }

    /// The index term of a normalised word, through the cache.
    private mutating func termOf(_ word: [UInt8]) -> [UInt8] {
        let e = word.withUnsafeBufferPointer { cache.entry($0, scratch: &folded) }
        return cache.withBytes(e.stemStart, e.stemLength) { Array($0) }
    }

    /// The stems of the words of `text` that `filter` admits, for scanning long texts for a few
    /// terms (snippets), where stemming every word would dominate: every token is appended to
    /// `tokens`, and `body(index, stem)` is called for each admitted one with a stem (its
    /// index in `tokens`). The other tokens cost no call: most of a text is only tokenised.
    public mutating func stems(
        _ text: UnsafeBufferPointer<UInt8>, admittedBy filter: TermPrefilter, tokens: inout [Token],
        _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let cache = self.cache
        Tokenizer.tokenize(text) { token in
            tokens.append(token)
            let word = UnsafeBufferPointer(rebasing: text[token.start..<token.end])
            guard filter.admits(word) else { return }
            TokenNormalizer.normalize(word, flags: token.flags, into: &normalized)
            guard !normalized.isEmpty else { return }
            if token.flags.contains(.number) || token.flags.contains(.section) {
                normalized.withUnsafeBufferPointer { body(tokens.count - 1, $0) }
                return
            }
            let e = normalized.withUnsafeBufferPointer { cache.entry($0, scratch: &folded) }
            cache.withBytes(e.stemStart, e.stemLength) { body(tokens.count - 1, $0) }
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
        var index: [Int: Int] = [:]  // position → its token in `result`
        var stemSeen = Set<Int>()  // positions whose first stem came already: more are expansions
        var copy = text
        _ = copy.withUTF8 { buffer in
            analyze(buffer) { term in
                let value = String(decoding: term.bytes, as: UTF8.self)
                let position = term.token.position
                guard let i = index[position] else {
                    // The first term of a token is its exact form.
                    index[position] = result.count
                    result.append(AnalyzedToken(
                        text: String(decoding: UnsafeBufferPointer(rebasing: buffer[term.token.start..<term.token.end]), as: UTF8.self),
                        start: term.token.start, end: term.token.end, position: position,
                        normalized: value, folded: value, stem: value, isStopWord: term.isStopWord,
                        flags: Analyzer.names(term.token.flags)))
                    return
                }
                switch term.kind {
                case .exact, .split: break  // a completed ellipsis says itself through its stem
                case .folded: result[i].folded = value
                case .stem:
                    if stemSeen.contains(position) {
                        result[i].expansions.append(value)
                    } else {
                        result[i].stem = value
                        stemSeen.insert(position)
                    }
                case .part: result[i].parts.append(value)
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
