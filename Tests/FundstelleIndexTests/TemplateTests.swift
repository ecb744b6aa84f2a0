import FundstelleExtract
import Testing
import TestSupport
@testable import FundstelleIndex

/// Blocks a site repeats on its pages are left out of the bodies the index stores and searches.
@Suite struct TemplateTests {
    static let contact = "Bürgerbüro Musterstadt, Rathausplatz 1, montags bis freitags von 8 bis 12 Uhr"

    static func page(_ site: String, _ i: Int, extra: String = contact) -> Document {
        Document(path: "\(site)/seite\(i).html", title: "Seite \(i)",
                 body: "Leistung \(i) der Sozialverwaltung mit Fristen und Unterlagen.\n\(extra)")
    }

    @Test func detectorCountsPerSiteAndNeverEmptiesABody() {
        var detector = TemplateDetector()
        let pages = (1...6).map { Self.page("www.stadt.example", $0) }
        let other = (1...4).map { Self.page("andere.example", $0) }  // too few pages to tell
        let onlyTemplate = Document(path: "www.stadt.example/leer.html", body: Self.contact)
        for doc in pages + other + [onlyTemplate] { detector.observe(doc) }
        #expect(detector.removingTemplate(from: pages[0]).body == "Leistung 1 der Sozialverwaltung mit Fristen und Unterlagen.")
        #expect(detector.removingTemplate(from: other[0]).body == other[0].body)
        #expect(detector.removingTemplate(from: onlyTemplate).body == Self.contact)
        // A URL's host is the site, whatever the path.
        #expect(TemplateDetector.site(of: Document(path: "dump.warc.gz#https://www.stadt.example/a", url: "https://www.stadt.example/a")) == "www.stadt.example")
        #expect(TemplateDetector.site(of: Document(path: "sgb_12/__27.html")) == "sgb_12")
        #expect(TemplateDetector.site(of: Document(path: "page.html")) == "")
    }

    @Test func indexLeavesTheTemplateOutOfStoredText() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try IndexWriter(directory: dir.path)
        for i in 1...8 { try writer.add(Self.page("www.stadt.example", i)) }
        try writer.commit(root: "/")
        #expect(writer.templates.removedParagraphs == 8)
        let reader = try IndexReader.open(dir.path)
        let stored = try #require(try reader.storedDocument(0))
        #expect(stored.body == "Leistung 1 der Sozialverwaltung mit Fristen und Unterlagen.")
    }
}

/// Stored text is deflated in blocks of several documents; every document reads back whole.
@Suite struct StoredBlockTests {
    @Test func documentsAcrossBlocksReadBack() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try IndexWriter(directory: dir.path)
        var docs: [Document] = []
        for i in 0..<21 {  // two full blocks and a partial one
            let doc = Document(path: "d\(i).html", title: "Seite \(i)", headings: ["Ü \(i)"],
                               body: String(repeating: "Wohngeld \(i) für Haushalte. ", count: i + 1), date: "2025-07-0\(i % 9 + 1)")
            docs.append(doc)
            try writer.add(doc)
        }
        try writer.commit(root: "/")
        let reader = try IndexReader.open(dir.path)
        try reader.verify()
        #expect(try reader.check().documents == 21)
        for (i, doc) in docs.enumerated() {
            let stored = try #require(try reader.storedDocument(i))
            #expect(stored.path == doc.path && stored.title == doc.title && stored.body == doc.body)
            #expect(stored.headings == doc.headings && stored.date == doc.date)
        }
    }
}

/// Updates add segments; past `maximumSegments` the smallest are merged, and nothing is lost.
@Suite struct UpdateMergeTests {
    @Test func updatesDeleteAndMerge() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        func record(_ i: Int) -> FileRecord { FileRecord(path: "f\(i).html", size: i, modified: Int64(i), hash: UInt64(i)) }
        func doc(_ i: Int, _ word: String = "wohngeld") -> Document {
            Document(path: "f\(i).html", title: "Seite \(i)", body: "\(word) seite nummer \(i)")
        }
        let first = try IndexWriter(directory: dir.path)
        try first.add([doc(0)], from: record(0))
        try first.commit(root: "/r")
        for round in 1...6 {
            let writer = try IndexWriter(directory: dir.path, updating: true)
            writer.maximumSegments = 3
            #expect(writer.previousFiles.count == round)
            for (_, old) in writer.previousFiles where old.path != "f0.html" { writer.keep(old) }
            // f0 changes every round: its old document is deleted, the new one added.
            writer.remove(writer.previousFiles["f0.html"]!)
            try writer.add([doc(0, "pflegegeld\(round)")], from: record(0))
            try writer.add([doc(round)], from: record(round))
            try writer.commit(root: "/r")
            let reader = try IndexReader.open(dir.path)
            #expect(reader.segments.count <= 3)
            #expect(reader.liveDocumentCount == round + 1)
            #expect(try reader.check().documents == reader.documentCount)
        }
        let reader = try IndexReader.open(dir.path)
        let paths = try (0..<reader.documentCount).compactMap { try reader.storedDocument($0)?.path }
        #expect(Set(paths) == Set((0...6).map { "f\($0).html" }) && paths.count == 7)
        let f0 = try #require(try reader.document(path: "f0.html"))
        #expect(try reader.storedDocument(f0)?.body == "pflegegeld6 seite nummer 0")
    }
}
