import Testing
@testable import FundstelleExtract

/// A WARC 1.1 record around `block`.
func warcRecord(_ type: String, uri: String, block: [UInt8]) -> [UInt8] {
    let header = "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\n"
        + "WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-\(String(uri.utf8.count, radix: 16).leftPadded(12))>\r\n"
        + "WARC-Date: 2025-07-03T10:00:00Z\r\nContent-Type: application/http;msgtype=\(type)\r\n"
        + "Content-Length: \(block.count)\r\n\r\n"
    return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
}

func httpResponse(_ status: String, contentType: String, body: [UInt8]) -> [UInt8] {
    Array("HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}

/// What `wget --warc-file` writes for a small site: warcinfo, request/response pairs, a revisit,
/// an image and a 404.
func sampleWARCRecords() -> [[UInt8]] {
    let latin1Page: [UInt8] = Array("<html><head><title>Wohngeld</title></head><body><p>Zuschuss f".utf8) + [0xFC]
        + Array("r die Miete</p></body></html>".utf8)
    let utf8Page = Array("<html lang=\"de\"><head><title>Pflege</title></head><body><h1>Pflegeberatung</h1><p>Beratung für Angehörige.</p></body></html>".utf8)
    return [
        warcRecord("warcinfo", uri: "", block: Array("software: Wget/1.21\r\n".utf8)),
        warcRecord("request", uri: "http://127.0.0.1:8000/wohngeld.html", block: Array("GET /wohngeld.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)),
        warcRecord("response", uri: "http://127.0.0.1:8000/wohngeld.html",
                   block: httpResponse("200 OK", contentType: "text/html; charset=ISO-8859-1", body: latin1Page)),
        warcRecord("response", uri: "http://127.0.0.1:8000/pflege.html",
                   block: httpResponse("200 OK", contentType: "text/html", body: utf8Page)),
        warcRecord("revisit", uri: "http://127.0.0.1:8000/pflege.html", block: []),
        warcRecord("response", uri: "http://127.0.0.1:8000/logo.png",
                   block: httpResponse("200 OK", contentType: "image/png", body: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0])),
        warcRecord("response", uri: "http://127.0.0.1:8000/fehlt.html",
                   block: httpResponse("404 Not Found", contentType: "text/html", body: Array("<html><body>Nicht gefunden</body></html>".utf8))),
    ]
}

@Suite struct ArchiveTests {
    @Test func gzipRoundTripAndErrors() throws {
        let text = Array(String(repeating: "Hilfe zum Lebensunterhalt. ", count: 2000).utf8)
        let packed = Gzip.compress(text)
        #expect(Gzip.isGzip(packed) && packed.count < text.count / 10)
        #expect(try Gzip.decompress(packed, limit: 1 << 20) == text)
        // Two members one after another are one stream.
        #expect(try Gzip.decompress(packed + Gzip.compress(Array("Ende".utf8)), limit: 1 << 20) == text + Array("Ende".utf8))
        #expect(throws: ExtractError.self) { try Gzip.decompress(Array(packed.prefix(packed.count / 2)), limit: 1 << 20) }
        #expect(throws: ExtractError.self) { try Gzip.decompress(packed, limit: 1000) }  // bounded output
    }

    @Test func gzippedPageIsItsContent() throws {
        let page = Array("<html><head><title>Kindergeld</title></head><body><p>Antrag stellen.</p></body></html>".utf8)
        let docs = try Extractor().extract(Gzip.compress(page), path: "kindergeld.html.gz")
        #expect(docs.map(\.title) == ["Kindergeld"] && docs[0].path == "kindergeld.html.gz")
    }

    @Test(arguments: [false, true])
    func warcResponsesBecomeDocuments(gzipped: Bool) throws {
        let records = sampleWARCRecords()
        let bytes = gzipped ? records.flatMap { Gzip.compress($0) } : records.flatMap { $0 }
        let docs = try Extractor().extract(bytes, path: "crawl.warc" + (gzipped ? ".gz" : ""))
        #expect(docs.map(\.title) == ["Wohngeld", "Pflegeberatung"])
        let base = "crawl.warc" + (gzipped ? ".gz" : "")
        #expect(docs.map(\.path) == [base + "#http://127.0.0.1:8000/wohngeld.html", base + "#http://127.0.0.1:8000/pflege.html"])
        #expect(docs[0].url == "http://127.0.0.1:8000/wohngeld.html")
        #expect(docs[0].body.contains("für die Miete"))  // charset from the HTTP header
        #expect(docs[1].language == "de" && docs[1].body == "Beratung für Angehörige.")
    }

    /// WARC 1.0, as wget writes it, puts the target URI in angle brackets.
    @Test func warc10TargetURIInBrackets() throws {
        let block = httpResponse("200 OK", contentType: "text/html", body: Array("<title>Seite</title><p>Text</p>".utf8))
        var record = warcRecord("response", uri: "<http://127.0.0.1:8765/>", block: block)
        record.replaceSubrange(0..<8, with: Array("WARC/1.0".utf8))
        let docs = try Extractor().extract(record, path: "w.warc")
        #expect(docs.map(\.url) == ["http://127.0.0.1:8765/"] && docs[0].path == "w.warc#http://127.0.0.1:8765/")
    }

    @Test func archiveWithoutPagesAndBrokenRecords() throws {
        let only = warcRecord("request", uri: "http://x/", block: Array("GET / HTTP/1.1\r\n\r\n".utf8))
        #expect(throws: ExtractError.noPagesInArchive) { try Extractor().extract(only, path: "a.warc") }
        // A record cut off in the middle ends the archive; the records before it count.
        let records = sampleWARCRecords()
        let cut = records[0..<4].flatMap { $0 } + Array(records[4].prefix(10))
        #expect(try Extractor().extract(cut, path: "b.warc").count == 2)
    }
}
