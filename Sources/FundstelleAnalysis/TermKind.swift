/// The kinds of index term the analyzer emits for a token. Matching is on stems; the other
/// kinds let ranking tell how close a match is (exact spelling above folded above stem).
public enum TermKind: UInt8, Sendable, CaseIterable, Codable {
    /// The Snowball German stem of the normalised word: what a query word matches.
    case stem = 0
    /// The normalised word as written (lower-cased): "maße", "fachkräfte".
    case exact = 1
    /// The spelling key (`GermanFolding`) when it differs from the exact form: "masse", "fachkrafte".
    case folded = 2
    /// The index term of a part of a compound, at the compound's position: "Pflegeeinrichtungen"
    /// gives the parts "pfleg" and "einrichtung".
    case part = 3
    /// Not a term of a document but a record of the dictionary: how a word was split
    /// (`SplitKey`); it has no postings.
    case split = 4

    /// Whether the index keeps positions for this kind (stems take part in phrases, parts in
    /// proximity and highlighting).
    public var hasPositions: Bool { self == .stem || self == .part }
}
