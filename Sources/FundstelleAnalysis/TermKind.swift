/// The kinds of index term the analyzer emits for a token. Matching is on stems; the other
/// kinds let ranking tell how close a match is (exact spelling above folded above stem).
public enum TermKind: UInt8, Sendable, CaseIterable, Codable {
    /// The Snowball German stem of the normalised word: what a query word matches.
    case stem = 0
    /// The normalised word as written (lower-cased): "maße", "fachkräfte".
    case exact = 1
    /// The spelling key (`GermanFolding`) when it differs from the exact form: "masse", "fachkrafte".
    case folded = 2

    /// Whether the index keeps positions for this kind (only stems take part in phrases).
    public var hasPositions: Bool { self == .stem }
}
