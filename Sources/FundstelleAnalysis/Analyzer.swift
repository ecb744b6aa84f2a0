/// One token after the whole chain: where it is, and what the index stores for it.
public struct AnalyzedToken: Sendable, Equatable, Codable {
    /// The token as written in the input.
    public var text: String
    /// Byte offsets into the UTF-8 input.
    public var start: Int
    public var end: Int
    public var position: Int
    /// Lower-cased, soft hyphens removed.
    public var normalized: String
    /// The index term: the Snowball German stem of `normalized` (umlauts and ß folded).
    public var stem: String
    public var isStopWord: Bool
}

/// The German analysis chain: tokenize → lower-case → stop-word flag → stem.
///
/// Query text and document text go through the same chain, so a query word meets the
/// index terms of every inflected and folded spelling ("Fachkraefte" ↔ "Fachkräfte").
/// Stop words are indexed (phrases keep their positions) but flagged, so a query can
/// leave them out of its required words. One analyzer owns reusable buffers; use one
/// per thread.
public struct Analyzer: Sendable {
    private var stemmer = GermanStemmer()
    private var lower: [UInt8] = []
    private var stemmed: [UInt8] = []

    public init() {
        lower.reserveCapacity(64)
        stemmed.reserveCapacity(64)
    }

    /// Calls `body(token, normalized, stem, isStopWord)` for each token of `text`.
    /// The buffers are valid only during the call. Returns the position after the last token.
    @discardableResult
    public mutating func analyze(
        _ text: UnsafeBufferPointer<UInt8>, firstPosition: Int = 0,
        _ body: (Token, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, Bool) -> Void
    ) -> Int {
        Tokenizer.tokenize(text, firstPosition: firstPosition) { token in
            let word = UnsafeBufferPointer(rebasing: text[token.start..<token.end])
            Lowercaser.lowercase(word, into: &lower)
            lower.withUnsafeBufferPointer { normalized in
                let stop = GermanStopWords.contains(normalized)
                stemmer.stem(normalized, into: &stemmed)
                stemmed.withUnsafeBufferPointer { stem in
                    body(token, normalized, stem, stop)
                }
            }
        }
    }

    /// Like `terms`, but computes the term only for tokens that `wanted` accepts (it sees the
    /// token's raw bytes); other tokens come with `nil`. For scanning long texts for a few
    /// terms (snippets), where stemming every word would dominate.
    @discardableResult
    public mutating func terms(
        _ text: UnsafeBufferPointer<UInt8>, where wanted: (UnsafeBufferPointer<UInt8>) -> Bool,
        _ body: (Token, UnsafeBufferPointer<UInt8>?) -> Void
    ) -> Int {
        Tokenizer.tokenize(text) { token in
            let word = UnsafeBufferPointer(rebasing: text[token.start..<token.end])
            guard wanted(word) else {
                body(token, nil)
                return
            }
            Lowercaser.lowercase(word, into: &lower)
            lower.withUnsafeBufferPointer { normalized in
                stemmer.stem(normalized, into: &stemmed)
                stemmed.withUnsafeBufferPointer { body(token, $0) }
            }
        }
    }

    /// Calls `body(token, stem)` with the index term of each token.
    @discardableResult
    public mutating func terms(
        _ text: UnsafeBufferPointer<UInt8>, firstPosition: Int = 0,
        _ body: (Token, UnsafeBufferPointer<UInt8>) -> Void
    ) -> Int {
        analyze(text, firstPosition: firstPosition) { token, _, stem, _ in body(token, stem) }
    }

    /// The index term of a single word ("Pflegeeinrichtungen" → "pflegeeinricht").
    public mutating func term(_ word: String) -> [UInt8] {
        var result: [UInt8] = []
        var copy = word
        _ = copy.withUTF8 { buffer in
            analyze(buffer) { _, _, stem, _ in
                if result.isEmpty { result = Array(stem) }
            }
        }
        return result
    }

    /// The whole chain as values, for `fundstelle analyze`, tests and snippets.
    public mutating func analyze(_ text: String) -> [AnalyzedToken] {
        var result: [AnalyzedToken] = []
        var copy = text
        _ = copy.withUTF8 { buffer in
            analyze(buffer) { token, normalized, stem, stop in
                result.append(AnalyzedToken(
                    text: String(decoding: UnsafeBufferPointer(rebasing: buffer[token.start..<token.end]), as: UTF8.self),
                    start: token.start, end: token.end, position: token.position,
                    normalized: String(decoding: normalized, as: UTF8.self),
                    stem: String(decoding: stem, as: UTF8.self),
                    isStopWord: stop))
            }
        }
        return result
    }
}
