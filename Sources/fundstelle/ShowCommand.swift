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
            let reader = try openIndex(location.directory)
            let stored = try indexCall(location.directory) { () throws(IndexError) -> StoredDocument? in
                guard let doc = try reader.document(path: document) ?? reader.document(id: document) else { return nil }
                return try reader.storedDocument(doc)
            }
            guard let stored else { throw Failure("no document with id or path '\(document)' in '\(location.directory)'") }
            let view = DocumentView(stored)
            if json { print(view.json()) } else { view.printHuman() }
        }
    }
}
