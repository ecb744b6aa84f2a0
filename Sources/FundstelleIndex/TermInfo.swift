/// Where a term's postings live in a segment.
public struct TermInfo: Sendable, Equatable {
    public var docFreq: Int
    var postingsOffset: Int
    var positionsOffset: Int
}
