import FundstelleAnalysis
import FundstelleExtract
import Testing
import TestSupport
@testable import FundstelleIndex

/// Random documents from a small vocabulary, so terms repeat across documents.
func randomDocuments(_ count: Int, seed: UInt64) -> [Document] {
    var rng = SplitMix64(seed: seed)
    let vocabulary = (0..<400).map { i in "wort\(i)x" } + ["Pflege", "Fachkräfte", "Straße", "Hilfe", "Leistung"]
    return (0..<count).map { i in
        func words(_ n: Int) -> String {
            (0..<n).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
        }
        return Document(
            path: "dir/page\(i).html", title: words(3), headings: [words(2), words(2)],
            body: words(Int(rng.next() % 300) + 1) + " unique\(i)zz", description: i % 3 == 0 ? words(5) : "")
    }
}

/// The truth the reader must agree with: "prefix:term" → [(document, positions)], built
/// naively from the analyzer's values. Positions only for stems; other kinds list one
/// placeholder per occurrence, so their count is the frequency.
func naiveIndex(_ docs: [Document]) -> [String: [(Int, [Int32])]] {
    var analyzer = Analyzer()
    var map: [String: [Int: [Int32]]] = [:]
    for (d, doc) in docs.enumerated() {
        for field in Field.text {
            var position = 0
            for value in DocumentTerms.values(of: field, in: doc) where !value.isEmpty {
                let tokens = analyzer.analyze(value)
                for token in tokens {
                    let p = Int32(position + token.position)
                    map["\(field.keyPrefix(.stem)):\(token.stem)", default: [:]][d, default: []].append(p)
                    map["\(field.keyPrefix(.exact)):\(token.normalized)", default: [:]][d, default: []].append(-1)
                    if token.folded != token.normalized {
                        map["\(field.keyPrefix(.folded)):\(token.folded)", default: [:]][d, default: []].append(-1)
                    }
                }
                position += (tokens.last?.position ?? -1) + 1 + DocumentTerms.valueGap
            }
        }
    }
    return map.mapValues { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}

@Suite struct IndexRoundTripTests {
    /// Written in several segments (tiny RAM budget), read back: every posting agrees with the naive map.
    @Test(arguments: [1 << 30, 40_000])
    func readerAgreesWithNaiveMap(ramBudget: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let docs = randomDocuments(300, seed: 7)
        let writer = try IndexWriter(directory: dir.path, ramBudget: ramBudget)
        for doc in docs { try writer.add(doc) }
        try writer.commit(root: "/tmp")
        let reader = try IndexReader.open(dir.path)
        #expect(reader.documentCount == docs.count)
        if ramBudget < 100_000 { #expect(reader.segments.count > 1) }
        try reader.verify()

        let truth = naiveIndex(docs)
        var seenKeys = 0
        for (s, segment) in reader.segments.enumerated() {
            try segment.forEachTerm { (field, kind, term, info) throws(IndexError) in
                guard field.isText else { return }
                let key = "\(field.keyPrefix(kind)):\(String(decoding: term, as: UTF8.self))"
                let expected = truth[key, default: []].filter { reader.locate($0.0)!.segment === segment }
                var cursor = try segment.postings(info, positions: field.hasPositions(kind))
                var got: [(Int, [Int32])] = []
                var positions: [Int32] = []
                while try cursor.next() {
                    if field.hasPositions(kind) {
                        try cursor.readPositions(into: &positions)
                    } else {
                        positions = Array(repeating: -1, count: cursor.freq)
                    }
                    got.append((reader.bases[s] + cursor.doc, positions))
                }
                #expect(got.map(\.0) == expected.map(\.0), "documents of \(key)")
                #expect(got.map(\.1) == expected.map(\.1), "positions of \(key)")
                seenKeys += 1
            }
        }
        // Every key of the truth is somewhere in the index.
        let keysPerSegment = truth.values.reduce(0) { sum, postings in
            sum + Set(postings.map { reader.locate($0.0)!.segment.name }).count
        }
        #expect(seenKeys == keysPerSegment)
    }

    /// A look-up finds every key of the dictionary with its own entry, and none of the
    /// strings next to the keys that are no keys (a key cut short, lengthened, or with its
    /// last byte raised or lowered): each lands in a block beside keys sharing its prefix.
    @Test func lookupFindsEveryKeyAndNothingElse() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try IndexWriter(directory: dir.path)
        for doc in randomDocuments(200, seed: 11) { try writer.add(doc) }
        try writer.commit(root: "/tmp")
        let segment = try #require(try IndexReader.open(dir.path).segments.first)
        var entries: [[UInt8]: TermInfo] = [:]
        try segment.forEachTerm { (field, kind, term, info) throws(IndexError) in
            entries[[field.keyPrefix(kind)] + Array(term)] = info
        }
        #expect(entries.count > 1_000)
        var probes = 0
        for (key, info) in entries {
            guard let (field, kind) = Field.decode(keyPrefix: key[0]) else { continue }
            let term = Array(key[1...])
            #expect(try segment.lookup(field, kind, term) == info, "key \(key)")
            var neighbours: [[UInt8]] = [term + [0x61], term + [0x00], Array(term.dropLast())]
            if let last = term.last {
                if last < 0xFF { neighbours.append(term.dropLast() + [last + 1]) }
                if last > 0 { neighbours.append(term.dropLast() + [last - 1]) }
            }
            for n in neighbours where entries[[key[0]] + n] == nil {
                #expect(try segment.lookup(field, kind, n) == nil, "no key \(n)")
                probes += 1
            }
        }
        #expect(probes > 1_000)
    }

    /// Terms with byte-identical lists (a word's exact form in the documents of its stem)
    /// point to one copy: every term sharing an offset reads back the same documents and
    /// frequencies as its neighbours in the naive map, and the copies are shared at all.
    @Test func identicalListsAreWrittenOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try IndexWriter(directory: dir.path)
        let docs = randomDocuments(300, seed: 5)
        for doc in docs { try writer.add(doc) }
        try writer.commit(root: "/tmp")
        let segment = try #require(try IndexReader.open(dir.path).segments.first)
        var byOffset: [Int: [(Field, TermKind, [UInt8], TermInfo)]] = [:]
        try segment.forEachTerm { (field, kind, term, info) throws(IndexError) in
            guard info.docFreq > 0 else { return }
            byOffset[info.postingsOffset, default: []].append((field, kind, Array(term), info))
        }
        let shared = byOffset.values.filter { $0.count > 1 }
        #expect(shared.count > 100, "\(shared.count) lists shared")
        #expect(shared.contains { group in Set(group.map { $0.1 }).count > 1 })  // across kinds
        for group in shared {
            var lists: [[Int]] = []
            for (field, kind, term, info) in group {
                var cursor = try segment.postings(info, positions: field.hasPositions(kind))
                var list: [Int] = []
                while try cursor.next() { list += [cursor.doc, Int(cursor.freq)] }
                #expect(list.count == 2 * info.docFreq, "\(String(decoding: term, as: UTF8.self))")
                lists.append(list)
            }
            #expect(Set(lists).count == 1)
        }
    }

    /// `fill` hands out the documents and frequencies `next` walks, in batches of any size,
    /// across packed blocks and the varint tail, with and without positions.
    @Test func fillAgreesWithNext() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try IndexWriter(directory: dir.path)
        for i in 0..<700 {
            let words = String(repeating: "haeufig ", count: i % 5 + 1) + (i % 3 == 0 ? "drittel " : "") + "kennung\(i)x"
            try writer.add(Document(path: "d\(i)", body: words))
        }
        try writer.commit(root: "/")
        let segment = try IndexReader.open(dir.path).segments[0]
        var analyzer = Analyzer()
        for word in ["haeufig", "drittel", "kennung5x"] {
            let term = try #require(analyzer.analyze(word).first?.stem)
            let info = try #require(try segment.lookup(.body, .stem, Array(term.utf8)))
            var walk: [(Int32, Float)] = []
            var cursor = try segment.postings(info)
            while try cursor.next() { walk.append((Int32(cursor.doc), Float(cursor.freq))) }
            for capacity in [1, 7, 128, 1000] {
                for positions in [false, true] {
                    var filled: [(Int32, Float)] = []
                    var docs = [Int32](repeating: 0, count: capacity), freqs = [Float](repeating: 0, count: capacity)
                    var c = try segment.postings(info, positions: positions)
                    while true {
                        let n = try c.fill(docs: &docs, freqs: &freqs, capacity: capacity)
                        if n == 0 { break }
                        #expect(Int32(c.doc) == docs[n - 1])
                        for k in 0..<n { filled.append((docs[k], freqs[k])) }
                    }
                    #expect(filled.map(\.0) == walk.map(\.0), "\(word), capacity \(capacity)")
                    #expect(filled.map(\.1) == walk.map(\.1), "\(word), capacity \(capacity)")
                }
            }
        }
    }

    /// Lists longer than a skip block: `advance(to:)` jumps over blocks and lands where a
    /// walk document by document lands, positions included.
    @Test func advanceSkipsBlocksAndAgreesWithAWalk() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try IndexWriter(directory: dir.path)
        for i in 0..<1500 {
            let rare = i % 3 == 0 ? " selten" : ""
            // A word of its own per document: the index keeps one document per content.
            try writer.add(Document(path: "d\(i)", body: String(repeating: "gemein wort ", count: i % 4 + 1) + "nummer\(i % 50)" + rare + " kennung\(i)x"))
        }
        try writer.commit(root: "/")
        let segment = try IndexReader.open(dir.path).segments[0]
        var random = SplitMix64(seed: 3)
        var analyzer = Analyzer()
        for word in ["gemein", "selten", "nummer7"] {
            let term = try #require(analyzer.analyze(word).first?.stem)
            let info = try #require(try segment.lookup(.body, .stem, Array(term.utf8)))
            var walk: [(doc: Int, positions: [Int32])] = []
            var cursor = try segment.postings(info, positions: true)
            var positions: [Int32] = []
            while try cursor.next() {
                try cursor.readPositions(into: &positions)
                walk.append((cursor.doc, positions))
            }
            #expect(walk.count == info.docFreq)
            // The walk itself against the documents as written (the long lists' whole blocks
            // are bit-packed, their last partial block is not).
            switch word {
            case "gemein":
                #expect(walk.map(\.doc) == Array(0..<1500))
                #expect(walk.allSatisfy { $0.positions == (0...($0.doc % 4)).map { Int32(2 * $0) } })
            case "selten":
                #expect(walk.map(\.doc) == Array(stride(from: 0, to: 1500, by: 3)))
            default:
                #expect(walk.map(\.doc) == Array(stride(from: 7, to: 1500, by: 50)))
            }
            for _ in 0..<40 {
                // A few increasing targets per cursor, some far apart, some close.
                var jumping = try segment.postings(info, positions: true)
                var target = Int(random.next() % 200)
                while target < 1600 {
                    let expected = walk.first { $0.doc >= target }
                    let found = try jumping.advance(to: target)
                    #expect(found == (expected != nil), "\(term) → \(target)")
                    guard found, let expected else { break }
                    #expect(jumping.doc == expected.doc)
                    if random.next() % 2 == 0 {
                        try jumping.readPositions(into: &positions)
                        #expect(positions == expected.positions, "\(term) positions at \(expected.doc)")
                    }
                    target = jumping.doc + 1 + Int(random.next() % (random.next() % 2 == 0 ? 5 : 600))
                }
            }
        }
        _ = try IndexReader.open(dir.path).check()
    }

    @Test func everyDocumentIsFoundByItsRarestTermAndStoredFieldsRoundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let docs = randomDocuments(200, seed: 11)
        let writer = try IndexWriter(directory: dir.path, ramBudget: 60_000)
        for doc in docs { try writer.add(doc) }
        try writer.commit(root: "/tmp")
        let reader = try IndexReader.open(dir.path)
        var analyzer = Analyzer()
        for (d, doc) in docs.enumerated() {
            // The rarest term of the document: the one with the smallest document frequency.
            var best: (df: Int, term: [UInt8])?
            for token in analyzer.analyze(doc.body) {
                let term = Array(token.stem.utf8)
                let df = try reader.segments.reduce(0) { $0 + (try $1.lookup(.body, .stem, term)?.docFreq ?? 0) }
                if best == nil || df < best!.df { best = (df, term) }
            }
            var found: [Int] = []
            for (s, segment) in reader.segments.enumerated() {
                guard let info = try segment.lookup(.body, .stem, best!.term) else { continue }
                var cursor = try segment.postings(info)
                while try cursor.next() { found.append(reader.bases[s] + cursor.doc) }
            }
            #expect(found.contains(d))
            let stored = try #require(try reader.storedDocument(d))
            #expect(stored.path == doc.path && stored.title == doc.title && stored.body == doc.body)
            #expect(stored.headings == doc.headings && stored.description == doc.description)
            #expect(try reader.document(path: doc.path) == d)
            #expect(reader.document(id: stored.id) == d)
        }
        #expect(try reader.document(path: "no/such/page.html") == nil)
    }

    /// Enough stored text trains a compression dictionary for the segment's records, which
    /// then decompress one by one to what was written; a segment of little text has none.
    @Test func storedRecordsRoundTripThroughTheSegmentsDictionary() throws {
        for (count, trains) in [(600, true), (20, false)] {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let docs = randomDocuments(count, seed: 17)
            let writer = try IndexWriter(directory: dir.path)
            for doc in docs { try writer.add(doc) }
            try writer.commit(root: "/tmp")
            let reader = try IndexReader.open(dir.path)
            #expect(reader.segments.count == 1)
            #expect((reader.segments[0].storedDictionaryBytes > 0) == trains, "\(count) documents")
            for (d, doc) in docs.enumerated() {
                let stored = try #require(try reader.storedDocument(d))
                #expect(stored.path == doc.path && stored.title == doc.title && stored.body == doc.body)
                #expect(stored.headings == doc.headings && stored.description == doc.description)
            }
            _ = try reader.check()
        }
    }

    /// A copy of a page met after its original's segment was written: the original moves on
    /// to a later segment listing the copy's path, and is one live document, found by each path.
    @Test func duplicatesAcrossSegmentsAreOneDocument() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try IndexWriter(directory: dir.path, ramBudget: 1)  // a segment per document
        let page = Document(path: "a/wohngeld.html", title: "Wohngeld", body: "Wohngeld ist ein Zuschuss zur Miete.")
        try writer.add(page)
        try writer.add(Document(path: "b/elterngeld.html", title: "Elterngeld", body: "Elterngeld für Familien."))
        for path in ["mirror/wohngeld.html", "alias/wohngeld.html"] {
            var copy = page
            copy.path = path
            try writer.add(copy)
        }
        #expect(writer.documentCount == 2 && writer.duplicateCount == 2)
        try writer.commit(root: "/")

        let reader = try IndexReader.open(dir.path)
        #expect(reader.liveDocumentCount == 2)
        for path in ["a/wohngeld.html", "mirror/wohngeld.html", "alias/wohngeld.html"] {
            let d = try #require(try reader.document(path: path), "\(path)")
            let stored = try #require(try reader.storedDocument(d))
            #expect(stored.path == "a/wohngeld.html" && stored.duplicates == ["mirror/wohngeld.html", "alias/wohngeld.html"])
            #expect(reader.document(id: stored.id) == d)
        }
        var live = 0
        for (s, segment) in reader.segments.enumerated() {
            guard let info = try segment.lookup(.body, .stem, Array("wohngeld".utf8)) else { continue }
            var cursor = try segment.postings(info)
            while try cursor.next() {
                if !reader.isDeleted(reader.bases[s] + cursor.doc) { live += 1 }
            }
        }
        #expect(live == 1)
        _ = try reader.check()
    }

    /// Duplicates through updates: a copy that changes leaves its original's list and becomes
    /// a document of its own; when the original's file goes, a copy whose file stays takes over.
    @Test func duplicatePathsFollowUpdates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        func record(_ path: String, _ version: Int = 0) -> FileRecord {
            FileRecord(path: path, size: version, modified: Int64(version), hash: UInt64(version))
        }
        let first = try IndexWriter(directory: dir.path)
        for path in ["a.html", "b.html", "c.html"] {
            try first.add([Document(path: path, title: "Wohngeld", body: "Wohngeld ist ein Zuschuss zur Miete.")], from: record(path))
        }
        try first.commit(root: "/r")
        var reader = try IndexReader.open(dir.path)
        func stored(_ path: String) throws -> StoredDocument {
            let d = try #require(try reader.document(path: path), "\(path)")
            return try #require(try reader.storedDocument(d))
        }
        #expect(reader.liveDocumentCount == 1)
        #expect(try stored("c.html").duplicates == ["b.html", "c.html"])

        let second = try IndexWriter(directory: dir.path, updating: true)
        for (_, old) in second.previousFiles where old.path != "b.html" { second.keep(old) }
        second.remove(second.previousFiles["b.html"]!)
        try second.add([Document(path: "b.html", title: "Wohngeld", body: "Neu: Wohngeld auch für Eigentum.")], from: record("b.html", 1))
        try second.commit(root: "/r")
        reader = try IndexReader.open(dir.path)
        #expect(reader.liveDocumentCount == 2)
        #expect(try stored("a.html").duplicates == ["c.html"])
        #expect(try stored("b.html").path == "b.html" && stored("b.html").body.hasPrefix("Neu"))
        #expect(try stored("c.html").path == "a.html")

        let third = try IndexWriter(directory: dir.path, updating: true)
        for (_, old) in third.previousFiles where old.path != "a.html" { third.keep(old) }
        third.remove(third.previousFiles["a.html"]!)
        try third.commit(root: "/r")
        reader = try IndexReader.open(dir.path)
        #expect(reader.liveDocumentCount == 2)
        #expect(try reader.document(path: "a.html") == nil)
        #expect(try stored("c.html").path == "c.html" && stored("c.html").duplicates.isEmpty)
        #expect(reader.document(id: DocumentID.string(DocumentID.hash("c.html"))) != nil)
        _ = try reader.check()
    }

    /// The dictionary's bit test of a key's first byte says what the field and kind say.
    @Test func keyPrefixesWithPositionsAreThoseOfTheTextFieldsStemsAndParts() {
        for byte in 0...255 {
            let b = UInt8(byte)
            let expected = Field.decode(keyPrefix: b).map { field, kind in field.hasPositions(kind) } ?? false
            #expect(Field.hasPositions(keyPrefix: b) == expected, "key prefix \(b)")
        }
    }

    @Test func missingTermsAreNotFound() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try IndexWriter(directory: dir.path)
        try writer.add(Document(path: "a", title: "Pflege", body: "mmm"))
        try writer.commit(root: "/")
        let segment = try IndexReader.open(dir.path).segments[0]
        for probe in ["", "a", "pfleg", "pflegez", "zzz", "\u{FF}"] {
            let info = try segment.lookup(.title, .stem, Array(probe.utf8))
            #expect((info != nil) == (probe == "pfleg"), "\(probe)")
        }
    }
}

/// The bit-packed blocks of long lists against random lists: wide and zero-width blocks,
/// frequencies up to 17 bits, gaps up to the whole segment; a cursor reads back every
/// document and frequency, walking and jumping.
@Suite struct FileManifestTests {
    /// Files of one page (id: the path's hash), of many records (other ids), of none; times
    /// before 1970, equal and falling; sizes and hashes across their whole range.
    @Test func recordsRoundTripAndDamageIsNamed() throws {
        var rng = SplitMix64(seed: 8)
        var records: [FileRecord] = []
        for i in 0..<500 {
            let path = "stadt/amt\(i % 7)/seite-\(i)-\(rng.next() % 1000).html"
            let n = i % 25 == 0 ? Int(rng.next() % 40) : 1
            let ids = (0..<n).map { k in n == 1 && i % 3 != 0 ? DocumentID.hash(path) : DocumentID.hash(path + "#\(k)") }
            let modified: Int64 = i % 11 == 0 ? -Int64(rng.next() % 1_000_000_000_000) : Int64(bitPattern: rng.next() >> UInt64(i % 3 == 0 ? 1 : 20))
            records.append(FileRecord(
                path: path, size: i % 13 == 0 ? Int.max : Int(rng.next() % 100_000_000), modified: modified,
                hash: rng.next(), documents: ids, fingerprints: ids.map { _ in i % 17 == 0 ? 0 : rng.next() }))
        }
        let bytes = FileManifest.encode(records)
        let decoded = try bytes.withUnsafeBytes { try FileManifest.decode($0, file: "files_3") }
        #expect(decoded == records)
        // Smaller than the fixed-width fields of version 7 (hashes and fingerprints are random bytes).
        let fixedWidth = records.reduce(24) { $0 + 1 + $1.path.utf8.count + 32 + 16 * $1.documents.count }
        #expect(bytes.count < fixedWidth * 3 / 4, "\(bytes.count) of \(fixedWidth)")

        var damaged = bytes
        damaged[bytes.count / 2] ^= 0x10
        #expect {
            try damaged.withUnsafeBytes { _ = try FileManifest.decode($0, file: "files_3") }
        } throws: { error in
            "\(error)".contains("files_3") && "\(error)".contains("checksum")
        }
    }
}

@Suite struct PostingsBlocksTests {
    @Test func packedListsReadBack() throws {
        var rng = SplitMix64(seed: 11)
        for round in 0..<60 {
            let documentCount = 1 << 20
            let docFreq = 129 + Int(rng.next() % 3000)
            // Round 0: consecutive documents, each once (zero bits per value).
            var docs: [Int] = [], freqs: [Int] = []
            var doc = -1
            for _ in 0..<docFreq {
                let room = documentCount - 1 - doc - (docFreq - docs.count - 1)
                let gap = round == 0 ? 1 : 1 + Int(rng.next() % UInt64(max(1, min(room, round % 3 == 0 ? 300 : 4))))
                doc += gap
                docs.append(doc)
                freqs.append(round == 0 ? 1 : rng.next() % 5 == 0 ? 1 + Int(rng.next() % 100_000) : 1)
            }
            // The builder's encoding: varints, a skip entry per 128 documents.
            var varints = ByteWriter(), skips = ByteWriter()
            var previous = -1, skipDoc = -1, skipBytes = 0
            for (i, (d, f)) in zip(docs, freqs).enumerated() {
                if f == 1 { varints.varint(UInt64(d - previous) << 1 | 1) } else { varints.varint(UInt64(d - previous) << 1); varints.varint(f) }
                previous = d
                if (i + 1) % PostingsBlocks.size == 0 {
                    skips.varint(d - skipDoc); skips.varint(varints.count - skipBytes); skips.varint(0)
                    (skipDoc, skipBytes) = (d, varints.count)
                }
            }
            let (entries, packed) = try PostingsBlocks.pack(docs: varints.bytes, skips: skips.bytes, docFreq: docFreq)
            var file = ByteWriter()
            file.varint(entries.count)
            file.append(entries.bytes)
            file.append(packed.bytes)
            file.append([UInt8](repeating: 0, count: PostingsBlocks.padding))
            let bytes = file.bytes
            try bytes.withUnsafeBytes { raw in
                func cursor() throws -> PostingsCursor {
                    try PostingsCursor(docs: ByteReader(raw, file: "test"), positions: ByteReader(UnsafeRawBufferPointer(start: nil, count: 0), file: "test"),
                                       docFreq: docFreq, documentCount: documentCount, withPositions: false)
                }
                var walk = try cursor()
                var got: [(Int, Int)] = []
                while try walk.next() { got.append((walk.doc, walk.freq)) }
                #expect(got.map(\.0) == docs, "round \(round)")
                #expect(got.map(\.1) == freqs, "round \(round)")
                var jump = try cursor()
                var target = Int(rng.next() % 1000)
                while let expected = docs.firstIndex(where: { $0 >= target }) {
                    #expect(try jump.advance(to: target))
                    #expect(jump.doc == docs[expected] && jump.freq == freqs[expected], "round \(round), target \(target)")
                    target = jump.doc + 1 + Int(rng.next() % 5000)
                }
            }
        }
    }

    /// Stepping over varints eight bytes at a time lands where reading them one by one does,
    /// whatever their lengths (1–5 bytes, so some runs end inside an eight-byte word).
    @Test func skippedVarintsLandWhereReadOnesDo() throws {
        var rng = SplitMix64(seed: 29)
        for round in 0..<200 {
            var values: [UInt64] = []
            for _ in 0..<(1 + Int(rng.next() % 300)) {
                let bits = [7, 14, 21, 28, 32][Int(rng.next() % 5)]
                values.append(rng.next() & ((1 << UInt64(bits)) - 1))
            }
            var w = ByteWriter()
            for v in values { w.varint(v) }
            let bytes = w.bytes
            try bytes.withUnsafeBytes { raw in
                let skip = Int(rng.next() % UInt64(values.count))
                var reader = ByteReader(raw, file: "test")
                try reader.skipVarints(skip)
                #expect(try reader.varint() == values[skip], "round \(round), skip \(skip) of \(values.count)")
                var all = ByteReader(raw, file: "test")
                try all.skipVarints(values.count)
                #expect(all.isAtEnd)
                var beyond = ByteReader(raw, file: "test")
                #expect(throws: IndexError.self) { try beyond.skipVarints(values.count + 1) }
            }
        }
    }
}
