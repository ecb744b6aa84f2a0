import Foundation
import Testing
import FundstelleExtract

@Suite("File kinds, errors and thread safety")
struct FileKindTests {
    @Test func emptyFilesThrow() {
        #expect(throws: ExtractError.empty) { try Extractor().extract([], path: "a.html") }
        #expect(throws: ExtractError.empty) { try Extractor().extract(Array(" \n\t ".utf8), path: "a.html") }
        #expect(throws: ExtractError.empty) { try Extractor().extract([0xEF, 0xBB, 0xBF, 0x0A], path: "a.txt") }
    }

    @Test func binaryFilesThrow() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect(throws: ExtractError.binary) { try Extractor().extract(png, path: "bild.html") }
        #expect(throws: ExtractError.binary) { try Extractor().extract(Array("<html>".utf8) + [0] + Array("</html>".utf8), path: "a.html") }
    }

    @Test func tooLargeFilesThrow() {
        let bytes = Array("<html><body>zu gross</body></html>".utf8)
        #expect(throws: ExtractError.tooLarge(limit: 10)) { try Extractor(maxFileSize: 10).extract(bytes, path: "a.html") }
        #expect(Extractor().maxFileSize == 50 << 20)
    }

    @Test func errorDescriptions() {
        #expect(ExtractError.binary.description == "binary file")
        #expect(ExtractError.empty.description == "empty file")
        #expect(ExtractError.tooLarge(limit: 50 << 20).description == "larger than 50 MB")
        #expect(ExtractError.notMarkup.description == "not HTML, XML or text")
        #expect(ExtractError.xmlSyntax(line: 3, message: "boom").description == "XML parse error at line 3: boom")
    }

    @Test func nonMarkupThrows() {
        #expect(throws: ExtractError.notMarkup) { try Extractor().extract(Array("{\"json\": true}".utf8), path: "daten.json") }
    }

    @Test func malformedXMLReportsLine() throws {
        let xml = "<?xml version=\"1.0\"?>\n<liste>\n<eintrag>\n</liste>\n"
        do {
            _ = try Extractor().extract(Array(xml.utf8), path: "kaputt.xml")
            Issue.record("expected an XML syntax error")
        } catch {
            guard case .xmlSyntax(let line, let message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(line == 4)
            #expect(!message.isEmpty)
            #expect(error.description.hasPrefix("XML parse error at line 4: "))
        }
    }

    @Test func externalEntitiesAreNotLoaded() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE notiz [<!ENTITY geheim SYSTEM "file:///etc/passwd"><!ENTITY gruss "Hallo">]>
            <notiz><title>Notiz</title><text>&gruss; &geheim; Welt</text></notiz>
            """
        let document = try Fixtures.single(xml, path: "notiz.xml")
        #expect(!document.body.contains("root"))
        #expect(document.body.contains("Welt"))
    }

    @Test func genericXMLKeepsAllText() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <artikel xml:lang="de"><kopf><title>Hinweis  zum Antrag</title></kopf>
            <absatz>Der Antrag ist <hervor>form</hervor>los möglich.</absatz><absatz>Zweiter Absatz.</absatz></artikel>
            """
        let document = try Fixtures.single(xml, path: "hinweis.xml")
        #expect(document.title == "Hinweis zum Antrag")
        #expect(document.language == "de")
        #expect(document.body == "Hinweis zum Antrag\nDer Antrag ist formlos möglich.\nZweiter Absatz.")
    }

    @Test func plainTextFiles() throws {
        let text = "\n  Merkblatt Wohngeld  \nWer Wohngeld beantragt,\nbraucht einen Antrag.\n\nZweiter Absatz.\n"
        let document = try Fixtures.single(text, path: "merkblatt.txt")
        #expect(document.title == "Merkblatt Wohngeld")
        #expect(document.body == "Wer Wohngeld beantragt, braucht einen Antrag.\nZweiter Absatz.")
        let latin1 = try Fixtures.single(Fixtures.latin1("Gr\u{FC}\u{DF}e\nAus M\u{FC}nchen"), path: "gruss.TXT")
        #expect(latin1.title == "Grüße")
        #expect(latin1.body == "Aus München")
    }

    @Test func sniffingByContentNotExtension() throws {
        let html = try Extractor().extract(Array("<!doctype html><title>Seite</title><p>x</p>".utf8), path: "ohne-endung")
        #expect(html.map(\.title) == ["Seite"])
        let xhtmlAsXML = try Fixtures.single("<?xml version=\"1.0\"?><!-- x --><html><head><title>T</title></head><body><p>Text</p></body></html>", path: "a.xml")
        #expect(xhtmlAsXML.body == "Text")
    }

    @Test func concurrentExtractionIsSafeAndDeterministic() async throws {
        let pages = (0..<16).map { index in
            Array(Fixtures.page(body: "<h2>Teil \(index)</h2><p>Größe \(index) &auml;</p>", head: "<title>Seite \(index)</title>").utf8)
        }
        let law = Array(LawXMLTests.fixture.utf8)
        let expected = try pages.map { try Extractor().extract($0, path: "p.html") } + [try Extractor().extract(law, path: "l.xml")]
        let results = try await withThrowingTaskGroup(of: (Int, [Document]).self) { group in
            for round in 0..<8 {
                for (index, bytes) in (pages + [law]).enumerated() {
                    group.addTask { (index, try Extractor().extract(bytes, path: index == pages.count ? "l.xml" : "p.html")) }
                }
                _ = round
            }
            var all: [(Int, [Document])] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8 * (pages.count + 1))
        for (index, documents) in results {
            #expect(documents == expected[index])
        }
    }
}
