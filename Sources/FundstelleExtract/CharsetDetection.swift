/// The outcome of `Charset.detect`: which encoding the bytes are in and how that was decided.
public struct CharsetDetection: Sendable, Equatable, CustomStringConvertible {
    /// Where the decision came from.
    public enum Source: String, Sendable, Equatable {
        case byteOrderMark = "byte order mark"
        /// The charset of the HTTP Content-Type header (a WARC response), which outranks the page's own.
        case httpHeader = "HTTP header"
        case metaTag = "meta tag"
        case xmlDeclaration = "XML declaration"
        /// Nothing usable was declared (or a single-byte charset was declared) and the bytes are valid UTF-8.
        case validUTF8 = "valid UTF-8"
        /// Nothing usable was declared (or UTF-8 was declared) and the bytes are not valid UTF-8.
        case invalidUTF8 = "not valid UTF-8"
    }

    public var encoding: TextEncoding
    public var source: Source
    /// The label the file declares, if any, even when the bytes overruled it.
    public var declaredLabel: String?

    public init(encoding: TextEncoding, source: Source, declaredLabel: String? = nil) {
        self.encoding = encoding
        self.source = source
        self.declaredLabel = declaredLabel
    }

    /// For example "windows-1252 (meta tag)" or "UTF-8 (valid UTF-8; declared iso-8859-1)".
    public var description: String {
        var text = "\(encoding) (\(source.rawValue)"
        if let declaredLabel, source == .validUTF8 || source == .invalidUTF8 {
            text += "; declared \(declaredLabel)"
        }
        return text + ")"
    }
}
