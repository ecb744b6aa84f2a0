import FundstelleExtract
import FundstelleIndex

/// A document as `show` and `extract` print it and the HTTP API returns it, from the extractor
/// or from the index.
public struct DocumentView: Sendable {
    public var id = ""
    public var path: String
    public var title: String
    public var date: String
    public var language: String
    public var description: String
    public var url: String
    public var collection: String
    public var headings: [String]
    public var text: String
    public var duplicates: [String] = []

    public init(_ doc: Document) {
        (path, title, date, language, description, url, collection, headings, text) = (
            doc.path, doc.title, doc.date, doc.language, doc.description, doc.url, doc.collection,
            doc.headings, doc.body
        )
    }

    public init(_ doc: StoredDocument) {
        (id, path, title, date, language, description, url, collection, headings, text) = (
            doc.id, doc.path, doc.title, doc.date, doc.language, doc.description, doc.url,
            doc.collection, doc.headings, doc.body
        )
        duplicates = doc.duplicates
    }

    /// `{"id"?, "path", "title", "date", "lang", "description", "url", "collection", "headings", "text"}`
    /// on one line; `id` only for indexed documents.
    public func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        if !id.isEmpty { w.string(id, key: "id") }
        w.string(path, key: "path")
        w.string(title, key: "title")
        w.string(date, key: "date")
        w.string(language, key: "lang")
        w.string(description, key: "description")
        w.string(url, key: "url")
        w.string(collection, key: "collection")
        w.strings(headings, key: "headings")
        w.string(text, key: "text")
        if !duplicates.isEmpty { w.strings(duplicates, key: "duplicates") }
        w.endObject()
        return w.output
    }
}
