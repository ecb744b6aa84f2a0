import FundstelleAnalysis
import FundstelleExtract

/// `fundstelle-bench analyze`: single-threaded throughput of the analysis chain.
struct AnalyzeBenchmark {
    var paths: [String]
    var raw: Bool
    var decompound: Bool
    var runs: Int

    init(arguments: [String]) throws {
        let a = try Arguments(arguments, options: ["runs"], flags: ["raw", "decompound"])
        guard !a.positional.isEmpty else { throw UsageError("analyze needs at least one FILE or DIR") }
        paths = a.positional
        raw = a.flags.contains("raw")
        decompound = a.flags.contains("decompound")
        runs = try a.int("runs", default: 3, range: 1...1000)
    }

    func run() throws -> Int32 {
        var files: [String] = []
        for p in paths { files += try listFiles(p, extensions: ["xml", "html", "htm", "xhtml", "txt"]) }
        guard !files.isEmpty else { throw Failure("no files in \(paths.joined(separator: ", "))") }

        // Read and extract once, untimed except for the extraction itself.
        var texts: [[UInt8]] = []
        var inputBytes = 0
        var documents = 0
        var extractSeconds = 0.0
        let extractor = Extractor()
        for file in files {
            let bytes = try readFile(file)
            inputBytes += bytes.count
            if raw {
                texts.append(bytes)
                continue
            }
            let started = now()
            let docs: [Document]
            do {
                docs = try extractor.extract(bytes, path: file)
            } catch {
                printError("skipped \(file): \(error)")
                continue
            }
            extractSeconds += now() - started
            documents += docs.count
            // The text fields the index analyses (SegmentBuilder: title, headings, body, description).
            for d in docs {
                for field in [d.title] + d.headings + [d.body, d.description] where !field.isEmpty {
                    texts.append(Array(field.utf8))
                }
            }
        }
        let textBytes = texts.reduce(0) { $0 + $1.count }
        guard textBytes > 0 else { throw Failure("no text to analyse") }

        // With --decompound, compounds are split with the words of the input itself, as the
        // index does when it writes a segment (building the decompounder is timed separately).
        var analyzer = Analyzer()
        if decompound {
            let started = now()
            var words = WordFrequencies()
            for text in texts { text.withUnsafeBufferPointer { words.addText($0) } }
            analyzer = Analyzer(decompounder: Decompounder(frequencies: words))
            print("decompounder:    \(words.count) distinct words counted and tables built in \(fixed(now() - started, 3)) s")
        }
        var best = Double.infinity
        var tokens = 0
        var checksum = 0
        let coldAnalyzer = analyzer  // each pass starts with an empty word cache, as indexing does
        for _ in 0...runs {  // the first pass is a warm-up
            var count = 0
            var sum = 0
            analyzer = coldAnalyzer
            let started = now()
            for text in texts {
                _ = text.withUnsafeBufferPointer { buffer in
                    analyzer.analyze(buffer) { term in
                        guard term.kind == .exact else { return }  // one exact form per token (and per completion)
                        count += 1
                        sum &+= term.bytes.count &+ term.token.position &+ (term.isStopWord ? 1 : 0)
                    }
                }
            }
            let seconds = now() - started
            if tokens != 0, tokens != count || checksum != sum { throw Failure("analysis is not deterministic") }
            tokens = count
            checksum = sum
            best = min(best, seconds)
        }
        guard tokens > 0 else {
            printError("FAIL: no tokens from \(textBytes) bytes of text")
            return 1
        }
        let mbps = Double(textBytes) / 1e6 / best
        print("input:           \(files.count) files, \(fixed(Double(inputBytes) / 1e6, 2)) MB\(raw ? " (raw bytes analysed)" : ", \(documents) documents")")
        if !raw {
            print("extraction:      \(fixed(extractSeconds, 3)) s, \(fixed(Double(inputBytes) / 1e6 / extractSeconds, 1)) MB/s of input (single-threaded)")
        }
        print("analysis:        \(decompound ? "with decompounding, " : "")\(fixed(Double(textBytes) / 1e6, 2)) MB of text, \(tokens) tokens; fastest of \(runs) passes \(fixed(best, 3)) s")
        print("throughput:      \(fixed(mbps, 1)) MB/s, \(fixed(Double(tokens) / best / 1e6, 2)) M tokens/s")
        print("RESULT files=\(files.count) text_bytes=\(textBytes) tokens=\(tokens) seconds=\(fixed(best, 4)) mb_per_s=\(fixed(mbps, 2)) tokens_per_s=\(Int(Double(tokens) / best))\(raw ? "" : " extract_mb_per_s=\(fixed(Double(inputBytes) / 1e6 / extractSeconds, 2))")")
        return 0
    }
}
