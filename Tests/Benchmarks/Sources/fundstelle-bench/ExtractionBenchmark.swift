import Foundation
import FundstelleExtract

/// `fundstelle-bench extraction --gold gold.json DIR`: scores the extractor on pages with gold
/// annotations, as trafilatura's benchmark does: a `with` string found in the extracted text is
/// a true positive (missing: a false negative); a `without` string found is a false positive.
/// The text is what the index takes as a page's text: its headings, body and description. Also title and
/// date accuracy (exact, whitespace folded), over the pages whose gold has one.
struct ExtractionBenchmark {
    var gold: String
    var directory: String
    var showErrors: Int

    init(arguments: [String]) throws {
        let a = try Arguments(arguments, options: ["gold", "show-errors"], flags: [])
        guard a.positional.count == 1 else {
            throw UsageError("extraction needs one folder of pages (and --gold FILE to score them)")
        }
        self.gold = a.string("gold") ?? ""
        directory = a.positional[0]
        showErrors = try a.int("show-errors", default: 0, range: 0...10_000)
    }

    /// Without gold: extraction speed over every file below the folder, one thread, files read
    /// into memory first (untimed), as `xmllint --html --noout` would parse them.
    private func throughput() throws -> Int32 {
        var files: [[UInt8]] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = directory + "/" + name
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files.append(try readFile(path))
        }
        let bytes = files.reduce(0) { $0 + $1.count }
        let extractor = Extractor()
        var best = Double.infinity, documents = 0, failed = 0
        for _ in 0..<2 {
            documents = 0
            failed = 0
            let started = now()
            for (i, file) in files.enumerated() {
                if let docs = try? extractor.extract(file, path: "f\(i).html") { documents += docs.count } else { failed += 1 }
            }
            best = min(best, now() - started)
        }
        print("files:      \(files.count) (\(failed) not extracted), \(documents) documents, \(fixed(Double(bytes) / 1e6, 1)) MB")
        print("extraction: \(fixed(best, 2)) s = \(fixed(Double(bytes) / 1e6 / best, 1)) MB/s (1 thread, faster of 2 passes)")
        print("RESULT seconds=\(fixed(best, 3)) mb_per_s=\(fixed(Double(bytes) / 1e6 / best, 1))")
        return 0
    }

    private static func folded(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func run() throws -> Int32 {
        if gold.isEmpty { return try throughput() }
        let data = try readFile(gold)
        guard let entries = try JSONSerialization.jsonObject(with: Data(data)) as? [String: [String: Any]] else {
            throw Failure("\(gold): not a JSON object of pages")
        }
        var tp = 0, fn = 0, fp = 0, tn = 0
        var titles = (right: 0, total: 0), dates = (right: 0, total: 0)
        var failed = 0, bytes = 0, seconds = 0.0
        var errors: [String] = []
        // Scored as extraction: a page marked noindex is still read (the indexer refuses it).
        let extractor = Extractor(honorsNoindex: false)
        for name in entries.keys.sorted() {
            let entry = entries[name]!
            guard let page = try? readFile(directory + "/" + name) else { continue }
            bytes += page.count
            let started = now()
            let doc = try? extractor.extract(page, path: name).first
            seconds += now() - started
            guard let doc else { failed += 1; continue }
            let text = Self.folded((doc.headings + [doc.body, doc.description]).joined(separator: "\n"))
            for s in entry["with"] as? [String] ?? [] {
                if text.contains(Self.folded(s)) { tp += 1 } else { fn += 1; errors.append("missing  \(name): \(s)") }
            }
            for s in entry["without"] as? [String] ?? [] {
                if text.contains(Self.folded(s)) { fp += 1; errors.append("leaked   \(name): \(s)") } else { tn += 1 }
            }
            if let title = entry["title"] as? String, !title.isEmpty {
                titles.total += 1
                if Self.folded(doc.title) == Self.folded(title) { titles.right += 1 } else { errors.append("title    \(name): \(doc.title) ≠ \(title)") }
            }
            if let date = entry["date"] as? String, !date.isEmpty {
                dates.total += 1
                if doc.date == date { dates.right += 1 } else { errors.append("date     \(name): \(doc.date) ≠ \(date)") }
            }
        }
        let precision = Double(tp) / Double(max(1, tp + fp)), recall = Double(tp) / Double(max(1, tp + fn))
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        for e in errors.prefix(showErrors) { print(e) }
        print("pages:      \(entries.count) (\(failed) not extracted), \(fixed(Double(bytes) / 1e6, 1)) MB in \(fixed(seconds, 2)) s = \(fixed(Double(bytes) / 1e6 / seconds, 1)) MB/s")
        print("text:       precision \(fixed(precision, 3)), recall \(fixed(recall, 3)), F1 \(fixed(f1, 3))  (TP \(tp), FN \(fn), FP \(fp), TN \(tn))")
        print("title:      \(titles.right)/\(titles.total)")
        print("date:       \(dates.right)/\(dates.total)")
        print("RESULT precision=\(fixed(precision, 4)) recall=\(fixed(recall, 4)) f1=\(fixed(f1, 4)) titles=\(titles.right)/\(titles.total) dates=\(dates.right)/\(dates.total)")
        return tp > 0 ? 0 : 1
    }
}
