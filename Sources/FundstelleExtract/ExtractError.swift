/// Why a file yields no documents. The indexer reports `description` and skips the file.
public enum ExtractError: Error, Sendable, Equatable, CustomStringConvertible {
    /// NUL bytes near the start: an image, archive, PDF or other binary format.
    case binary
    /// No bytes, or nothing but whitespace.
    case empty
    /// The file exceeds the extractor's size limit (in bytes).
    case tooLarge(limit: Int)
    /// Neither markup nor a `.txt` file.
    case notMarkup
    /// The file looks like XML but is not well-formed.
    case xmlSyntax(line: Int, message: String)
    /// libxml2's HTML parser produced no document at all.
    case htmlUnparseable
    /// libxml2 could not be loaded (the reason says why): no page can be parsed.
    case parserUnavailable(String)
    /// A gzip stream that zlib cannot inflate, or that inflates beyond the limit.
    case badCompression(String)
    /// A WARC file without a single page to index.
    case noPagesInArchive
    /// The page asks not to be indexed (`<meta name="robots" content="noindex">`).
    case noindex
    /// A sitemap lists pages; it is not one.
    case sitemap
    /// `--record ELEMENT` was given and the XML file has no such element with text.
    case noRecords(element: String)

    /// A short reason for a log line, e.g. "binary file" or "XML parse error at line 3: …".
    public var description: String {
        switch self {
        case .binary: "binary file"
        case .empty: "empty file"
        case .tooLarge(let limit):
            limit % (1 << 20) == 0 ? "larger than \(limit >> 20) MB" : "larger than \(limit) bytes"
        case .notMarkup: "not HTML, XML or text"
        case .xmlSyntax(let line, let message): "XML parse error at line \(line): \(message)"
        case .htmlUnparseable: "HTML parse error"
        case .parserUnavailable(let reason): "libxml2 unavailable: \(reason)"
        case .badCompression(let reason): "gzip: \(reason)"
        case .noPagesInArchive: "WARC archive without an HTML, XML or text response"
        case .noindex: "robots meta tag says noindex"
        case .sitemap: "sitemap (lists pages, is not one)"
        case .noRecords(let element): "no <\(element)> records with text"
        }
    }
}
