import ArgumentParser
import FundstelleIndex
import FundstelleSearch

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what the index holds: documents, terms per field, size on disk."
    )

    @OptionGroup var location: IndexLocation

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try failing {
            let reader = try openIndex(location.directory)
            let stats = try indexCall(location.directory) { () throws(IndexError) in try IndexStatistics(reader) }
            if json {
                print(stats.json(directory: location.directory))
                return
            }
            print("index       \(location.directory) (generation \(stats.generation), \(stats.segments) segment\(stats.segments == 1 ? "" : "s"))")
            print("root        \(stats.root)")
            print("documents   \(stats.documents)" + (stats.deleted > 0 ? " (and \(stats.deleted) deleted, kept until their segments merge)" : ""))
            print("terms       \(stats.totalTerms) stems (\(stats.keys) dictionary keys with exact and folded spellings)")
            for field in Field.allCases {
                var line = "  \(field.name.padding(12)) \(String(stats.terms[field] ?? 0).leftPadded(8)) terms"
                if let average = stats.averageLengths[field] {
                    line += ", \((average * 10).rounded() / 10) tokens per document on average"
                }
                print(line)
            }
            print("size        \(formatBytes(stats.sizeBytes)) (stored text \(formatBytes(stats.storedBytes)))")
        }
    }
}
