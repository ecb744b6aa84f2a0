/// Finds the charset a file declares in its first bytes, before any decoding: a `<meta charset>`
/// or `<meta http-equiv="Content-Type" content="…; charset=…">` tag, else the XML declaration's
/// `encoding`. Works on the raw bytes, which is safe for every ASCII-compatible encoding.
struct DeclaredCharsetScanner {
    /// How far to look for a meta tag; the scan also stops at `<body`.
    static let metaScanLimit = 64 << 10

    private let bytes: UnsafeBufferPointer<UInt8>
    private let limit: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.limit = min(bytes.count, Self.metaScanLimit)
    }

    func declaration() -> (label: String, source: CharsetDetection.Source)? {
        if let label = metaCharset() { return (label, .metaTag) }
        if let label = xmlDeclarationEncoding() { return (label, .xmlDeclaration) }
        return nil
    }

    // MARK: - Meta tags

    private func metaCharset() -> String? {
        var index = 0
        while let open = firstIndex(of: UInt8(ascii: "<"), from: index) {
            if hasPrefix("<!--", at: open) {
                index = end(of: "-->", from: open + 4)
            } else if hasPrefix("<meta", at: open), open + 5 < limit,
                      bytes[open + 5].isASCIIWhitespace || bytes[open + 5] == UInt8(ascii: "/") {
                let (attributes, next) = parseAttributes(from: open + 5)
                if let label = charset(in: attributes) { return label }
                index = next
            } else if hasPrefix("<body", at: open) {
                return nil
            } else {
                index = open + 1
            }
        }
        return nil
    }

    private func charset(in attributes: [String: String]) -> String? {
        if let charset = attributes["charset"], !charset.trimmingASCIIWhitespace().isEmpty {
            return charset.trimmingASCIIWhitespace()
        }
        guard attributes["http-equiv"]?.trimmingASCIIWhitespace().lowercased() == "content-type",
              let content = attributes["content"] else { return nil }
        return Self.charsetParameter(in: content)
    }

    /// The value after `charset=` in a Content-Type value such as `text/html; charset="utf-8"`.
    static func charsetParameter(in content: String) -> String? {
        let lowered = content.lowercased()
        guard let range = lowered.firstRange(of: "charset") else { return nil }
        var rest = lowered[range.upperBound...].drop(while: { $0 == " " })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\"" || $0 == "'" })
        let label = rest.prefix(while: { $0 != ";" && $0 != "\"" && $0 != "'" && $0 != " " && $0 != "," })
        return label.isEmpty ? nil : String(label)
    }

    /// Parses `name=value` pairs up to the closing `>`; returns them (names lowercased) and the
    /// index after the tag.
    private func parseAttributes(from start: Int) -> ([String: String], Int) {
        var attributes: [String: String] = [:]
        var index = start
        while index < limit {
            index = skip(from: index) { $0.isASCIIWhitespace || $0 == UInt8(ascii: "/") }
            guard index < limit, bytes[index] != UInt8(ascii: ">") else { return (attributes, index + 1) }
            let nameStart = index
            index = skip(from: index) { !$0.isASCIIWhitespace && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: ">") }
            let name = string(nameStart..<index).lowercased()
            index = skip(from: index) { $0.isASCIIWhitespace }
            guard index < limit, bytes[index] == UInt8(ascii: "=") else {
                if attributes[name] == nil { attributes[name] = "" }
                continue
            }
            index = skip(from: index + 1) { $0.isASCIIWhitespace }
            let (value, next) = parseValue(from: index)
            if attributes[name] == nil { attributes[name] = value }
            index = next
        }
        return (attributes, limit)
    }

    private func parseValue(from start: Int) -> (String, Int) {
        guard start < limit else { return ("", limit) }
        let quote = bytes[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let end = skip(from: start + 1) { $0 != quote }
            return (string(start + 1..<end), min(end + 1, limit))
        }
        let end = skip(from: start) { !$0.isASCIIWhitespace && $0 != UInt8(ascii: ">") }
        return (string(start..<end), end)
    }

    // MARK: - XML declaration

    /// The `encoding` pseudo-attribute of a leading `<?xml … ?>`.
    private func xmlDeclarationEncoding() -> String? {
        let start = skip(from: 0) { $0.isASCIIWhitespace }
        guard hasPrefix("<?xml", at: start) else { return nil }
        let close = end(of: "?>", from: start)
        let declaration = string(start..<close)
        guard let range = declaration.firstRange(of: "encoding") else { return nil }
        let rest = declaration[range.upperBound...].drop(while: { $0 == " " || $0 == "=" })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let label = rest.dropFirst().prefix(while: { $0 != quote })
        return label.isEmpty ? nil : String(label)
    }

    // MARK: - Byte helpers

    private func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        var index = start
        while index < limit {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    private func skip(from start: Int, while predicate: (UInt8) -> Bool) -> Int {
        var index = start
        while index < limit, predicate(bytes[index]) { index += 1 }
        return index
    }

    /// Case-insensitive match of an ASCII literal (given in lowercase) at `index`.
    private func hasPrefix(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= limit else { return false }
        let pattern = literal.utf8Start
        for offset in 0..<count where bytes[index + offset].asciiLowercased != pattern[offset] {
            return false
        }
        return true
    }

    /// The index just after the next occurrence of `terminator`, or the scan limit.
    private func end(of terminator: StaticString, from start: Int) -> Int {
        var index = start
        while index < limit {
            if hasPrefix(terminator, at: index) { return index + terminator.utf8CodeUnitCount }
            index += 1
        }
        return limit
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
