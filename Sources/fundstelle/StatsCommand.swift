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
            let reader = try openIndex(location)
            var terms = [Field: Int]()  // stems (and path keys) per field, summed over segments
            var keys = 0  // all dictionary keys: stems, exact and folded spellings
            try indexCall(location.directory) { () throws(IndexError) in
                for segment in reader.segments {
                    try segment.forEachTerm { field, kind, _, _ in
                        if kind == .stem { terms[field, default: 0] += 1 }
                        keys += 1
                    }
                }
            }
            let totalTerms = terms.values.reduce(0, +)
            if json {
                var w = JSONWriter()
                w.beginObject()
                w.string(location.directory, key: "index")
                w.number(reader.liveDocumentCount, key: "documents")
                w.number(reader.documentCount - reader.liveDocumentCount, key: "deleted")
                w.number(totalTerms, key: "terms")
                w.number(keys, key: "keys")
                w.beginArray("fields")
                for field in Field.allCases {
                    w.beginObject()
                    w.string(field.name, key: "name")
                    w.number(terms[field] ?? 0, key: "terms")
                    if let slot = Field.text.firstIndex(of: field) {
                        w.number(Double(reader.averageLengths[slot]), digits: 1, key: "average_length")
                    }
                    w.endObject()
                }
                w.endArray()
                w.number(reader.segments.count, key: "segments")
                w.number(reader.sizeInBytes, key: "size_bytes")
                w.number(reader.segments.reduce(0) { $0 + $1.storedBytes }, key: "stored_bytes")
                w.number(reader.generation, key: "generation")
                w.string(reader.root, key: "root")
                w.endObject()
                print(w.output)
                return
            }
            print("index       \(location.directory) (generation \(reader.generation), \(reader.segments.count) segment\(reader.segments.count == 1 ? "" : "s"))")
            print("root        \(reader.root)")
            print("documents   \(reader.liveDocumentCount)" + (reader.hasDeletions ? " (and \(reader.documentCount - reader.liveDocumentCount) deleted, kept until their segments merge)" : ""))
            print("terms       \(totalTerms) stems (\(keys) dictionary keys with exact and folded spellings)")
            for field in Field.allCases {
                var line = "  \(field.name.padding(12)) \(String(terms[field] ?? 0).leftPadded(8)) terms"
                if let slot = Field.text.firstIndex(of: field) {
                    line += ", \((reader.averageLengths[slot] * 10).rounded() / 10) tokens per document on average"
                }
                print(line)
            }
            print("size        \(formatBytes(reader.sizeInBytes)) (stored text \(formatBytes(reader.segments.reduce(0) { $0 + $1.storedBytes })))")
        }
    }
}
