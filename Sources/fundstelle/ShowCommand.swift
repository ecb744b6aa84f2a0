import ArgumentParser
import FundstelleIndex
import FundstelleSearch

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an indexed document by its id or its path."
    )

    @Argument(help: ArgumentHelp("The document's id (16 hex digits, as search prints it) or its path in the index.", valueName: "ID|PATH"))
    var document: String

    @OptionGroup var location: IndexLocation

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try failing {
            let reader = try openIndex(location)
            let stored = try indexCall(location.directory) { () throws(IndexError) -> StoredDocument? in
                guard let doc = try reader.document(path: document) ?? reader.document(id: document) else { return nil }
                return try reader.storedDocument(doc)
            }
            guard let stored else { throw Failure("no document with id or path '\(document)' in '\(location.directory)'") }
            if json {
                var w = JSONWriter()
                w.beginObject()
                w.string(stored.id, key: "id")
                w.string(stored.path, key: "path")
                w.string(stored.title, key: "title")
                w.string(stored.date, key: "date")
                w.string(stored.language, key: "lang")
                w.string(stored.description, key: "description")
                w.string(stored.url, key: "url")
                w.string(stored.collection, key: "collection")
                w.beginArray("headings")
                for h in stored.headings { w.string(h) }
                w.endArray()
                w.string(stored.body, key: "text")
                w.endObject()
                print(w.output)
                return
            }
            print(Terminal.bold(stored.title.isEmpty ? stored.path : stored.title))
            let fields: [(String, String)] = [
                ("id", stored.id), ("path", stored.path), ("date", stored.date), ("language", stored.language),
                ("url", stored.url), ("collection", stored.collection), ("description", stored.description),
            ]
            for (name, value) in fields where !value.isEmpty { print(Terminal.dim("\(name):".padding(12)) + value) }
            for h in stored.headings { print(Terminal.dim("heading:".padding(12)) + h) }
            print("")
            print(stored.body)
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
