import ArgumentParser
import FundstelleExtract
import FundstelleSearch

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Show what the extractor sees in files: title, date, language, text.",
        discussion: """
            With --json, one line per document (a law XML file holds one per norm):
              {"path", "title", "date", "lang", "description", "url", "headings", "text"}
            A file that cannot be extracted is reported on stderr; the exit code is then 1.
            """
    )

    @Argument(help: ArgumentHelp("Files to extract.", valueName: "FILE"))
    var files: [String]

    @Flag(help: "Print one JSON line per document.")
    var json = false

    func run() throws {
        var failed = false
        let extractor = Extractor()
        for file in files {
            let documents: [Document]
            do {
                documents = try extractor.extract(try readFile(file), path: file)
            } catch let problem as FileWalker.Problem {
                Terminal.error("fundstelle: cannot read '\(file)': \(problem.reason)")
                failed = true
                continue
            } catch let error as ExtractError {
                Terminal.error("fundstelle: cannot extract '\(file)': \(error.description)")
                failed = true
                continue
            }
            for doc in documents {
                if json { print(jsonLine(doc)) } else { printHuman(doc) }
            }
        }
        if failed { throw ExitCode.failure }
    }

    private func jsonLine(_ doc: Document) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string(doc.path, key: "path")
        w.string(doc.title, key: "title")
        w.string(doc.date, key: "date")
        w.string(doc.language, key: "lang")
        w.string(doc.description, key: "description")
        w.string(doc.url, key: "url")
        w.beginArray("headings")
        for h in doc.headings { w.string(h) }
        w.endArray()
        w.string(doc.body, key: "text")
        w.endObject()
        return w.output
    }

    private func printHuman(_ doc: Document) {
        print(Terminal.bold("== \(doc.path)"))
        let fields: [(String, String)] = [
            ("title", doc.title), ("date", doc.date), ("language", doc.language), ("url", doc.url),
            ("description", doc.description), ("collection", doc.collection),
        ]
        for (name, value) in fields where !value.isEmpty { print(Terminal.dim("\(name):".padding(12)) + value) }
        for h in doc.headings { print(Terminal.dim("heading:".padding(12)) + h) }
        print("")
        print(doc.body)
        print("")
    }
}
