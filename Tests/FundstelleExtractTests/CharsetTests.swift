import Testing
@testable import FundstelleExtract

@Suite("Charset detection and decoding")
struct CharsetTests {
    @Test func declaredISO88591ByteE4IsUmlaut() throws {
        let bytes = Fixtures.latin1(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
                + "<title>Gr\u{E4}tsche</title></head><body><p>K\u{E4}se</p></body></html>")
        #expect(Charset.detect(bytes) == CharsetDetection(
            encoding: .windows1252, source: .metaTag, declaredLabel: "iso-8859-1"))
        let document = try Fixtures.single(bytes)
        #expect(document.title == "Grätsche")
        #expect(document.body == "Käse")
    }

    @Test func metaCharsetAttribute() throws {
        let bytes = Fixtures.latin1("<html><head><meta charset='latin1'></head><body>M\u{FC}he</body></html>")
        #expect(Charset.detect(bytes).encoding == .windows1252)
        #expect(try Fixtures.single(bytes).body == "Mühe")
    }

    @Test func undeclaredUTF8StaysUTF8() throws {
        let bytes = Array("<html><head><title>Bär</title></head><body><p>Größe ändern</p></body></html>".utf8)
        #expect(Charset.detect(bytes) == CharsetDetection(encoding: .utf8, source: .validUTF8))
        let document = try Fixtures.single(bytes)
        #expect(document.title == "Bär")
        #expect(document.body == "Größe ändern")
        #expect(!document.body.contains("Ã"))
    }

    @Test func windows1252EuroSign() throws {
        let undeclared: [UInt8] = Array("<html><body><p>5 ".utf8) + [0x80] + Array(" pro Monat</p></body></html>".utf8)
        #expect(Charset.detect(undeclared).source == .invalidUTF8)
        #expect(try Fixtures.single(undeclared).body == "5 € pro Monat")
        let declared = Array("<html><head><meta charset=windows-1252></head><body>".utf8) + [0x80, 0x93, 0x84]
            + Array("</body></html>".utf8)
        #expect(try Fixtures.single(declared).body == "€“„")
    }

    @Test func entitiesDecode() throws {
        let document = try Fixtures.single(Fixtures.page(body: "<p>&auml; &#228; &#167; &#x20AC; &amp; &sect;&nbsp;1</p>"))
        #expect(document.body == "ä ä § € & § 1")
    }

    @Test func utf16WithByteOrderMark() throws {
        let html = "<html><head><title>Übersicht</title></head><body><p>Straße</p></body></html>"
        let littleEndian: [UInt8] = [0xFF, 0xFE] + html.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bigEndian: [UInt8] = [0xFE, 0xFF] + html.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(Charset.detect(littleEndian).encoding == .utf16LittleEndian)
        #expect(Charset.detect(bigEndian).encoding == .utf16BigEndian)
        for bytes in [littleEndian, bigEndian] {
            let document = try Fixtures.single(bytes)
            #expect(document.title == "Übersicht")
            #expect(document.body == "Straße")
        }
    }

    @Test func utf8ByteOrderMarkIsStripped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<html><body>Grüße</body></html>".utf8)
        #expect(Charset.detect(bytes).source == .byteOrderMark)
        #expect(try Fixtures.single(bytes).body == "Grüße")
    }

    /// libxml2 must not re-decode our UTF-8 because of the meta tag: valid UTF-8 labelled
    /// iso-8859-1 stays "ä", never "Ã¤".
    @Test func validUTF8LabelledLatin1IsReadAsUTF8() throws {
        let bytes = Array("<html><head><meta charset=\"iso-8859-1\"></head><body>Mädchen</body></html>".utf8)
        #expect(Charset.detect(bytes) == CharsetDetection(encoding: .utf8, source: .validUTF8, declaredLabel: "iso-8859-1"))
        #expect(try Fixtures.single(bytes).body == "Mädchen")
    }

    /// Declared UTF-8 with stray Latin-1 bytes: the stray bytes are windows-1252, the rest stays UTF-8.
    @Test func declaredUTF8WithInvalidBytesFallsBackToWindows1252() throws {
        let bytes = Array("<html><head><meta charset=\"utf-8\"></head><body>Grüße, Mitgef".utf8) + [0xFC]
            + Array("hl</body></html>".utf8)
        let detection = Charset.detect(bytes)
        #expect(detection.encoding == .utf8WithWindows1252Fallback)
        #expect(detection.source == .invalidUTF8)
        #expect(try Fixtures.single(bytes).body == "Grüße, Mitgefühl")
    }

    @Test func latin1WithoutDeclaration() throws {
        let bytes = Fixtures.latin1("<html><body><p>Gem\u{FC}se f\u{FC}r B\u{E4}ren</p></body></html>")
        #expect(try Fixtures.single(bytes).body == "Gemüse für Bären")
    }

    @Test func xmlDeclarationEncoding() throws {
        let bytes = Fixtures.latin1("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><notiz><title>K\u{E4}se</title></notiz>")
        #expect(Charset.detect(bytes) == CharsetDetection(
            encoding: .windows1252, source: .xmlDeclaration, declaredLabel: "ISO-8859-1"))
        #expect(try Fixtures.single(bytes, path: "a.xml").title == "Käse")
    }

    /// A rarer charset goes through iconv: 0xA4 is "€" in ISO-8859-15 but "¤" in windows-1252.
    @Test func iso885915ThroughIconv() throws {
        let bytes = Array("<html><head><meta charset=\"iso-8859-15\"></head><body>10 ".utf8) + [0xA4]
            + Array("</body></html>".utf8)
        #expect(Charset.detect(bytes).encoding == .other("iso-8859-15"))
        #expect(try Fixtures.single(bytes).body == "10 €")
    }

    @Test func unknownLabelFallsBackToSniffing() {
        let bytes = Array("<meta charset=\"x-no-such-charset\"><p>Ä</p>".utf8)
        #expect(Charset.detect(bytes) == CharsetDetection(encoding: .utf8, source: .validUTF8))
    }

    @Test func truncatedUTF8AtEndIsStillUTF8() throws {
        let bytes = Array("<html><body>Bärenstärke ".utf8) + [0xC3]
        #expect(Charset.detect(bytes).encoding == .utf8)
        #expect(try Fixtures.single(bytes).body == "Bärenstärke")
    }

    @Test func textIsNFCNormalised() throws {
        let document = try Fixtures.single(Fixtures.page(body: "<p>Ba\u{308}r</p>", head: "<title>Mu\u{308}he</title>"))
        #expect(document.body.unicodeScalars.map(\.value) == "Bär".unicodeScalars.map(\.value))
        #expect(document.title.unicodeScalars.map(\.value) == "Mühe".unicodeScalars.map(\.value))
    }
}
