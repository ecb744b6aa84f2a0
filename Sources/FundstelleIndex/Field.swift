import FundstelleAnalysis

/// The fields of the index. Text fields are analysed and have length norms; keyword fields
/// hold one untokenised term per document.
public enum Field: UInt8, CaseIterable, Sendable, Codable {
    case title = 0
    case headings = 1
    case body = 2
    case description = 3
    /// The document's path, whole, as one term: `show PATH` and later `path:` filters.
    case path = 4
    /// What filters and facets use, one key each: `date:2025-07-03`, `year:2025`, `lang:de`,
    /// `site:www.stadt.example` (the URL's host, else the first folder of the path).
    case meta = 5
    /// The texts of the links that point to the document from other pages. Only the commit's
    /// anchor segment holds this field (see `AnchorSegment`).
    case anchor = 6

    /// The analysed fields, in the order their norms are stored.
    public static let text: [Field] = [.title, .headings, .body, .description, .anchor]

    public var name: String {
        switch self {
        case .title: "title"
        case .headings: "headings"
        case .body: "body"
        case .description: "description"
        case .path: "path"
        case .meta: "meta"
        case .anchor: "anchor"
        }
    }

    public var isText: Bool { self != .path && self != .meta }

    /// The first byte of a dictionary key: the term kind in the high four bits, the field in
    /// the low four. Stems of the title are 0x00, exact forms of the body 0x12.
    public func keyPrefix(_ kind: TermKind) -> UInt8 { kind.rawValue << 4 | rawValue }

    /// Whether keys of this field and `kind` keep positions: stems and parts of the text
    /// fields. (Path and meta keys are matched whole, never in a phrase or for proximity.)
    public func hasPositions(_ kind: TermKind) -> Bool { kind.hasPositions && Field.text.contains(self) }

    /// Whether a key starting with `byte` keeps positions (as `hasPositions(_:)` says; a test
    /// checks every byte). Bit tests, not a decode: the dictionary asks at every block it reads.
    @inline(__always)
    public static func hasPositions(keyPrefix byte: UInt8) -> Bool {
        let kind = byte >> 4
        return (kind == TermKind.stem.rawValue || kind == TermKind.part.rawValue) && textFieldBits >> (byte & 0x0F) & 1 != 0
    }

    /// Bit `f` set for each text field f.
    private static let textFieldBits: UInt16 = text.reduce(0) { $0 | 1 << UInt16($1.rawValue) }

    /// The field and kind of a key prefix byte, nil for bytes no key starts with.
    public static func decode(keyPrefix byte: UInt8) -> (Field, TermKind)? {
        guard let field = Field(rawValue: byte & 0x0F), let kind = TermKind(rawValue: byte >> 4) else { return nil }
        return (field, kind)
    }
}
