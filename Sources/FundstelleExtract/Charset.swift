/// Decides which encoding a file's bytes are in and converts them to UTF-8, before libxml2 sees them.
///
/// Order: byte order mark; else a `<meta>` charset in the first 64 KB; else the XML declaration;
/// else valid UTF-8 is UTF-8 and anything else windows-1252. Two corrections overrule a declaration:
/// - bytes declared UTF-8 that are not valid UTF-8 are read as windows-1252, except that sequences
///   which are valid UTF-8 are kept (many such pages are UTF-8 with a few Latin-1 bytes pasted in);
///   the same mixed reading applies to undeclared invalid UTF-8, where it equals plain windows-1252
///   for genuinely Latin-1 text;
/// - bytes declared with a windows-1252 label (iso-8859-1, latin1, us-ascii) that are valid UTF-8
///   with non-ASCII characters are read as UTF-8: mislabelled UTF-8 is common, whereas Latin-1
///   text that happens to be valid UTF-8 would itself be mojibake.
public enum Charset {
    public static func detect(_ bytes: [UInt8]) -> CharsetDetection {
        bytes.withUnsafeBufferPointer { detect($0) }
    }

    /// The bytes as UTF-8 without byte order mark, converted according to `detection`. The result
    /// is always valid UTF-8 (a sequence truncated at the end of the data is dropped).
    public static func utf8(_ bytes: [UInt8], as detection: CharsetDetection) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer in
            switch detection.encoding {
            case .utf8: utf8WithoutBOM(bytes, buffer)
            case .utf16LittleEndian: UTF16Decoder.decode(withoutBOM(buffer, length: 2), bigEndian: false)
            case .utf16BigEndian: UTF16Decoder.decode(withoutBOM(buffer, length: 2), bigEndian: true)
            case .windows1252: Windows1252.decode(buffer)
            case .utf8WithWindows1252Fallback: Windows1252.decode(buffer, keepingValidUTF8: true)
            case .other(let label): IconvDecoder.decode(buffer, from: label) ?? Windows1252.decode(buffer)
            }
        }
    }

    /// True when the bytes begin with a UTF-16 byte order mark (such files contain NUL bytes
    /// without being binary).
    static func hasUTF16ByteOrderMark(_ bytes: [UInt8]) -> Bool {
        byteOrderMark(bytes.prefix(3)).map { $0 != .utf8 } ?? false
    }

    /// As `detect`, but a charset from the transport (the HTTP `Content-Type` of a WARC
    /// response, e.g. `text/html; charset=iso-8859-1`) outranks what the page declares, as in
    /// browsers; a byte order mark outranks both.
    public static func detect(_ bytes: [UInt8], contentType: String?) -> CharsetDetection {
        guard let contentType, let label = DeclaredCharsetScanner.charsetParameter(in: contentType) else { return detect(bytes) }
        return bytes.withUnsafeBufferPointer { detect($0, transport: label) }
    }

    private static func detect(_ buffer: UnsafeBufferPointer<UInt8>, transport: String? = nil) -> CharsetDetection {
        if let encoding = byteOrderMark(buffer.prefix(3)) {
            return CharsetDetection(encoding: encoding, source: .byteOrderMark)
        }
        let verdict = UTF8Validator.verdict(buffer)
        let declaration = transport.map { ($0, CharsetDetection.Source.httpHeader) } ?? DeclaredCharsetScanner(buffer).declaration()
        guard let (label, source) = declaration, let declared = TextEncoding(label: label) else {
            return undeclared(verdict)
        }
        switch (declared, verdict) {
        case (.utf8, .invalid):
            return CharsetDetection(encoding: .utf8WithWindows1252Fallback, source: .invalidUTF8, declaredLabel: label)
        case (.windows1252, .multibyte):
            return CharsetDetection(encoding: .utf8, source: .validUTF8, declaredLabel: label)
        default:
            return CharsetDetection(encoding: declared, source: source, declaredLabel: label)
        }
    }

    private static func undeclared(_ verdict: UTF8Validator.Verdict) -> CharsetDetection {
        verdict == .invalid
            ? CharsetDetection(encoding: .utf8WithWindows1252Fallback, source: .invalidUTF8)
            : CharsetDetection(encoding: .utf8, source: .validUTF8)
    }

    private static func byteOrderMark<Bytes: Collection<UInt8>>(_ start: Bytes) -> TextEncoding? {
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if start.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if start.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        return nil
    }

    /// Valid UTF-8 passes through without a copy; invalid sequences (possible after a byte order
    /// mark, which is trusted without looking further) become U+FFFD.
    private static func utf8WithoutBOM(_ bytes: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let start = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let end = buffer.count - UTF8Validator.truncatedTailLength(buffer)
        let content = UnsafeBufferPointer(rebasing: buffer[start..<end])
        if UTF8Validator.verdict(content) == .invalid { return UTF8Validator.repaired(content) }
        return start == 0 && end == buffer.count ? bytes : Array(content)
    }

    private static func withoutBOM(_ buffer: UnsafeBufferPointer<UInt8>, length: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[min(length, buffer.count)...])
    }
}
