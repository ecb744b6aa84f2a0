import FundstelleExtract
import FundstelleIndex
import FundstelleSearch

/// A document as `show` and `extract` print it, from the extractor or from the index.
struct DocumentView {
    var id = ""
    var path: String
    var title: String
    var date: String
    var language: String
    var description: String
    var url: String
    var collection: String
    var headings: [String]
    var text: String
    var duplicates: [String] = []

    init(_ doc: Document) {
        (path, title, date, language, description, url, collection, headings, text) = (
            doc.path, doc.title, doc.date, doc.language, doc.description, doc.url, doc.collection,
            doc.headings, doc.body
        )
    }

    init(_ doc: StoredDocument) {
        (id, path, title, date, language, description, url, collection, headings, text) = (
            doc.id, doc.path, doc.title, doc.date, doc.language, doc.description, doc.url,
            doc.collection, doc.headings, doc.body
        )
        duplicates = doc.duplicates
    }

    /// `{"id"?, "path", "title", "date", "lang", "description", "url", "collection", "headings", "text"}`
    /// on one line; `id` only for indexed documents.
    func json() -> String {
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

    /// Title, the metadata that is set, headings, a blank line, the text.
    func printHuman() {
        print(Terminal.bold(title.isEmpty ? path : title))
        let fields: [(String, String)] = [
            ("id", id), ("path", path), ("date", date), ("language", language), ("url", url),
            ("collection", collection), ("description", description),
        ]
        for (name, value) in fields where !value.isEmpty { print(Terminal.dim("\(name):".padding(12)) + value) }
        for h in headings { print(Terminal.dim("heading:".padding(12)) + h) }
        for path in duplicates { print(Terminal.dim("also at:".padding(12)) + path) }
        print("")
        print(text)
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
