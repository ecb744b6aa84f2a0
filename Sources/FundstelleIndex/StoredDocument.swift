/// A document as the index stores it, for showing hits and cutting snippets.
public struct StoredDocument: Sendable, Equatable, Codable {
    public var id: String
    public var path: String
    public var title: String
    public var date: String
    public var language: String
    public var description: String
    public var url: String
    public var collection: String
    public var headings: [String]
    public var body: String
    /// Other paths with the same content, indexed as this document.
    public var duplicates: [String] = []
}
