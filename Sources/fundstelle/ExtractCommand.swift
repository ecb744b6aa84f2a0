import ArgumentParser
import FundstelleExtract
import FundstelleSearch

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Show what the extractor sees in files: title, date, language, text.",
        discussion: """
            With --json, one line per document (a law XML file holds one per norm):
              {"path", "title", "date", "lang", "description", "url", "collection",
                "headings", "text"}
            A file that cannot be extracted is reported on stderr; the exit code is then 1.
            """
    )

    @Argument(help: ArgumentHelp("Files to extract.", valueName: "FILE"))
    var files: [String]

    @Flag(help: "Print one JSON line per document.")
    var json = false

    @Option(help: ArgumentHelp("In XML files, make one document of each element with this name.", valueName: "ELEMENT"))
    var record: String?

    func run() throws {
        var failed = false
        let extractor = Extractor(recordElement: record)
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
                let view = DocumentView(doc)
                if json {
                    print(view.json())
                } else {
                    view.printHuman()
                    print("")
                }
            }
        }
        if failed { throw ExitCode.failure }
    }
}
