/// Reads the records of a WARC file (ISO 28500; versions 1.0 and 1.1), as `wget --warc-file`
/// writes them: a version line, header lines, an empty line, `Content-Length` bytes of block,
/// and two line breaks. Only what indexing needs is kept.
struct WARCReader {
    struct Record {
        var type: String
        var targetURI: String
        var block: ArraySlice<UInt8>
    }

    /// Whether `bytes` start like a WARC file.
    static func isWARC(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array("WARC/1.".utf8))
    }

    /// The records of `bytes`; stops at the first record that is cut off or malformed.
    static func records(_ bytes: [UInt8]) -> [Record] {
        var records: [Record] = []
        var i = 0
        let crlfcrlf: [UInt8] = [13, 10, 13, 10]
        while i < bytes.count {
            // Skip the line breaks between records.
            while i < bytes.count, bytes[i] == 13 || bytes[i] == 10 { i += 1 }
            guard i < bytes.count, bytes[i...].starts(with: Array("WARC/".utf8)),
                  let headerEnd = find(crlfcrlf, in: bytes, from: i) else { break }
            let headers = HTTPHeaders(bytes[i..<headerEnd], skipFirstLine: true)
            guard let length = headers["content-length"].flatMap({ Int($0) }), length >= 0,
                  headerEnd + 4 + length <= bytes.count else { break }
            let block = bytes[(headerEnd + 4)..<(headerEnd + 4 + length)]
            // WARC 1.0 (as wget writes it) puts the URI in angle brackets; 1.1 does not.
            var uri = headers["warc-target-uri"] ?? ""
            if uri.hasPrefix("<"), uri.hasSuffix(">") { uri = String(uri.dropFirst().dropLast()) }
            records.append(Record(type: headers["warc-type"] ?? "", targetURI: uri, block: block))
            i = headerEnd + 4 + length
        }
        return records
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

/// Header lines `Name: value` (names lower-cased; the first of a repeated name counts).
struct HTTPHeaders {
    private var fields: [String: String] = [:]
    /// The first line when it was skipped: the WARC version or the HTTP status line.
    private(set) var firstLine = ""

    init(_ bytes: ArraySlice<UInt8>, skipFirstLine: Bool) {
        let text = String(decoding: bytes, as: UTF8.self)
        var first = skipFirstLine
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            if first {
                firstLine = String(line)
                first = false
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingASCIIWhitespace().lowercased()
            if fields[name] == nil { fields[name] = String(line[line.index(after: colon)...]).trimmingASCIIWhitespace() }
        }
    }

    subscript(name: String) -> String? { fields[name] }
}

/// An HTTP response inside a WARC `response` record.
struct HTTPResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    init?(_ block: ArraySlice<UInt8>) {
        let bytes = Array(block)
        guard bytes.starts(with: Array("HTTP/".utf8)),
              let end = WARCReader.find([13, 10, 13, 10], in: bytes, from: 0) else { return nil }
        headers = HTTPHeaders(bytes[0..<end], skipFirstLine: true)
        let parts = headers.firstLine.split(separator: " ")
        guard parts.count >= 2, let code = Int(parts[1]) else { return nil }
        status = code
        body = Array(bytes[(end + 4)...])
    }

    /// The media type of `Content-Type`, lower-cased, without parameters.
    var mediaType: String {
        (headers["content-type"] ?? "").split(separator: ";").first.map { String($0).trimmingASCIIWhitespace().lowercased() } ?? ""
    }
}
