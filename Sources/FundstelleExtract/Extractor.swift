/// Turns the bytes of one file into the documents it contains: one per HTML page, XML file or
/// text file, one per norm for gii-norm law XML.
///
/// Thread-safe: the indexer calls `extract` from several threads at once.
public struct Extractor: Sendable {
    /// Files larger than this many bytes are refused with `ExtractError.tooLarge`.
    public let maxFileSize: Int
    /// With a name, XML files are exports of records: one document per element of that name.
    public let recordElement: String?
    /// Whether pages marked `<meta name="robots" content="noindex">` are refused (`.noindex`).
    public let honorsNoindex: Bool

    /// How far into a file NUL bytes mark it as binary.
    private static let binaryScanLimit = 8 << 10

    public init(maxFileSize: Int = 50 << 20, recordElement: String? = nil, honorsNoindex: Bool = true) {
        self.maxFileSize = maxFileSize
        self.recordElement = recordElement
        self.honorsNoindex = honorsNoindex
    }

    /// Extracts the documents in one file. `path` is relative to the indexed root; records inside the
    /// file get `path#fragment`. Throws ExtractError for files that are not pages (binary, empty, too large,
    /// unparseable) — the caller reports and skips them.
    public func extract(_ bytes: [UInt8], path: String) throws(ExtractError) -> [Document] {
        guard !bytes.isEmpty else { throw .empty }
        // A gzip file is its content: inflated within a bound, so a small file cannot fill memory.
        var bytes = bytes
        if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes, limit: Self.archiveLimit(maxFileSize)) }
        // An archive's size limit is per page, not per file.
        if WARCReader.isWARC(bytes) { return try extractArchive(bytes, path: path) }
        return try extractPage(bytes, path: path, contentType: nil)
    }

    /// How far a compressed file may inflate: archives hold many pages.
    static func archiveLimit(_ maxFileSize: Int) -> Int { max(maxFileSize, 1) * 20 }

    private func extractPage(_ bytes: [UInt8], path: String, contentType: String?) throws(ExtractError) -> [Document] {
        guard bytes.count <= maxFileSize else { throw .tooLarge(limit: maxFileSize) }
        guard !bytes.isEmpty else { throw .empty }
        if !Charset.hasUTF16ByteOrderMark(bytes), bytes.prefix(Self.binaryScanLimit).contains(0) {
            throw .binary
        }
        let utf8 = Charset.utf8(bytes, as: Charset.detect(bytes, contentType: contentType))
        guard utf8.contains(where: { !$0.isASCIIWhitespace }) else { throw .empty }
        switch ContentSniffer.kind(of: utf8, path: path) {
        case .html: return [try HTMLExtractor.extract(utf8, path: path, honorsNoindex: honorsNoindex)]
        case .xml: return try XMLExtractor.extract(utf8, path: path, recordElement: recordElement)
        case .text: return [PlainTextExtractor.extract(utf8, path: path)]
        case nil: throw .notMarkup
        }
    }

    /// Media types of responses worth indexing.
    private static let pageTypes: Set<String> = [
        "text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml",
    ]

    /// The pages of a WARC file: each successful `response` record of an HTML, XML or text page
    /// is a document `path#URL`, its charset from the HTTP header when it names one. Requests,
    /// revisits, metadata, other media and records that fail are passed over.
    private func extractArchive(_ bytes: [UInt8], path: String) throws(ExtractError) -> [Document] {
        var documents: [Document] = []
        for record in WARCReader.records(bytes) where record.type == "response" {
            guard let response = HTTPResponse(record.block), (200..<300).contains(response.status),
                  Self.pageTypes.contains(response.mediaType) else { continue }
            var body = response.body
            if response.headers["content-encoding"]?.lowercased() == "gzip" || Gzip.isGzip(body) {
                guard let inflated = try? Gzip.decompress(body, limit: maxFileSize) else { continue }
                body = inflated
            }
            let name = record.targetURI.isEmpty ? path : path + "#" + record.targetURI
            guard var pages = try? extractPage(body, path: name, contentType: response.headers["content-type"]) else { continue }
            for i in pages.indices where pages[i].url.isEmpty { pages[i].url = record.targetURI }
            documents += pages
        }
        guard !documents.isEmpty else { throw .noPagesInArchive }
        return documents
    }
}
