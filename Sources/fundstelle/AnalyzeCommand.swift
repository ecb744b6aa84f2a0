import ArgumentParser
import FundstelleAnalysis
import FundstelleIndex
import FundstelleSearch

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Show how text is analysed: each token with offsets, position, normalised form and stem.",
        discussion: """
            Offsets are byte offsets into the UTF-8 text. With --json, one array of
            {"text", "start", "end", "position", "normalized", "folded", "stem",
            "stopword", "flags", "expansions", "parts"}: expansions are further index terms
            at the token's position (gender forms, completed ellipses, dates), parts the
            terms of a compound's parts. Compounds are split with the vocabulary of the
            index at --index (as indexing did); without an index, words stay whole.
            """
    )

    @Argument(help: "The text to analyse.")
    var text: [String]

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var location: IndexLocation

    func run() throws {
        // Compounds are split with the vocabulary of the index, as indexing did; without an
        // index, words stay whole.
        var decompounder: Decompounder?
        if let reader = try? IndexReader.open(location.directory), let words = try? reader.wordFrequencies() {
            decompounder = Decompounder(frequencies: words)
        }
        var analyzer = Analyzer(decompounder: decompounder)
        let tokens = analyzer.analyze(text.joined(separator: " "))
        if json {
            var w = JSONWriter()
            w.beginArray()
            for t in tokens {
                w.beginObject()
                w.string(t.text, key: "text")
                w.number(t.start, key: "start")
                w.number(t.end, key: "end")
                w.number(t.position, key: "position")
                w.string(t.normalized, key: "normalized")
                w.string(t.folded, key: "folded")
                w.string(t.stem, key: "stem")
                w.bool(t.isStopWord, key: "stopword")
                w.strings(t.flags, key: "flags")
                w.strings(t.expansions, key: "expansions")
                w.strings(t.parts, key: "parts")
                w.endObject()
            }
            w.endArray()
            print(w.output)
            return
        }
        print(Terminal.dim("pos  bytes      token                normalised           folded               stem"))
        for t in tokens {
            var notes = t.flags
            if t.isStopWord { notes.append("stop word") }
            if !t.parts.isEmpty { notes.append("parts " + t.parts.joined(separator: " + ")) }
            if !t.expansions.isEmpty { notes.append("also " + t.expansions.joined(separator: ", ")) }
            let note = notes.isEmpty ? "" : Terminal.dim("  (\(notes.joined(separator: ", ")))")
            print("\(String(t.position).leftPadded(3))  \("\(t.start)-\(t.end)".padding(9))  \(t.text.padding(20)) \(t.normalized.padding(20)) \(t.folded.padding(20)) \(Terminal.bold(t.stem))\(note)")
        }
    }
}
