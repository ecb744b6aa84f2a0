/// Turns the bytes of one file into the documents it contains: one per HTML page, XML file or
/// text file, one per norm for gii-norm law XML.
///
/// Thread-safe: the indexer calls `extract` from several threads at once.
public struct Extractor: Sendable {
    /// Files larger than this many bytes are refused with `ExtractError.tooLarge`.
    public let maxFileSize: Int

    /// How far into a file NUL bytes mark it as binary.
    private static let binaryScanLimit = 8 << 10

    public init(maxFileSize: Int = 50 << 20) {
        self.maxFileSize = maxFileSize
    }

    /// Extracts the documents in one file. `path` is relative to the indexed root; records inside the
    /// file get `path#fragment`. Throws ExtractError for files that are not pages (binary, empty, too large,
    /// unparseable) — the caller reports and skips them.
    public func extract(_ bytes: [UInt8], path: String) throws(ExtractError) -> [Document] {
        guard bytes.count <= maxFileSize else { throw .tooLarge(limit: maxFileSize) }
        guard !bytes.isEmpty else { throw .empty }
        if !Charset.hasUTF16ByteOrderMark(bytes), bytes.prefix(Self.binaryScanLimit).contains(0) {
            throw .binary
        }
        let utf8 = Charset.utf8(bytes, as: Charset.detect(bytes))
        guard utf8.contains(where: { !$0.isASCIIWhitespace }) else { throw .empty }
        switch ContentSniffer.kind(of: utf8, path: path) {
        case .html: return [try HTMLExtractor.extract(utf8, path: path)]
        case .xml: return try XMLExtractor.extract(utf8, path: path)
        case .text: return [PlainTextExtractor.extract(utf8, path: path)]
        case nil: throw .notMarkup
        }
    }
}
