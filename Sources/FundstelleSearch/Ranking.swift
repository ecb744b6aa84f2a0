import FundstelleIndex

/// BM25F parameters: per text field a weight and a length normalisation, one saturation k1.
///
/// A term's field frequencies are first combined into one pseudo-frequency,
/// tf' = Σ_f weight_f · tf_f / (1 − b_f + b_f · len_f / avglen_f), and then saturated once:
/// idf · tf' · (k1 + 1) / (k1 + tf'). So a word in the title counts more than in the body,
/// and many body repetitions cannot outweigh it.
public struct Ranking: Sendable {
    public var k1: Float = 1.2
    /// In `Field.text` order: title, headings, body, description, anchor (the texts of links
    /// to the page: a table of contents' entry, a menu item).
    public var weights: [Float] = [3.0, 1.5, 1.0, 1.0, 3.0]
    public var b: [Float] = [0.4, 0.5, 0.75, 0.5, 0.5]
    /// Share of a word's score added again where the document spells it exactly as the query.
    public var exactBonus: Float = 0.25
    /// Share added where the document's spelling folds to the query's (ae/ä, ss/ß, …).
    public var foldedBonus: Float = 0.15
    /// Words in more documents than this get no spelling bonus.
    public var spellingBonusLimit = 20_000
    /// Weight of a word found only as a part of a compound ("Pflege" in "Pflegeeinrichtungen").
    public var partWeight: Float = 0.5
    /// Proximity: a document where the query's words stand next to each other, in the query's
    /// order, in one field, gets its score times (1 + proximityBonus · share of such neighbours).
    public var proximityBonus: Float = 0.5
    /// How many of the best documents proximity re-ranks (beyond the page asked for).
    public var proximityDepth = 100

    /// When no document has every required word, a partial match ranks by its score times
    /// (share of the query's words it has)^partialCoordination: a page with the two rare words
    /// of a question can beat one with three common ones, and a page missing half the words
    /// needs a far higher score.
    public var partialCoordination: Float = 0.5
    /// When fewer documents than this have every required word (a page of hits), the best
    /// partial matches follow them, so a page missing one word of a long query is still found.
    public var fillBelow = 10

    public init() {}

    /// The order of candidates: by score, then document order. Among partial matches (some
    /// candidates lack words) those with every word come first, and the others weigh their
    /// score by their coordination. Arguments: score, mask of groups matched, document; twice.
    func order(groups: Int, partial: Bool) -> (Float, UInt64, Int32, Float, UInt64, Int32) -> Bool {
        let key = sortKey(groups: groups, partial: partial)
        return { sx, mx, x, sy, my, y in key(sx, mx, x).comesBefore(key(sy, my, y)) }
    }

    /// A document's place in the ranking as one value: complete matches first, then the score
    /// (of a partial match: times the coordination factor of the words it has), then document
    /// order. Sorting by keys made once per document costs less than comparing scores and
    /// masks looked up anew at every comparison.
    struct SortKey {
        var complete: Bool
        var value: Float
        var doc: Int32

        @inline(__always)
        func comesBefore(_ other: SortKey) -> Bool {
            if complete != other.complete { return complete }
            return value != other.value ? value > other.value : doc < other.doc
        }
    }

    /// The sort key of a document from its score and word mask (see `order`).
    func sortKey(groups: Int, partial: Bool) -> (Float, UInt64, Int32) -> SortKey {
        guard partial, groups > 1 else {
            return { s, _, d in SortKey(complete: true, value: s, doc: d) }
        }
        let coordination = (0...groups).map { Float(pow(Double($0) / Double(groups), Double(partialCoordination))) }
        return { s, m, d in
            let c = m.nonzeroBitCount
            return SortKey(complete: c == groups, value: s * coordination[c], doc: d)
        }
    }

    @inline(__always)
    func idf(documentFrequency df: Int, documents n: Int) -> Float {
        Float(log(1 + (Double(n - df) + 0.5) / (Double(df) + 0.5)))
    }

    @inline(__always)
    func saturate(_ tf: Float) -> Float { tf * (k1 + 1) / (k1 + tf) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
