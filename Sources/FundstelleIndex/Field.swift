/// The fields of the index. Text fields are analysed and have length norms; keyword fields
/// hold one untokenised term per document.
public enum Field: UInt8, CaseIterable, Sendable, Codable {
    case title = 0
    case headings = 1
    case body = 2
    case description = 3
    /// The document's path, whole, as one term: `show PATH` and later `path:` filters.
    case path = 4

    /// The analysed fields, in the order their norms are stored.
    public static let text: [Field] = [.title, .headings, .body, .description]

    public var name: String {
        switch self {
        case .title: "title"
        case .headings: "headings"
        case .body: "body"
        case .description: "description"
        case .path: "path"
        }
    }

    public var isText: Bool { self != .path }
}
