import FundstelleExtract
import FundstelleIndex
import Testing
import TestSupport
@testable import FundstelleSearch

/// The texts of links find the pages they point to (a table of contents names each page).
@Suite struct AnchorTextTests {
    static func toc(_ text: String, to target: String = "p1.html") -> Document {
        var doc = Document(path: "toc.html", title: "Inhaltsverzeichnis", body: "Übersicht aller Vorschriften")
        doc.links = [Link(target: target, text: text), Link(target: "toc.html", text: "Hilfe bei Krankheit"),
                     Link(target: "fehlt.html", text: "Hilfe bei Krankheit")]
        return doc
    }

    @Test func linkTextFindsThePageItPointsTo() throws {
        let pages = [Self.toc("Hilfe bei Krankheit"),
                     Document(path: "p1.html", title: "§ 48", body: "Leistungen nach dem Fünften Kapitel werden erbracht."),
                     Document(path: "p2.html", title: "§ 49", body: "Die Krankheit wird behandelt und die Hilfe geleistet.")]
        try withIndex(pages) { searcher throws in
            // The page the link points to ranks above a page that merely holds the words;
            // the linking page itself and its link to itself add nothing.
            let result = try searcher.search("Hilfe bei Krankheit", explain: true)
            #expect(result.hits.map(\.path) == ["p1.html", "p2.html"])
            #expect(result.hits.first?.explanation.flatMap(\.fields).map(\.field).allSatisfy { $0 == "anchor" } == true)
            #expect(try searcher.search("anchor:krankheit").hits.map(\.path) == ["p1.html"])
            #expect(try searcher.search("\"hilfe bei krankheit\"").hits.map(\.path) == ["p1.html"])
        }
    }

    /// Anchors are gathered anew at every commit: a changed link changes them, a merged
    /// segment keeps its pages' links, a page that is gone takes its anchors along.
    @Test func anchorsFollowUpdatesAndMerges() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        func record(_ path: String, _ version: Int = 0) -> FileRecord {
            FileRecord(path: path, size: version, modified: Int64(version), hash: UInt64(version))
        }
        func paths(_ query: String) throws -> [String] {
            try Searcher(reader: try IndexReader.open(dir.path)).search(query).hits.map(\.path)
        }
        let first = try IndexWriter(directory: dir.path)
        try first.add([Self.toc("Hilfe bei Krankheit")], from: record("toc.html"))
        try first.add([Document(path: "p1.html", title: "§ 48", body: "Leistungen nach Kapitel fünf")], from: record("p1.html"))
        try first.commit(root: "/r")
        #expect(try paths("Krankheit") == ["p1.html"])

        for round in 2...5 {  // more segments than allowed: older ones, the table of contents too, are merged
            let writer = try IndexWriter(directory: dir.path, updating: true)
            writer.maximumSegments = 2
            for (_, old) in writer.previousFiles { writer.keep(old) }
            try writer.add([Document(path: "p\(round).html", body: "Seite \(round)")], from: record("p\(round).html"))
            try writer.commit(root: "/r")
            let reader = try IndexReader.open(dir.path)
            #expect(reader.segments.count <= 2)
            _ = try reader.check()
            #expect(try paths("Krankheit") == ["p1.html"], "round \(round)")
        }
        #expect(try IndexReader.open(dir.path).segments.count < 5)

        let changed = try IndexWriter(directory: dir.path, updating: true)
        for (_, old) in changed.previousFiles where old.path != "toc.html" { changed.keep(old) }
        changed.remove(changed.previousFiles["toc.html"]!)
        try changed.add([Self.toc("Krankenhilfe")], from: record("toc.html", 1))
        try changed.commit(root: "/r")
        #expect(try paths("Krankheit").isEmpty)
        #expect(try paths("Krankenhilfe") == ["p1.html"])

        let gone = try IndexWriter(directory: dir.path, updating: true)
        for (_, old) in gone.previousFiles where old.path != "p1.html" { gone.keep(old) }
        gone.remove(gone.previousFiles["p1.html"]!)
        try gone.commit(root: "/r")
        #expect(try paths("Krankenhilfe").isEmpty)
        #expect(try IndexReader.open(dir.path).anchors == nil)
    }

    /// The anchor documents about a set of pages are those a walk over the anchor segment
    /// finds, whatever the pages (every k-th, random, runs of neighbours) and wherever pages
    /// without link text fall among them.
    @Test func anchorDocumentsAboutPagesAgreeWithAWalk() throws {
        var pages: [Document] = []
        var links: [Link] = []
        for i in 0..<400 {
            pages.append(Document(path: "p\(i).html", title: "Seite \(i)", body: "Text der Seite nummer\(i)x"))
            // Three pages in four have link text, in runs, with gaps of varying length.
            if i % 4 != 3 && i % 37 != 5 { links.append(Link(target: "p\(i).html", text: "Verweis \(i)")) }
        }
        var toc = Document(path: "toc.html", title: "Inhalt", body: "Übersicht")
        toc.links = links
        pages.append(toc)
        try withIndex(pages) { searcher throws in
            let reader = searcher.reader
            let anchors = try #require(reader.anchors)
            let targets = (0..<anchors.documentCount).map { reader.anchorTarget($0) }
            var rng = SplitMix64(seed: 41)
            for round in 0..<60 {
                let step = 1 + Int(rng.next() % 9)
                let documents = stride(from: Int(rng.next() % 5), to: reader.documentCount, by: step)
                    .filter { _ in round % 2 == 0 || rng.next() % 3 == 0 }.map { Int32($0) }
                let expected = targets.indices.filter { documents.contains(Int32(targets[$0])) }.map { Int32($0) }
                #expect(reader.anchorDocuments(about: documents) == expected, "round \(round)")
            }
            #expect(reader.anchorDocuments(about: []) == [])
        }
    }
}
