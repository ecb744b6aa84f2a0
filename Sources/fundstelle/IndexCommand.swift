import ArgumentParser
import Dispatch
import FundstelleExtract
import FundstelleIndex

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index pages (HTML, XHTML, WARC, law XML, RSS/Atom, text) into a new index generation.",
        discussion: """
            Walks each PATH (a folder is walked recursively; hidden files and symbolic
            links to folders are left out, links to files outside PATH too), extracts every
            file, and commits a new index that replaces the previous one atomically: a
            crash or a kill leaves the previous index readable.

            Files are recognised by content: HTML pages, gzip-compressed files, WARC
            archives (one document per page response), gii law XML (one per norm), RSS and
            Atom feeds (one per item), other XML (one per file, or one per --record
            element), text. Paragraphs a site repeats on many of its pages (its template)
            are left out. A file that cannot be read or extracted, a page marked noindex
            and a sitemap are reported and skipped.

            Paths in the index are relative to PATH when one folder is given, otherwise to
            the current folder. Exit code 1 only when nothing could be indexed or the index
            could not be written.
            """
    )

    @Argument(help: ArgumentHelp("Files or folders to index.", valueName: "PATH"))
    var paths: [String] = ["Corpus"]

    @OptionGroup var location: IndexLocation

    @Option(help: ArgumentHelp("Skip files larger than this many megabytes.", valueName: "MB"))
    var maxFileSize: Int = 50

    /// 600: the full federal-law dump (111,224 pages) becomes 2 segments (61,175 and 49,392
    /// documents) at 743–755 MB peak RSS; 512 made 3 at 690–745 MB and its queries took 6 % more
    /// instructions (256: 5 segments, 490 MB, queries about a quarter slower; 1024: 1.1 GB).
    @Option(help: ArgumentHelp("Megabytes of analysed text held in memory before a segment is written; fewer segments answer faster.", valueName: "MB"))
    var ramBudget: Int = 600

    @Option(help: ArgumentHelp("In XML files, make one document of each element with this name (an export of records).", valueName: "ELEMENT"))
    var record: String?

    @Flag(help: "Index pages that ask not to be (robots meta tag noindex), too.")
    var ignoreNoindex = false

    @Flag(help: "Rebuild the whole index instead of updating it from the files that changed.")
    var full = false

    func validate() throws {
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
        guard ramBudget > 0 else { throw ValidationError("--ram-budget must be positive") }
        if let record, record.isEmpty || record.contains(where: { $0 == " " || $0 == "<" || $0 == ">" }) {
            throw ValidationError("--record needs an XML element name, such as 'item'")
        }
    }

    func run() throws {
        try failing {
            let started = Progress.now()
            let walker = FileWalker(paths: paths)
            var skipped = walker.problems.map { ($0.path, $0.reason) }
            guard !walker.entries.isEmpty else {
                for (path, reason) in skipped { Terminal.error("skipped \(path): \(reason)") }
                throw Failure("no files to index in \(paths.joined(separator: ", "))")
            }
            let root = absolutePath(FileWalker.root(for: paths))
            // An index of this folder made from files is updated; anything else is rebuilt.
            let writer = try indexCall(location.directory) { () throws(IndexError) in
                try IndexWriter(directory: location.directory, ramBudget: ramBudget << 20, updating: !full, root: root)
            }
            let updating = !writer.previousFiles.isEmpty
            var unchanged = 0, changed = 0, added = 0
            var records = IndexWriter.RecordChanges()
            var seen = Set<String>()
            let extractor = Extractor(maxFileSize: maxFileSize << 20, recordElement: record, honorsNoindex: !ignoreNoindex)
            var progress = Progress(total: walker.entries.count)
            let announce = progress
            writer.willWriteSegment = { number, documents in announce.writingSegment(number, documents: documents) }
            var files = 0
            var bytes = 0
            // Extract in parallel in batches, add to the index in file order: the same tree
            // always gives the same index.
            // Updating: a file with the size and time it had is unchanged; otherwise it is read,
            // and unchanged still when its content hash is.
            var entries: [FileWalker.Entry] = []
            for entry in walker.entries {
                seen.insert(entry.relative)
                if let old = writer.previousFiles[entry.relative], old.size == entry.size, old.modified == entry.modified {
                    writer.keep(old)
                    unchanged += 1
                } else {
                    entries.append(entry)
                }
            }
            // The next batch is extracted (on all cores) while this one is added to the index
            // (on this thread), so extracting and adding overlap; batches are added in order.
            let batchSize = 64
            var start = 0
            let keptBefore = unchanged  // `unchanged` also counts the files below whose hash is the same
            let pipeline = ExtractionPipeline(entries: entries, batchSize: batchSize, extractor: extractor)
            while start < entries.count {
                let (batch, results) = pipeline.next()
                for (entry, (result, hash)) in zip(batch, results) {
                    let old = writer.previousFiles[entry.relative]
                    if let old, let hash, old.hash == hash {
                        var same = old
                        same.modified = entry.modified
                        writer.keep(same)
                        unchanged += 1
                        continue
                    }
                    // A changed file of many records (a WARC, a feed, an XML dump): only the
                    // records that changed are indexed again.
                    if let old, case .success(let documents) = result, documents.count > 1 || old.documents.count > 1 {
                        files += 1
                        bytes += entry.size
                        changed += 1
                        let record = FileRecord(path: entry.relative, size: entry.size, modified: entry.modified, hash: hash ?? 0)
                        let c = try indexCall(location.directory) { () throws(IndexError) in
                            try writer.update(old, with: documents, from: record)
                        }
                        records.added += c.added
                        records.changed += c.changed
                        records.removed += c.removed
                        records.unchanged += c.unchanged
                        continue
                    }
                    if let old { writer.remove(old) }
                    switch result {
                    case .success(let documents):
                        files += 1
                        bytes += entry.size
                        if old == nil { added += 1 } else { changed += 1 }
                        let record = FileRecord(path: entry.relative, size: entry.size, modified: entry.modified, hash: hash ?? 0)
                        try indexCall(location.directory) { () throws(IndexError) in
                            try writer.add(documents, from: record)
                        }
                    case .failure(let problem):
                        if old != nil { changed += 1 }
                        skipped.append((entry.path, problem.reason))
                    }
                }
                start += batch.count
                progress.update(done: keptBefore + start, documents: writer.documentCount)
            }
            var removed = 0
            for (path, old) in writer.previousFiles where !seen.contains(path) {
                writer.remove(old)
                removed += 1
            }
            if updating, changed + added + removed == 0 {
                printSkipped(skipped)
                print("Up to date: \(unchanged) file\(unchanged == 1 ? "" : "s") unchanged, nothing to do (--full rebuilds)")
                return
            }
            guard writer.documentCount > 0 || updating else {
                printSkipped(skipped)
                throw Failure("nothing could be indexed: \(skipped.count) files skipped")
            }
            let size = try indexCall(location.directory) { () throws(IndexError) in try writer.commit(root: root) }
            let seconds = Progress.now() - started
            if updating {
                print("Updated in \(fixed(seconds, digits: 1)) s: \(added) new, \(changed) changed, \(removed) removed, \(unchanged) unchanged file\(unchanged == 1 ? "" : "s"); \(writer.documentCount) documents indexed, \(writer.deletedCount) deleted")
                if records != IndexWriter.RecordChanges() {
                    print("Records of changed files: \(records.added) new, \(records.changed) changed, \(records.removed) removed, \(records.unchanged) unchanged")
                }
                if writer.mergedSegments > 0 { print("Merged \(writer.mergedSegments) small segment\(writer.mergedSegments == 1 ? "" : "s")") }
            } else {
                print("Indexed \(writer.documentCount) documents from \(files) file\(files == 1 ? "" : "s") (\(formatBytes(bytes))) in \(fixed(seconds, digits: 1)) s")
            }
            if writer.duplicateCount > 0 {
                print("Duplicates: \(writer.duplicateCount) document\(writer.duplicateCount == 1 ? "" : "s") with the same content as another, indexed once listing every path")
            }
            if writer.templates.removedParagraphs > 0 {
                let t = writer.templates
                print("Site templates: \(t.removedParagraphs) repeated paragraph\(t.removedParagraphs == 1 ? "" : "s") left out of \(t.trimmedDocuments) document\(t.trimmedDocuments == 1 ? "" : "s")")
            }
            printSkipped(skipped)
            print("Index: \(location.directory) (\(formatBytes(size)))")
        }
    }

    private func printSkipped(_ skipped: [(String, String)]) {
        guard !skipped.isEmpty else { return }
        print("Skipped \(skipped.count) file\(skipped.count == 1 ? "" : "s"):")
        for (path, reason) in skipped.prefix(50) { print("  \(path): \(reason)") }
        if skipped.count > 50 { print("  … and \(skipped.count - 50) more") }
    }
}

func absolutePath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// Extracts batch after batch in the background, one batch ahead of the caller.
final class ExtractionPipeline: @unchecked Sendable {
    private let entries: [FileWalker.Entry]
    private let batchSize: Int
    private let extractor: Extractor
    private let queue = DispatchQueue(label: "fundstelle.extraction")
    private var start = 0
    private var ahead: (batch: [FileWalker.Entry], group: DispatchGroup, box: Box)?

    private final class Box: @unchecked Sendable {
        var results: [(Result<[Document], ExtractionBatch.Problem>, UInt64?)] = []
    }

    init(entries: [FileWalker.Entry], batchSize: Int, extractor: Extractor) {
        self.entries = entries
        self.batchSize = batchSize
        self.extractor = extractor
        ahead = launch()
    }

    private func launch() -> (batch: [FileWalker.Entry], group: DispatchGroup, box: Box)? {
        guard start < entries.count else { return nil }
        let batch = Array(entries[start..<min(start + batchSize, entries.count)])
        start += batch.count
        let group = DispatchGroup()
        let box = Box()
        let extractor = self.extractor
        queue.async(group: group) { box.results = ExtractionBatch.run(batch, extractor: extractor) }
        return (batch, group, box)
    }

    /// The next batch and its results; starts extracting the one after it.
    func next() -> (batch: [FileWalker.Entry], results: [(Result<[Document], ExtractionBatch.Problem>, UInt64?)]) {
        guard let current = ahead else { return ([], []) }
        current.group.wait()
        ahead = launch()
        return (current.batch, current.box.results)
    }
}

/// Reads and extracts a batch of files on all cores.
enum ExtractionBatch {
    struct Problem: Error { var reason: String }

    /// One slot per file; each concurrent iteration writes only its own slot.
    private final class Slots: @unchecked Sendable {
        var results: [(Result<[Document], Problem>, UInt64?)]
        init(_ count: Int) { results = Array(repeating: (.failure(Problem(reason: "not processed")), nil), count: count) }
    }

    /// Each file's documents (or why it has none) and its content hash (nil when unreadable).
    static func run(_ batch: [FileWalker.Entry], extractor: Extractor) -> [(Result<[Document], Problem>, UInt64?)] {
        let slots = Slots(batch.count)
        slots.results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                out[i] = extract(batch[i], extractor: extractor)
            }
        }
        return slots.results
    }

    static func extract(_ entry: FileWalker.Entry, extractor: Extractor) -> (Result<[Document], Problem>, UInt64?) {
        let bytes: [UInt8]
        do {
            bytes = try readFile(entry.path)
        } catch {
            return (.failure(Problem(reason: error.reason)), nil)
        }
        let hash = FileRecord.hash(bytes)
        do {
            return (.success(try extractor.extract(bytes, path: entry.relative)), hash)
        } catch {
            return (.failure(Problem(reason: error.description)), hash)
        }
    }
}
