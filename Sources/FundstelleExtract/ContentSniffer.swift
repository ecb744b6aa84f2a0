/// Decides from the (UTF-8) content, not only the file name, how a file is to be read.
///
/// Leading whitespace, comments, processing instructions and doctypes are skipped; then
/// `<!DOCTYPE html`, a root `<html>` or any other start tag means HTML, except that after an XML
/// declaration or a non-HTML doctype a root other than `html` means XML, and so does a root that
/// only XML has (rss, feed, urlset, dokumente, any unknown element in a `.xml` file) without
/// one. `.txt` files are text.
/// Content that starts with text is HTML if a known HTML tag appears in the first 8 KB.
struct ContentSniffer {
    enum Kind: Equatable { case html, xml, text }

    private static let textScanLimit = 8 << 10

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var sawXMLProlog = false

    static func kind(of utf8: [UInt8], path: String) -> Kind? {
        if path.lowercased().hasSuffix(".txt") { return .text }
        return utf8.withUnsafeBufferPointer { bytes in
            var sniffer = ContentSniffer(bytes: bytes, isXMLFile: path.lowercased().hasSuffix(".xml"))
            return sniffer.markupKind()
        }
    }

    private let isXMLFile: Bool

    private init(bytes: UnsafeBufferPointer<UInt8>, isXMLFile: Bool) {
        self.bytes = bytes
        self.isXMLFile = isXMLFile
    }

    /// Roots of XML vocabularies that come without an XML declaration.
    private static let xmlRoots: Set<String> = ["rss", "feed", "rdf:rdf", "urlset", "sitemapindex", "dokumente"]

    private mutating func markupKind() -> Kind? {
        while index < bytes.count {
            if bytes[index].isASCIIWhitespace {
                index += 1
            } else if hasPrefix("<!--") {
                skip(past: "-->")
            } else if hasPrefix("<?") {
                sawXMLProlog = sawXMLProlog || hasPrefix("<?xml")
                skip(past: "?>")
            } else if hasPrefix("<!doctype") {
                index += 9
                if tagName() == "html" { return .html }
                sawXMLProlog = true
                skipDoctypeRest()
            } else if hasPrefix("<"), index + 1 < bytes.count, bytes[index + 1].isASCIILetter {
                index += 1
                let root = tagName()
                guard root != "html" else { return .html }
                if sawXMLProlog || Self.xmlRoots.contains(root) || (isXMLFile && !HTMLElementRole.isKnownElement(root)) {
                    return .xml
                }
                return .html
            } else {
                return containsKnownHTMLTag() ? .html : nil
            }
        }
        return nil
    }

    /// Reads a name (after optional whitespace), lowercased.
    private mutating func tagName() -> String {
        while index < bytes.count, bytes[index].isASCIIWhitespace { index += 1 }
        let start = index
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self).lowercased()
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte >= 0x80
    }

    /// Skips to after the doctype's closing `>`, including an internal subset in brackets.
    private mutating func skipDoctypeRest() {
        var bracketDepth = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "[") { bracketDepth += 1 }
            if byte == UInt8(ascii: "]") { bracketDepth -= 1 }
            if byte == UInt8(ascii: ">"), bracketDepth <= 0 { return }
        }
    }

    private func containsKnownHTMLTag() -> Bool {
        var position = index
        let limit = min(bytes.count, index + Self.textScanLimit)
        while position + 1 < limit {
            if bytes[position] == UInt8(ascii: "<"), bytes[position + 1].isASCIILetter {
                var end = position + 1
                while end < limit, bytes[end].isASCIILetter || (0x30...0x39).contains(bytes[end]) { end += 1 }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[position + 1..<end]), as: UTF8.self)
                if HTMLElementRole.isKnownElement(name.lowercased()) { return true }
                position = end
            } else {
                position += 1
            }
        }
        return false
    }

    /// Case-insensitive match of an ASCII literal (given in lowercase) at the current position.
    private func hasPrefix(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pattern = literal.utf8Start
        for offset in 0..<count where bytes[index + offset].asciiLowercased != pattern[offset] {
            return false
        }
        return true
    }

    private mutating func skip(past terminator: StaticString) {
        while index < bytes.count, !hasPrefix(terminator) { index += 1 }
        index = min(index + terminator.utf8CodeUnitCount, bytes.count)
    }
}
